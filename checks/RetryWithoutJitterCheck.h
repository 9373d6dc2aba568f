//===--- RetryWithoutJitterCheck.h - resilience-retry-without-jitter ------===//

#ifndef RESILIENCE_TIDY_RETRYWITHOUTJITTERCHECK_H
#define RESILIENCE_TIDY_RETRYWITHOUTJITTERCHECK_H

#include "RetryCheckCommon.h"

namespace resilience {

/// Finds retry loops whose delay has no random component: clients that
/// failed together retry together, in waves (thundering herd).
///
/// Options (besides the shared ones, see RetryCheckCommon.h):
///  - JitterOnlyWithBackoff (false): stay silent on loops with no delay at
///    all (resilience-retry-without-backoff reports those).
class RetryWithoutJitterCheck : public RetryCheckBase {
public:
  RetryWithoutJitterCheck(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  const bool JitterOnlyWithBackoff;
};

} // namespace resilience

#endif
