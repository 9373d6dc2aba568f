//===--- RetryNonRetryableCheck.cpp - resilience-retry-non-retryable ------===//

#include "RetryNonRetryableCheck.h"
#include "OptionValues.h"
#include "knowledge/PaymentKnowledge.h"
#include "knowledge/StatusKnowledge.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include <algorithm>

using namespace clang;

namespace resilience {

static const char *const IdempotencyCheck =
    "resilience-missing-idempotency-key";

RetryNonRetryableCheck::RetryNonRetryableCheck(llvm::StringRef Name,
                                               tidy::ClangTidyContext *Context)
    : RetryCheckBase(Name, Context),
      RawClassifiers(Options.get("StatusClassifiers", "").str()),
      NonIdempotentRequests(Options.get("NonIdempotentRequests", true)) {
  Classifiers = model::splitList(RawClassifiers);
  // The key and the payment endpoints as resilience-missing-idempotency-key
  // is configured: its payment URLs are its findings, not ours.
  const model::PaymentKnowledge &K = model::defaultPaymentKnowledge();
  tidy::ClangTidyCheck::OptionsView Idem(
      IdempotencyCheck, Context->getOptions().CheckOptions, Context);
  auto ListOr = [&](llvm::StringRef Key,
                    llvm::ArrayRef<llvm::StringRef> Defaults) {
    std::optional<llvm::StringRef> V = Idem.get(Key);
    if (V)
      return model::splitSemicolons(*V);
    std::vector<std::string> Out;
    for (llvm::StringRef D : Defaults)
      Out.push_back(D.str());
    return Out;
  };
  AnyPost.K = &K;
  AnyPost.Headers = ListOr("IdempotencyHeaders", K.IdempotencyHeaders);
  AnyPost.BodyFields = ListOr("IdempotencyBodyFields", K.IdempotencyBodyFields);
  AnyPost.Endpoints.push_back(
      {"", ".*", "an idempotency key header",
       std::make_shared<llvm::Regex>(".*")});
  std::vector<llvm::StringRef> DefaultUrls;
  for (const model::PaymentEndpoint &E : K.Endpoints)
    DefaultUrls.push_back(E.Pattern);
  Payment.K = &K;
  Payment.Headers = AnyPost.Headers;
  Payment.BodyFields = AnyPost.BodyFields;
  for (const std::string &P : ListOr("PaymentEndpoints", DefaultUrls)) {
    auto Re = std::make_shared<llvm::Regex>(P, llvm::Regex::IgnoreCase);
    std::string Error;
    if (!Re->isValid(Error)) // the idempotency check reports a bad one
      continue;
    PaymentUrls.push_back(Re);
    Payment.Endpoints.push_back({"", P, "", Re});
  }
  for (const std::string &F : ListOr("PaymentFunctions", {})) {
    model::PaymentSettings::Function PF;
    llvm::StringRef Item(F), Index;
    std::tie(Item, Index) = Item.split('=');
    PF.Name = Item.trim().str();
    unsigned N;
    if (!Index.trim().getAsInteger(10, N))
      PF.KeyArg = int(N);
    if (!PF.Name.empty())
      Payment.Functions.push_back(PF);
  }
}

void RetryNonRetryableCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &O) {
  RetryCheckBase::storeOptions(O);
  Options.store(O, "StatusClassifiers", RawClassifiers);
  Options.store(O, "NonIdempotentRequests", NonIdempotentRequests);
}

void RetryNonRetryableCheck::onStartOfTranslationUnit() {
  RetryCheckBase::onStartOfTranslationUnit();
  Ctx = nullptr;
  Classes.reset();
  Posts.reset();
  Payments.reset();
  PostCache.clear();
  PaymentCache.clear();
  Reported.clear();
}

static std::string joinInts(llvm::ArrayRef<int> L) {
  std::string Out;
  for (size_t I = 0; I < L.size(); ++I)
    Out += (I ? ", " : "") + std::to_string(L[I]);
  return Out;
}

static std::string joinNames(llvm::ArrayRef<llvm::StringRef> L) {
  std::string Out;
  for (size_t I = 0; I < L.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == L.size() ? " and " : ", ") + L[I].str();
  return Out;
}

void RetryNonRetryableCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn)
    return;
  if (Ctx != R.Context) {
    Ctx = R.Context;
    Classes = std::make_unique<model::FailureClasses>(*Ctx, Classifiers);
    Posts = std::make_unique<model::PaymentRequestAnalysis>(*Ctx, AnyPost);
    Payments = std::make_unique<model::PaymentRequestAnalysis>(*Ctx, Payment);
    PostCache.clear();
    PaymentCache.clear();
    Reported.clear();
  }
  model::RetryDecision D = Classes->judge(S, Fn);
  if (D.K != model::RetryDecision::Transport && !D.Classified)
    reportStatus(S, D);
  if (NonIdempotentRequests)
    checkPosts(S, Fn, R);
}

