//===--- RetryWithoutBackoffCheck.h - resilience-retry-without-backoff ----===//

#ifndef RESILIENCE_TIDY_RETRYWITHOUTBACKOFFCHECK_H
#define RESILIENCE_TIDY_RETRYWITHOUTBACKOFFCHECK_H

#include "RetryCheckCommon.h"

namespace resilience {

/// Finds retry loops that retry immediately, after a fixed or only linearly
/// growing delay, or with an exponential delay that has no ceiling: each
/// hammers a failing dependency (a retry storm) or waits unboundedly long.
///
/// Also judges gRPC service-config retryPolicy literals: a missing or zero
/// initialBackoff, a backoffMultiplier of at most 1.
///
/// Options (besides the shared ones, see RetryCheckCommon.h):
///  - AllowLinearBackoff (false): accept a delay that grows linearly.
class RetryWithoutBackoffCheck : public RetryCheckBase {
public:
  RetryWithoutBackoffCheck(llvm::StringRef Name,
                           clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void reportServiceConfig(
      const clang::StringLiteral *Lit, const model::ServiceConfigFinding &F,
      const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  const bool AllowLinearBackoff;
};

} // namespace resilience

#endif
