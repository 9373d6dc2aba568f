//===--- RetryAmplificationCheck.cpp - resilience-retry-amplification -----===//

#include "RetryAmplificationCheck.h"
#include "OptionValues.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace resilience {

RetryAmplificationCheck::RetryAmplificationCheck(
    llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : RetryCheckBase(Name, Context),
      RawClients(Options.get("RetryingClients", "").str()) {
  for (const std::string &Item : model::splitList(RawClients)) {
    llvm::StringRef Entry(Item), Count;
    std::tie(Entry, Count) = Entry.split('=');
    model::RetryingClient C;
    C.Name = Entry.trim().str();
    unsigned N;
    if (!Count.trim().empty()) {
      if (Count.trim().getAsInteger(10, N) || N == 0) {
        configurationDiag("invalid attempt count in '%0' of option "
                          "'%1.RetryingClients': expected name=N with N > 0")
            << Item << Name;
        continue;
      }
      C.Attempts = N;
    }
    if (!C.Name.empty())
      Clients.push_back(C);
  }
  // A retrying client's calls are requests.
  std::vector<std::string> Names;
  for (const model::RetryingClient &C : Clients)
    Names.push_back(C.Name);
  addRequestFunctions(Names);
}

void RetryAmplificationCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &O) {
  RetryCheckBase::storeOptions(O);
  Options.store(O, "RetryingClients", RawClients);
}

void RetryAmplificationCheck::onStartOfTranslationUnit() {
  RetryCheckBase::onStartOfTranslationUnit();
  Layers.reset();
  LayersContext = nullptr;
}

/// A call passes a point in time or a duration (a deadline handed down).
static bool passesTime(const CallExpr *C, const model::NameList &TimeTypes) {
  for (const Expr *Arg : C->arguments()) {
    QualType T = Arg->getType().getNonReferenceType();
    if (const auto *RD = T->getAsCXXRecordDecl())
      if (TimeTypes.matches(RD))
        return true;
  }
  return false;
}

void RetryAmplificationCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn)
    return;
  if (LayersContext != R.Context) {
    Layers =
        std::make_unique<model::RetryLayers>(*R.Context, analysis(), Clients);
    LayersContext = R.Context;
  }
  std::optional<unsigned> Outer = Layers->attemptCap(S);
  if (Outer == 1u)
    return;
  std::vector<model::RetryLayer> Chain = Layers->under(S, Fn);
  if (Chain.empty())
    return;
  // One overall deadline handed down and checked on every layer bounds the
  // whole: the layers share a budget instead of multiplying.
  model::NameList TimeTypes;
  TimeTypes.add(model::retryKnowledge().TimeTypes);
  bool AllDeadline = S.Bound == model::LoopBound::Deadline &&
                     passesTime(Chain.front().Via, TimeTypes);
  for (const model::RetryLayer &L : Chain)
    AllDeadline = AllDeadline && L.Inner &&
                  L.Inner->Bound == model::LoopBound::Deadline;
  if (AllDeadline)
    return;

  std::optional<uint64_t> Product = Outer;
  std::string Factors = Outer ? std::to_string(*Outer) : "";
  for (const model::RetryLayer &L : Chain) {
    if (!Product || !L.Attempts) {
      Product.reset();
      continue;
    }
    *Product *= *L.Attempts;
    Factors += " x " + std::to_string(*L.Attempts);
  }
  const model::RetryLayer &Last = Chain.back();
  std::string Target =
      Last.K == model::RetryLayer::Loop ? "'" + Last.Name + "'"
                                        : "the dependency";
  if (Product)
    diag(S.Header, "retry loop around '%0' retries a call that retries "
                   "again: up to %1 = %2 requests per call reach %3; when the "
                   "dependency slows down, every layer retries at once and "
                   "multiplies the load on it")
        << S.RemoteName << Factors << std::to_string(*Product) << Target;
  else
    diag(S.Header, "retry loop around '%0' retries a call that retries "
                   "again (%1 layers of retries); the attempts multiply, so "
                   "when the dependency slows down every layer retries at "
                   "once and multiplies the load on it")
        << S.RemoteName << unsigned(Chain.size() + 1);

  if (Chain.front().Where != Chain.front().Via->getBeginLoc())
    diag(Chain.front().Via->getBeginLoc(), "each attempt calls '%0' here",
         DiagnosticIDs::Note)
        << model::calleeDisplayName(Chain.front().Via);
  for (const model::RetryLayer &L : Chain) {
    std::string Attempts =
        L.Attempts ? "up to " + std::to_string(*L.Attempts) + " attempts"
                   : "an attempt count that is not a constant";
    switch (L.K) {
    case model::RetryLayer::Loop:
      diag(L.Where, "'%0' is retried again by this loop (%1)",
           DiagnosticIDs::Note)
          << L.Name << Attempts;
      break;
    case model::RetryLayer::Handle:
      diag(L.Where, "this configures %0 to retry every request on the "
                    "handle by itself (%1)",
           DiagnosticIDs::Note)
          << L.Name << Attempts;
      break;
    case model::RetryLayer::Client:
      diag(L.Where, "'%0' retries by itself (%1; declared in option "
                    "RetryingClients)",
           DiagnosticIDs::Note)
          << L.Name << Attempts;
      break;
    }
  }
  diag(S.Header, "retry at one layer only: let the inner layers try once, or "
                 "hand one overall deadline down and check it on every layer",
       DiagnosticIDs::Note);
}

} // namespace resilience
