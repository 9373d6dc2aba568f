//===--- KeyEvaluator.h - Judging the key a payment request carries -------===//
//
// Private to the payment analysis. Given a request's shape (RequestShapes.h):
// does its URL name a payment endpoint (following a URL the caller supplies
// to the call sites, up to three levels), which header or body field
// carries the idempotency key, and is that key missing, one literal for
// every operation, built only from the URL, or minted per attempt
// (KeyPerAttempt asks the shared retry-loop recognizer).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_KEYEVALUATOR_H
#define RESILIENCE_TIDY_MODEL_KEYEVALUATOR_H

#include "payment/KeyPerAttempt.h"
#include "payment/RequestShapes.h"

namespace resilience {
namespace model {

class KeyEvaluator {
public:
  KeyEvaluator(ASTContext &Ctx, const PaymentSettings &S, StringResolver &R,
               CallSites &Sites, RequestParts &Parts, KeyPerAttempt &Attempts)
      : Ctx(Ctx), S(S), K(*S.K), R(R), Sites(Sites), Parts(Parts),
        Attempts(Attempts) {}

  /// The findings for the requests \p Shapes made in \p FD.
  void evaluateAll(const FunctionDecl *FD, const std::vector<Shape> &Shapes,
                   std::vector<PaymentFinding> &Out);

private:
  void evaluate(const Shape &Sh, const FramePath &Path, unsigned Depth,
                std::vector<PaymentFinding> &Out);
  void classify(const Shape &Sh, const FramePath &Path, const StrValue &Url,
                const StrValue &Key, const Expr *KeyExpr, PaymentFinding Base,
                std::vector<PaymentFinding> &Out);

  /// Only null pointers and blanks: what a caller passes for "none".
  bool isNullOnly(const StrValue &V) const {
    return llvm::StringRef(V.literalText()).trim().empty() &&
           llvm::all_of(V.Pieces, [&](const StrPiece &P) {
             return !P.Leaf ||
                    P.Leaf->IgnoreParenCasts()->isNullPointerConstant(
                        Ctx, Expr::NPC_ValueDependentIsNotNull);
           });
  }

  ASTContext &Ctx;
  const PaymentSettings &S;
  const PaymentKnowledge &K;
  StringResolver &R;
  CallSites &Sites;
  RequestParts &Parts;
  KeyPerAttempt &Attempts;
  /// Following callers multiplies: the work per analyzed function.
  unsigned Evaluations = 0;
};

} // namespace model
} // namespace resilience

#endif
