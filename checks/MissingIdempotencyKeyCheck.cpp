//===--- MissingIdempotencyKeyCheck.cpp - resilience-missing-idempotency-key
//===//

#include "MissingIdempotencyKeyCheck.h"
#include "knowledge/PaymentKnowledge.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace resilience {

static std::string joinDefaults(llvm::ArrayRef<llvm::StringRef> L) {
  std::string Out;
  for (llvm::StringRef S : L) {
    if (!Out.empty())
      Out += ";";
    Out += S.str();
  }
  return Out;
}

MissingIdempotencyKeyCheck::MissingIdempotencyKeyCheck(
    llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      PaymentEndpoints(Options.get("PaymentEndpoints", "").str()),
      IdempotencyHeaders(
          Options
              .get("IdempotencyHeaders",
                   joinDefaults(
                       model::defaultPaymentKnowledge().IdempotencyHeaders))
              .str()),
      IdempotencyBodyFields(
          Options
              .get("IdempotencyBodyFields",
                   joinDefaults(
                       model::defaultPaymentKnowledge().IdempotencyBodyFields))
              .str()),
      PaymentFunctions(Options.get("PaymentFunctions", "").str()) {
  const model::PaymentKnowledge &K = model::defaultPaymentKnowledge();
  Settings.K = &K;
  auto AddEndpoint = [&](llvm::StringRef Provider, llvm::StringRef Pattern,
                         llvm::StringRef Carrier) {
    auto Re = std::make_shared<llvm::Regex>(Pattern, llvm::Regex::IgnoreCase);
    std::string Error;
    if (!Re->isValid(Error)) {
      configurationDiag("invalid regular expression '%0' in option "
                        "'%1.PaymentEndpoints': %2; it is ignored")
          << Pattern << Name << Error;
      return;
    }
    Settings.Endpoints.push_back(
        {Provider.str(), Pattern.str(), Carrier.str(), std::move(Re)});
  };
  if (PaymentEndpoints.empty()) {
    for (const model::PaymentEndpoint &E : K.Endpoints)
      AddEndpoint(E.Provider, E.Pattern, E.KeyCarrier);
  } else {
    for (const std::string &P : model::splitSemicolons(PaymentEndpoints))
      AddEndpoint("", P, "an idempotency key header");
  }
  Settings.Headers = model::splitSemicolons(IdempotencyHeaders);
  Settings.BodyFields = model::splitSemicolons(IdempotencyBodyFields);
  for (const std::string &F : model::splitSemicolons(PaymentFunctions)) {
    model::PaymentSettings::Function PF;
    llvm::StringRef Item(F), Index;
    std::tie(Item, Index) = Item.split('=');
    PF.Name = Item.trim().str();
    unsigned N;
    if (!Index.trim().empty()) {
      if (Index.trim().getAsInteger(10, N)) {
        configurationDiag("invalid key argument index in '%0' of option "
                          "'%1.PaymentFunctions': expected name=N")
            << F << Name;
        continue;
      }
      PF.KeyArg = int(N);
    }
    if (!PF.Name.empty())
      Settings.Functions.push_back(PF);
  }
}

void MissingIdempotencyKeyCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PaymentEndpoints", PaymentEndpoints);
  Options.store(Opts, "IdempotencyHeaders", IdempotencyHeaders);
  Options.store(Opts, "IdempotencyBodyFields", IdempotencyBodyFields);
  Options.store(Opts, "PaymentFunctions", PaymentFunctions);
}

void MissingIdempotencyKeyCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
}

void MissingIdempotencyKeyCheck::onStartOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
  Reported.clear();
}

void MissingIdempotencyKeyCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  // A template is judged once, on its pattern; its instantiations repeat it.
  if (!Fn || Fn->isTemplateInstantiation())
    return;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn))
    if (MD->getParent()->getTemplateSpecializationKind() ==
        TSK_ImplicitInstantiation)
      return;
  if (AnalysisContext != Result.Context) {
    Analysis = std::make_unique<model::PaymentRequestAnalysis>(*Result.Context,
                                                               Settings);
    AnalysisContext = Result.Context;
    Reported.clear();
  }
  for (const model::PaymentFinding &F : Analysis->analyze(Fn))
    if (Reported.insert({F.Loc.getRawEncoding(), int(F.Problem)}).second)
      report(F);
}

void MissingIdempotencyKeyCheck::report(const model::PaymentFinding &F) {
  // What is being sent, for every message.
  std::string Subject;
  if (!F.PaymentFunction.empty()) {
    Subject = "call to payment function '" + F.PaymentFunction + "'";
  } else {
    Subject = "POST to payment endpoint '" + F.Url + "'";
    if (!F.Provider.empty())
      Subject += " (" + F.Provider + ")";
    Subject += " via " + F.Library;
    if (!F.Helper.empty())
      Subject += " in '" + F.Helper + "'";
  }
  const char *Duplicate =
      "so the provider rejects or replays later payments as duplicates of "
      "the first";
  switch (F.Problem) {
  case model::KeyProblem::Missing:
    diag(F.Loc, "%0 without an idempotency key; a retry after a timeout can "
                "charge the customer twice")
        << Subject;
    if (F.RequestLoc.isValid())
      diag(F.RequestLoc, "the POST is sent here", DiagnosticIDs::Note);
    diag(F.Loc,
         "create the key once per logical operation and send it as %0 on "
         "every attempt",
         DiagnosticIDs::Note)
        << F.KeyCarrier;
    break;
  case model::KeyProblem::PerAttempt:
    diag(F.Loc, "idempotency key for %0 is generated inside the retry loop; "
                "every attempt sends a new key, so the server cannot tell a "
                "retry from a new payment")
        << Subject;
    diag(F.LoopLoc, "the request is retried by this loop", DiagnosticIDs::Note);
    diag(F.Loc,
         "create the key once, before the first attempt, and reuse it on "
         "every retry",
         DiagnosticIDs::Note);
    break;
  case model::KeyProblem::Constant:
  case model::KeyProblem::FromUrlOnly:
    diag(F.Loc, "idempotency key for %0 is %select{a constant|derived only "
                "from the URL}1; every payment %select{sends the same "
                "key|to that endpoint shares it}1, %2")
        << Subject << (F.Problem == model::KeyProblem::FromUrlOnly)
        << Duplicate;
    diag(F.Loc,
         "derive the key from the logical operation (an order or payment "
         "id), or create a UUID once per operation",
         DiagnosticIDs::Note);
    break;
  }
}

} // namespace resilience
