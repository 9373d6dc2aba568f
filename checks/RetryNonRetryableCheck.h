//===--- RetryNonRetryableCheck.h - resilience-retry-non-retryable --------===//

#ifndef RESILIENCE_TIDY_RETRYNONRETRYABLECHECK_H
#define RESILIENCE_TIDY_RETRYNONRETRYABLECHECK_H

#include "RetryCheckCommon.h"
#include "retry/FailureClasses.h"
#include "payment/PaymentRequest.h"
#include <map>
#include <set>

namespace resilience {

/// Finds retry loops that retry what a retry cannot fix: every non-success
/// HTTP status (400, 401, 404, 409, 422 fail the same way every time), every
/// non-OK gRPC status (INVALID_ARGUMENT, NOT_FOUND, ...), and a POST sent
/// again without an idempotency key (the server may have applied the first
/// one). Payment endpoints are left to resilience-missing-idempotency-key,
/// whose endpoint and key options are read.
///
/// Options (besides the shared retry options):
///  - StatusClassifiers: in-house functions that classify a failure
///    (`IsRetryable`), in addition to names containing "retryable",
///    "transient", ...
///  - NonIdempotentRequests: report a POST retried without a key (default
///    true).
class RetryNonRetryableCheck : public RetryCheckBase {
public:
  RetryNonRetryableCheck(llvm::StringRef Name,
                         clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) override;
  void onStartOfTranslationUnit() override;

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void reportStatus(const model::RetrySummary &S,
                    const model::RetryDecision &D);
  void checkPosts(const model::RetrySummary &S, const clang::FunctionDecl *Fn,
                  const clang::ast_matchers::MatchFinder::MatchResult &R);
  const std::vector<model::PaymentFinding> &
  postsIn(const clang::FunctionDecl *FD);
  void paymentsIn(const clang::FunctionDecl *FD, std::set<unsigned> &Locs);
  bool isPaymentUrl(const std::string &Url) const;

  std::string RawClassifiers;
  bool NonIdempotentRequests;
  std::vector<std::string> Classifiers;
  model::PaymentSettings AnyPost, Payment;
  std::vector<std::shared_ptr<llvm::Regex>> PaymentUrls;

  clang::ASTContext *Ctx = nullptr;
  std::unique_ptr<model::FailureClasses> Classes;
  std::unique_ptr<model::PaymentRequestAnalysis> Posts, Payments;
  std::map<const clang::FunctionDecl *, std::vector<model::PaymentFinding>>
      PostCache;
  std::set<unsigned> Reported;
  std::map<const clang::FunctionDecl *, std::set<unsigned>> PaymentCache;
};

} // namespace resilience

#endif
