//===--- KeyPerAttempt.h - Is this idempotency key minted per attempt? ----===//
//
// An idempotency key only works if every attempt of one operation sends the
// same key. This is a small, self-contained test of the opposite: "the key
// comes from a call that makes a fresh value each time (a UUID, a random
// number, the clock), and that call sits in the body of a loop that also
// repeats the request and looks like a retry".
//
// It stands in for the shared retry-loop recognizer (checks/retry/RetryLoop,
// being built separately); once that exists, retryLoopAround should ask it
// instead of using the local heuristic below.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_KEYPERATTEMPT_H
#define RESILIENCE_TIDY_MODEL_KEYPERATTEMPT_H

#include "ast/StringValue.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/ArrayRef.h"
#include <vector>

namespace resilience {
namespace model {

class KeyPerAttempt {
public:
  KeyPerAttempt(StringResolver &R, llvm::ArrayRef<llvm::StringRef> Generators)
      : R(R), Generators(Generators) {}

  /// The calls minting fresh values that a key's leaf expression comes from:
  /// inside the expression, or in the definitions of the local variable it
  /// names (including `uuid_generate(u); uuid_unparse(u, buf)`).
  void generatorsOf(const clang::Expr *Leaf,
                    std::vector<const clang::CallExpr *> &Out);

  /// The innermost retry-like loop of \p F whose body holds both \p Gen
  /// and \p Anchor (the request, or the call that leads to it), or null.
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
};

} // namespace model
} // namespace resilience

#endif
