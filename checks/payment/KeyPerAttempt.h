//===--- KeyPerAttempt.h - Is this idempotency key minted per attempt? ----===//
//
// An idempotency key only works if every attempt of one operation sends the
// same key. This tests the opposite: "the key comes from a call that makes a
// fresh value each time (a UUID, a random number, the clock), and that call
// sits in the body of a loop that retries the request".
//
// Whether a loop retries is not decided here: the shared recognizer
// (retry/RetryLoop) answers, the same one the retry checks ask, so a poll
// that mints a key per poll is no retry for either.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_KEYPERATTEMPT_H
#define RESILIENCE_TIDY_MODEL_KEYPERATTEMPT_H

#include "ast/StringValue.h"
#include "retry/RetryLoop.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace resilience {
namespace model {

class KeyPerAttempt {
public:
  KeyPerAttempt(StringResolver &R, llvm::ArrayRef<llvm::StringRef> Generators,
                RetryLoopAnalysis &Loops)
      : R(R), Generators(Generators), Loops(Loops) {}

  /// The calls minting fresh values that a key's leaf expression comes from:
  /// inside the expression, or in the definitions of the local variable it
  /// names (including `uuid_generate(u); uuid_unparse(u, buf)`).
  void generatorsOf(const clang::Expr *Leaf,
                    std::vector<const clang::CallExpr *> &Out);

  /// The innermost retry loop of \p F (by the shared recognizer) whose
  /// body holds \p Gen and which repeats \p Anchor (the request, or the
  /// call that leads to it), or null.
  const clang::Stmt *retryLoopAround(const clang::Stmt *Gen,
                                     const clang::Stmt *Anchor,
                                     const clang::FunctionDecl *F);

private:
  bool isGenerator(const clang::CallExpr *C, unsigned Depth = 0);
  void generatorsIn(const clang::Stmt *S,
                    std::vector<const clang::CallExpr *> &Out,
                    unsigned Depth = 0);
  void generatorsOfVar(const clang::VarDecl *V,
                       std::vector<const clang::CallExpr *> &Out,
                       unsigned Depth = 0);

  StringResolver &R;
  llvm::ArrayRef<llvm::StringRef> Generators;
  RetryLoopAnalysis &Loops;
};

} // namespace model
} // namespace resilience

#endif
