//===--- UnboundedRetryCheck.h - resilience-unbounded-retry ---------------===//

#ifndef RESILIENCE_TIDY_UNBOUNDEDRETRYCHECK_H
#define RESILIENCE_TIDY_UNBOUNDEDRETRYCHECK_H

#include "RetryCheckCommon.h"

namespace resilience {

/// Finds retry loops with neither an attempt cap nor an overall deadline
/// (nor a retry-policy decision): they retry for as long as the dependency
/// is down, holding a thread and adding load the whole time.
class UnboundedRetryCheck : public RetryCheckBase {
public:
  using RetryCheckBase::RetryCheckBase;

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace resilience

#endif
