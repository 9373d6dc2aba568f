//===--- RetryRewrite.h - A retry loop rewritten with its guardrails -------===//
//
// Builds the suggested rewrite of a retry loop for the review item, from the
// loop's own text: the attempt variable it already has (or a new one), the
// sleep it already calls (or the language's usual one), a cap on attempts
// in the loop's condition, a capped exponential delay with jitter, and the
// idempotency key made once before the loop. The rewrite replaces whole
// lines (the loop's first to last line), so a reviewer can paste it or
// GitHub can apply it as a suggestion.
//
// Moving a key minted per attempt out of the loop is the one edit that is
// safe as it is (it changes what the retries send, not the control flow),
// and only when the key's definition is a statement of the loop's body that
// reads nothing declared inside the loop: that edit is also a fix-it.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_REVIEW_RETRYREWRITE_H
#define RESILIENCE_TIDY_REVIEW_RETRYREWRITE_H

#include "retry/RetryLoop.h"
#include "clang/Basic/Diagnostic.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
}

namespace resilience {
namespace review {

struct RewriteRequest {
  const model::RetrySummary *Summary = nullptr;
  const clang::FunctionDecl *Fn = nullptr;
  bool NeedBackoff = false; ///< the delay lacks growth, a cap or jitter
  bool NeedGrowth = false, NeedCeiling = false, NeedJitter = false;
  bool NeedCap = false;     ///< no attempt cap and no deadline
  /// The key: minted in the loop (the generator call), or missing.
  const clang::CallExpr *KeyGenerator = nullptr;
  bool KeyMissing = false;
  std::string KeyCarrier; ///< "the 'Idempotency-Key' header"
};

struct Rewrite {
  std::string Text; ///< the loop's lines, rewritten; empty: none
  std::vector<clang::FixItHint> FixIt;
};

Rewrite rewriteRetryLoop(const RewriteRequest &Req, clang::ASTContext &Ctx);

} // namespace review
} // namespace resilience

#endif