void RetryNonRetryableCheck::reportStatus(const model::RetrySummary &S,
                                          const model::RetryDecision &D) {
  const model::StatusKnowledge &K = model::statusKnowledge();
  if (D.K == model::RetryDecision::HttpStatus) {
    diag(S.Header, "retry loop around '%0' retries every non-success HTTP "
                   "status, including client errors (%1) that fail the same "
                   "way on every attempt; the retries add load and delay the "
                   "real error")
        << S.RemoteName << joinInts(K.PermanentHttpExamples);
    diag(D.Test->getBeginLoc(),
         "this test of the status does not tell a client error from a "
         "server error",
         DiagnosticIDs::Note);
    diag(S.Header,
         "retry only %0 and 5xx: leave the loop on any other 4xx status "
         "(or call a classifier named in option StatusClassifiers)",
         DiagnosticIDs::Note)
        << joinInts(llvm::ArrayRef<int>(K.RetryableHttpStatuses).take_front(2));
    return;
  }
  diag(S.Header, "retry loop around '%0' retries every non-OK gRPC status, "
                 "including %1 that fail the same way on every attempt; the "
                 "retries add load and delay the real error")
      << S.RemoteName << joinNames(K.PermanentRpcCodes);
  diag(D.Test->getBeginLoc(),
       "this test of the status does not look at its code",
       DiagnosticIDs::Note);
  diag(S.Header,
       "retry only %0 (test error_code(), or call a classifier named in "
       "option StatusClassifiers)",
       DiagnosticIDs::Note)
      << joinNames(K.RetryableRpcCodes);
}

const std::vector<model::PaymentFinding> &
RetryNonRetryableCheck::postsIn(const FunctionDecl *FD) {
  auto It = PostCache.find(FD);
  if (It != PostCache.end())
    return It->second;
  std::vector<model::PaymentFinding> Out;
  for (model::PaymentFinding &F : Posts->analyze(FD))
    if (F.Problem == model::KeyProblem::Missing && F.PaymentFunction.empty())
      Out.push_back(std::move(F));
  return PostCache[FD] = std::move(Out);
}

/// Where resilience-missing-idempotency-key reports a payment request made
/// in \p FD (at the request, or at a helper's call site in a caller).
void RetryNonRetryableCheck::paymentsIn(const FunctionDecl *FD,
                                        std::set<unsigned> &Locs) {
  auto It = PaymentCache.find(FD);
  if (It == PaymentCache.end()) {
    std::set<unsigned> Here;
    for (const model::PaymentFinding &F : Payments->analyze(FD))
      Here.insert(F.Loc.getRawEncoding());
    It = PaymentCache.emplace(FD, std::move(Here)).first;
  }
  Locs.insert(It->second.begin(), It->second.end());
}

bool RetryNonRetryableCheck::isPaymentUrl(const std::string &Url) const {
  return llvm::any_of(PaymentUrls, [&](const std::shared_ptr<llvm::Regex> &Re) {
    return Re->match(Url);
  });
}

/// The calls of \p Root in source order, lambdas excepted (they run when
/// called); iterative, for statements nested thousands deep.
static void callsIn(const Stmt *Root, std::vector<const CallExpr *> &Out) {
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S || isa<LambdaExpr>(S))
      continue;
    if (const auto *C = dyn_cast<CallExpr>(S))
      Out.push_back(C);
    size_t First = Work.size();
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
    std::reverse(Work.begin() + First, Work.end());
  }
}

void RetryNonRetryableCheck::checkPosts(
    const model::RetrySummary &S, const FunctionDecl *Fn,
    const ast_matchers::MatchFinder::MatchResult &R) {
  const SourceManager &SM = *R.SourceManager;
  auto Within = [&](SourceLocation L, SourceRange Range) {
    L = SM.getExpansionLoc(L);
    return SM.isPointWithin(L, SM.getExpansionLoc(Range.getBegin()),
                            SM.getExpansionLoc(Range.getEnd()));
  };
  // POSTs in the loop itself, and in the functions it calls.
  std::vector<std::pair<const model::PaymentFinding *, const CallExpr *>> Found;
  for (const model::PaymentFinding &F : postsIn(Fn))
    if (Within(F.Loc, S.Loop->getSourceRange()))
      Found.push_back({&F, nullptr});
  std::set<unsigned> PaymentLocs;
  paymentsIn(Fn, PaymentLocs);
  std::vector<const CallExpr *> Calls;
  callsIn(S.Loop, Calls);
  for (const CallExpr *C : Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (Callee)
      Callee = Callee->getDefinition();
    if (!Callee || Callee == Fn || !Callee->getBody() ||
        SM.isInSystemHeader(Callee->getLocation()))
      continue;
    paymentsIn(Callee, PaymentLocs);
    for (const model::PaymentFinding &F : postsIn(Callee)) {
      if (Within(F.Loc, S.Loop->getSourceRange()))
        Found.push_back({&F, nullptr}); // a helper's POST, judged here
      else if (Within(F.Loc, Callee->getSourceRange()))
        Found.push_back({&F, C});
    }
  }
  for (const auto &[F, Via] : Found) {
    SourceLocation At = Via ? Via->getBeginLoc() : F->Loc;
    // A payment request is resilience-missing-idempotency-key's finding.
    if (isPaymentUrl(F->Url) || PaymentLocs.count(At.getRawEncoding()))
      continue;
    if (!Reported.insert(At.getRawEncoding()).second)
      continue;
    std::string Library = F->Library.empty() ? "" : " via " + F->Library;
    diag(At, "POST to '%0'%1 is retried without an idempotency key; when a "
             "response is lost after the server applied the request, the "
             "retry applies it again (a duplicate order, message or record)")
        << F->Url << Library;
    if (Via || F->RequestLoc.isValid())
      diag(Via ? F->Loc : F->RequestLoc, "the POST is sent here",
           DiagnosticIDs::Note);
    diag(S.Header, "the request is retried by this loop", DiagnosticIDs::Note);
    diag(At,
         "create a key once, before the loop, and send it on every attempt "
         "(an 'Idempotency-Key' header, if the server honours one), or "
         "retry only failures that prove the request was not applied",
         DiagnosticIDs::Note);
  }
}

} // namespace resilience
