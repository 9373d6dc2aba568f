//===--- RetryWithoutJitterCheck.cpp - resilience-retry-without-jitter ----===//

#include "RetryWithoutJitterCheck.h"

using namespace clang;

namespace resilience {

RetryWithoutJitterCheck::RetryWithoutJitterCheck(
    llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : RetryCheckBase(Name, Context),
      JitterOnlyWithBackoff(Options.get("JitterOnlyWithBackoff", false)) {}

void RetryWithoutJitterCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  RetryCheckBase::storeOptions(Opts);
  Options.store(Opts, "JitterOnlyWithBackoff", JitterOnlyWithBackoff);
}

void RetryWithoutJitterCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  if (S.FromBackoffHelper || S.Random || S.DelayUnknown)
    return;
  if (!S.Delay) {
    if (JitterOnlyWithBackoff)
      return;
    diag(S.Header, "retry loop around '%0' retries with no delay and no "
                   "random jitter; clients that failed together retry "
                   "together (thundering herd)")
        << S.RemoteName;
    noteRetriedCall(S);
    return;
  }
  diag(S.Header, "retry loop around '%0' waits a delay with no random "
                 "component; clients that failed together retry in "
                 "lockstep (thundering herd)")
      << S.RemoteName;
  diag(S.Delay->getBeginLoc(),
       "add random jitter to this delay, e.g. a uniform random share of it",
       DiagnosticIDs::Note);
}

} // namespace resilience
