//===--- RetryLoopReviewCheck.h - One review item per retry loop ----------===//
//
// Not a check users enable: the standalone tool registers it (under
// ReviewDiagnosticName, "review-retry-loop") when a review output is asked
// for; clang-tidy's plugin does not, so clang-tidy users see only the
// individual checks. For every retry loop the shared recognizer finds, it
// emits one diagnostic whose message is a JSON object of facts (the call,
// whether it is a payment POST, the three guardrails with their status and
// summary, the rewrite, which checks' findings the item stands for) and
// whose notes locate the evidence ("loop-end", "call",
// "evidence:<guardrail>"); a safe edit rides as its fix-it. The tool reads
// it back in tool/Review/ and never prints it as a finding.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_REVIEW_RETRYLOOPREVIEWCHECK_H
#define RESILIENCE_TIDY_REVIEW_RETRYLOOPREVIEWCHECK_H

#include "RetryCheckCommon.h"
#include "payment/PaymentRequest.h"
#include <map>

namespace resilience {

class RetryLoopReviewCheck : public RetryCheckBase {
public:
  RetryLoopReviewCheck(llvm::StringRef Name,
                       clang::tidy::ClangTidyContext *Context);
  void onStartOfTranslationUnit() override;

protected:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  /// Every payment request of the translation unit, by where it is
  /// reported (computed once per translation unit).
  const std::vector<model::PaymentFinding> &
  payments(clang::ASTContext &Ctx);

  bool AnyRetryCheck = false;
  model::PaymentSettings Settings;
  std::vector<model::PaymentFinding> Payments;
  clang::ASTContext *PaymentsFor = nullptr;
};

} // namespace resilience

#endif
