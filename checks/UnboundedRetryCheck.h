//===--- UnboundedRetryCheck.h - resilience-unbounded-retry ---------------===//

#ifndef RESILIENCE_TIDY_UNBOUNDEDRETRYCHECK_H
#define RESILIENCE_TIDY_UNBOUNDEDRETRYCHECK_H

#include "RetryCheckCommon.h"

namespace resilience {

/// Finds retry loops with neither an attempt cap nor an overall deadline
/// (nor a retry-policy decision): they retry for as long as the dependency
/// is down, holding a thread and adding load the whole time.
/// Also: a gRPC service-config retryPolicy without maxAttempts, and
/// library retry counts set to "forever" (evhttp_connection_set_retries -1).
class UnboundedRetryCheck : public RetryCheckBase {
public:
  UnboundedRetryCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context)
      : RetryCheckBase(Name, Context) {
    WantsLibraryPolicies = true;
  }

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void reportServiceConfig(
      const clang::StringLiteral *Lit, const model::ServiceConfigFinding &F,
      const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void reportRetryCount(
      const clang::CallExpr *Call, const model::RetryCountSetter &S,
      const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace resilience

#endif
