//===--- RetryWithoutBackoffCheck.cpp - resilience-retry-without-backoff --===//

#include "RetryWithoutBackoffCheck.h"

using namespace clang;

namespace resilience {

RetryWithoutBackoffCheck::RetryWithoutBackoffCheck(
    llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : RetryCheckBase(Name, Context),
      AllowLinearBackoff(Options.get("AllowLinearBackoff", false)) {
  WantsLibraryPolicies = true;
}

void RetryWithoutBackoffCheck::reportServiceConfig(
    const StringLiteral *Lit, const model::ServiceConfigFinding &F,
    const ast_matchers::MatchFinder::MatchResult &R) {
  switch (F.K) {
  case model::ServiceConfigFinding::NoInitialBackoff:
  case model::ServiceConfigFinding::ZeroInitialBackoff:
    diag(policyLocation(Lit, F, R),
         "gRPC retryPolicy %select{has no initialBackoff|sets initialBackoff "
         "to %1}0; gRPC retries a failed call without waiting (retry storm)")
        << (F.K == model::ServiceConfigFinding::ZeroInitialBackoff)
        << F.Value;
    break;
  case model::ServiceConfigFinding::MultiplierNotGrowing:
    diag(policyLocation(Lit, F, R),
         "gRPC retryPolicy sets backoffMultiplier to %0; the delay between "
         "attempts never grows, so a struggling server gets no relief")
        << F.Value;
    break;
  default:
    return;
  }
  diag(policyLocation(Lit, F, R),
       "set initialBackoff above 0s and backoffMultiplier above 1 (e.g. "
       "\"0.1s\" and 2), with a maxBackoff",
       DiagnosticIDs::Note);
}

void RetryWithoutBackoffCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  RetryCheckBase::storeOptions(Opts);
  Options.store(Opts, "AllowLinearBackoff", AllowLinearBackoff);
}

void RetryWithoutBackoffCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  if (S.FromBackoffHelper || S.DelayUnknown)
    return;
  if (!S.Delay) {
    diag(S.Header, "retry loop around '%0' retries immediately after a "
                   "failure; every client hammers the failing dependency "
                   "at full speed (retry storm)")
        << S.RemoteName;
    noteRetriedCall(S);
    diag(S.Header,
         "wait before the next attempt: min(cap, base * 2^attempt) plus "
         "random jitter",
         DiagnosticIDs::Note);
    return;
  }
  switch (S.Growth) {
  case model::DelayGrowth::None:
  case model::DelayGrowth::Constant:
    diag(S.Header, "retry loop around '%0' waits a fixed interval between "
                   "attempts; the load on a struggling dependency does not "
                   "ease while it stays down")
        << S.RemoteName;
    diag(S.Delay->getBeginLoc(),
         "this delay does not grow with the attempt; double it per attempt "
         "up to a cap",
         DiagnosticIDs::Note);
    return;
  case model::DelayGrowth::Linear:
    if (AllowLinearBackoff)
      return;
    diag(S.Header, "retry loop around '%0' grows its delay only linearly, "
                   "not exponentially; the retries back off too slowly to "
                   "relieve a failing dependency")
        << S.RemoteName;
    diag(S.Delay->getBeginLoc(),
         "multiply this delay per attempt (base * 2^attempt) up to a cap",
         DiagnosticIDs::Note);
    return;
  case model::DelayGrowth::Exponential:
    break;
  }
  if (S.Ceiling)
    return;
  diag(S.Header, "retry loop around '%0' grows its delay without a ceiling; "
                 "after a long outage clients wait far longer than the "
                 "outage lasted")
      << S.RemoteName;
  diag(S.Delay->getBeginLoc(),
       "cap this delay, e.g. std::min(cap, base * 2^attempt)",
       DiagnosticIDs::Note);
}

} // namespace resilience
