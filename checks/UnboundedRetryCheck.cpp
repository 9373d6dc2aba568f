//===--- UnboundedRetryCheck.cpp - resilience-unbounded-retry -------------===//

#include "UnboundedRetryCheck.h"
#include "clang/AST/Decl.h"

using namespace clang;

namespace resilience {

void UnboundedRetryCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  if (S.Bound != model::LoopBound::None)
    return;
  diag(S.Header, "retry loop around '%0' has no attempt cap and no deadline; "
                 "it retries for as long as the dependency is down")
      << S.RemoteName;
  if (S.UncomparedCounter)
    diag(S.UncomparedCounter->getLocation(),
         "'%0' counts the attempts but is never compared with a limit",
         DiagnosticIDs::Note)
        << S.UncomparedCounter->getName();
  noteRetriedCall(S);
  diag(S.Header,
       "stop after a maximum number of attempts or an overall deadline",
       DiagnosticIDs::Note);
}

void UnboundedRetryCheck::reportServiceConfig(
    const StringLiteral *Lit, const model::ServiceConfigFinding &F,
    const ast_matchers::MatchFinder::MatchResult &R) {
  if (F.K != model::ServiceConfigFinding::NoMaxAttempts)
    return;
  diag(policyLocation(Lit, F, R),
       "gRPC retryPolicy has no maxAttempts; gRPC requires an attempt cap "
       "and does not apply a policy without one");
  diag(policyLocation(Lit, F, R),
       "set maxAttempts (gRPC treats values above 5 as 5)",
       DiagnosticIDs::Note);
}

void UnboundedRetryCheck::reportRetryCount(
    const CallExpr *Call, const model::RetryCountSetter &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  diag(Call->getBeginLoc(),
       "'%0' with a negative count makes %1 retry a failed request forever; "
       "it retries for as long as the dependency is down")
      << Call->getDirectCallee()->getName() << S.Library;
  diag(Call->getArg(S.CountArg)->getBeginLoc(),
       "pass a small positive number of retries", DiagnosticIDs::Note);
}

} // namespace resilience
