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

} // namespace resilience
