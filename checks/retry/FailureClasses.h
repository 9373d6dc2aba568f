//===--- FailureClasses.h - Does a retry loop tell failures apart ---------===//
//
// A retry loop around an HTTP or RPC call decides from the outcome whether
// to try again. It retries what cannot succeed when the only test of the
// status separates success from failure (`status != 200`, `code >= 400`,
// `!s.ok()`): a 404 or an INVALID_ARGUMENT is then retried like a 503. It
// classifies when some test singles out a class of failures: a status
// compared with a 4xx/5xx boundary (`< 500`, `== 429`), a switch over the
// status, a gRPC code compared with a code other than OK, or a call to a
// classifying helper (`IsRetryable(status)`, a function of the translation
// unit that itself compares with such values, or one named in an option).
// The statuses and codes, and where the libraries keep them, are data
// (knowledge/StatusKnowledge.h).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_FAILURECLASSES_H
#define RESILIENCE_TIDY_MODEL_FAILURECLASSES_H

#include "retry/RetryLoop.h"
#include "knowledge/RetryKnowledge.h"
#include "clang/AST/OperationKinds.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace resilience {
namespace model {

/// What a retry loop's decision reads, and whether it classifies it.
struct RetryDecision {
  enum Kind { Transport, HttpStatus, RpcStatus };
  Kind K = Transport;
  /// The test of the status that decides (for a note), if any.
  const clang::Expr *Test = nullptr;
  /// Some test or helper singles out a class of failures.
  bool Classified = false;
};

class FailureClasses {
public:
  /// \p UserClassifiers: in-house functions that classify a failure.
  FailureClasses(clang::ASTContext &Ctx,
                 const std::vector<std::string> &UserClassifiers);
  RetryDecision judge(const RetrySummary &S, const clang::FunctionDecl *Fn);

private:
  bool isHttpStatus(const clang::Expr *E) const;
  bool isRpcStatus(const clang::Expr *E) const;
  bool isRpcCode(const clang::Expr *E) const;
  bool refers(const clang::Stmt *S, bool Http) const;
  void learnStatusVars(const clang::FunctionDecl *Fn);
  /// \p S tests a class of failures (comparisons, switches, helpers).
  bool classifies(const clang::Stmt *S, bool Http, unsigned Depth);
  bool classifyingValue(const clang::Expr *Value, clang::BinaryOperatorKind K,
                        bool Http) const;
  bool classifyingCompare(const clang::Expr *E, bool Http,
                          bool AnyOperand) const;
  bool isClassifierCall(const clang::CallExpr *C, bool Http, unsigned Depth);

  clang::ASTContext &Ctx;
  NameList HttpMembers, RpcTypes, RpcMethods, RpcCodeTypes, User;
  std::vector<std::string> Hints;
  llvm::DenseSet<const clang::VarDecl *> HttpVars, RpcCodeVars;
  llvm::DenseMap<const clang::FunctionDecl *, bool> HelperMemo;
};

} // namespace model
} // namespace resilience

#endif
