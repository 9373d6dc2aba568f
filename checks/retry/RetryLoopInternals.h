//===--- RetryLoopInternals.h - Shared by the RetryLoop sources -----------===//
//
// Not for checks: the state of RetryLoopAnalysis and the helpers its three
// sources (RetryLoop.cpp, RetryRecognizer.cpp with OutcomeTests.cpp and
// LoopExits.cpp, RetryDelay.cpp) share.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_RETRYLOOPINTERNALS_H
#define RESILIENCE_TIDY_MODEL_RETRYLOOPINTERNALS_H

#include "retry/NetworkReach.h"
#include "knowledge/RetryKnowledge.h"
#include "retry/RetryLoop.h"
#include "clang/AST/Decl.h"
#include "clang/AST/OperationKinds.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <optional>
#include <string>

namespace clang {
class SourceManager;
class LangOptions;
}

namespace resilience {
namespace model {

/// Every statement of a function that writes a variable (`v = e`, `v op= e`,
/// `v.m = e`, `++v`), by variable.
using Writes =
    llvm::DenseMap<const clang::VarDecl *,
                   llvm::SmallVector<const clang::Stmt *, 2>>;

struct RetryLoopAnalysis::Impl {
  Impl(clang::ASTContext &Ctx, const RetryLoopOptions &Opts);

  bool isRemote(const clang::CallExpr *C);
  bool isDirectDelay(const clang::CallExpr *C) const;
  /// A library or user backoff helper, or an opaque function named like one.
  bool isBackoffHelper(const clang::FunctionDecl *FD) const;
  /// A known sleep, or an opaque function named like one taking arguments.
  bool isSleep(const clang::FunctionDecl *FD, unsigned NumArgs) const;
  bool isDelay(const clang::CallExpr *C);
  /// A same-file predicate that compares the parameter one of \p Counters
  /// is passed to with something (`attempt < limit`, `n > MaxRetries`).
  bool predicateCapsAttempts(
      const clang::CallExpr *C,
      llvm::function_ref<bool(const clang::VarDecl *)> IsCounter);
  const Writes &writesIn(const clang::FunctionDecl *FD);

  clang::ASTContext &Ctx;
  const clang::SourceManager &SM;
  RemoteCallClassifier Classifier;
  CallReach RemoteReach;
  CallReach SleepReach;
  NameList Sleeps, TimerWaits, Randoms, RandomTypes, Growth, Ceilings, Clocks,
      TimeTypes, Helpers, ErrorCodeTypes;
  llvm::StringSet<> ExpirySetters, PolicyMethods, SuccessTests, FailureTests;
  std::vector<std::string> BackoffHints, SleepHints;
  std::vector<std::string> PolicyPatterns;
  /// A retry policy by its name (RetryPolicyMethods, RetryPolicyNamePatterns).
  bool isPolicyName(llvm::StringRef Name) const;
  /// A call of a policy: a function, method, callback object or function
  /// pointer with a policy's name.
  bool isPolicyCall(const clang::Expr *E) const;
  // Polling (RetryPolling.cpp).
  NameList PayloadTypes, ContextTypes;
  llvm::StringSet<> PresenceMethods;
  std::vector<std::string> StateFieldWords, StateValueWords, FailureWords;
  /// An error field of what a request fills in (ErrorFieldSuffixes).
  bool isErrorField(const clang::ValueDecl *Field) const;
  std::vector<std::string> ErrorFieldSuffixes;
  llvm::DenseMap<const clang::Stmt *, std::unique_ptr<RetrySummary>> Cache;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<Writes>>
      WriteIndex;
};

/// The recognizer's verdict on one loop; \p KnownRemote are calls the
/// caller vouches for as remote operations, on top of the knowledge.
std::unique_ptr<RetrySummary>
recognizeRetryLoop(RetryLoopAnalysis::Impl &A, const clang::Stmt *Loop,
                   const clang::FunctionDecl *Fn,
                   llvm::ArrayRef<const clang::CallExpr *> KnownRemote = {});

/// Which tests of one loop read the response's content (what the server
/// says: a body, a parsed document, a state field) rather than the outcome
/// of the call (transport result, status code, `ok()`). A loop whose
/// success exits all wait for such a test polls; it does not retry
/// (RetryPolling.cpp).
class ContentTests {
public:
  explicit ContentTests(RetryLoopAnalysis::Impl &A) : A(A) {}
  /// The response as the loop sees it: variables holding a remote call's
  /// result or written by it, and the remote calls themselves.
  void addResponse(const clang::VarDecl *V) { Response.insert(V); }
  void addRemote(const clang::CallExpr *C) { Remote.insert(C); }
  /// Adds what the remote calls write (pointer outputs, buffers registered
  /// on their handle in \p Fn), then the variables of \p Parts computed
  /// from the response or from its content.
  void learn(llvm::ArrayRef<const clang::CallExpr *> Remotes,
             llvm::ArrayRef<const clang::Stmt *> Parts,
             const clang::FunctionDecl *Fn);
  /// \p V holds the verdict of a content test (`done = true;` under one).
  void markContent(const clang::VarDecl *V) { Content.insert(V); }
  /// Some operand of \p Cond's `&&`, `||` and `!` tests the content, and
  /// not for a failure.
  bool isContentTest(const clang::Expr *Cond, unsigned Depth = 0) const;

private:
  bool atomIsContent(const clang::Expr *E) const;
  /// Depth-capped (MaxWalkDepth): silent past the cap.
  void scan(const clang::Stmt *S, bool &Found, bool &Failure,
            unsigned Depth = 0) const;
  bool isContentValue(const clang::Expr *E, bool &Failure) const;
  const clang::Expr *responseBase(const clang::Expr *E,
                                  llvm::SmallVectorImpl<llvm::StringRef> &Names)
      const;
  bool isResponseRef(const clang::Expr *E) const;
  bool isPayloadType(clang::QualType T) const;
  bool hasFailureWord(llvm::StringRef S) const;

  RetryLoopAnalysis::Impl &A;
  llvm::DenseSet<const clang::VarDecl *> Response, Content;
  llvm::DenseSet<const clang::CallExpr *> Remote;
};

/// What flows into a delay.
struct DelayEvidence {
  bool Counter = false; ///< depends on something that changes per attempt
  bool Self = false;    ///< refers to the variable being defined
  bool Exp = false, Linear = false, Random = false, Ceiling = false;
  /// Flows through a function whose body is out of sight: its growth and
  /// randomness are unknown.
  bool Opaque = false;
  void merge(const DelayEvidence &O) {
    Opaque |= O.Opaque;
    Counter |= O.Counter;
    Self |= O.Self;
    Exp |= O.Exp;
    Linear |= O.Linear;
    Random |= O.Random;
    Ceiling |= O.Ceiling;
  }
};

/// The evidence for one delay call found in \p Fn (the loop's function).
DelayEvidence delayEvidence(RetryLoopAnalysis::Impl &A,
                            const clang::CallExpr *Delay,
                            const clang::FunctionDecl *Fn,
                            const clang::Stmt *LoopBody);

/// One comparison of a test clang could not type, read from its text.
struct RecoveredPart {
  std::optional<clang::BinaryOperatorKind> Op;
  llvm::SmallVector<std::string, 4> Left, Right;
  bool LeftNumber = false, RightNumber = false, Negated = false;
  std::string RightText;
};
/// If \p E is a RecoveryExpr, its parts (split at top-level `&&`/`||`;
/// \p AnyOr says whether some split was `||`) (RecoveredTests.cpp).
bool readRecoveredTest(const clang::Expr *E, const clang::SourceManager &SM,
                       const clang::LangOptions &LO,
                       llvm::SmallVectorImpl<RecoveredPart> &Parts,
                       bool &AnyOr);

// AST helpers.
const clang::Expr *strip(const clang::Expr *E);
const clang::VarDecl *refVar(const clang::Expr *E);
const clang::VarDecl *writtenVar(const clang::Expr *LHS);
bool isLoopStmt(const clang::Stmt *S);
bool isComparisonExpr(const clang::Expr *E);
/// The operands and operator of a built-in or overloaded comparison.
std::optional<clang::BinaryOperatorKind>
comparisonOf(const clang::Expr *E, const clang::Expr *&L,
             const clang::Expr *&R);
/// Always leaves the enclosing block (continue, break, return, throw).
bool alwaysLeaves(const clang::Stmt *S);
void forEachSubStmt(const clang::Stmt *S, bool IntoNestedLoops,
                    llvm::function_ref<void(const clang::Stmt *)> F);
bool refersToAny(const clang::Stmt *S,
                 llvm::function_ref<bool(const clang::VarDecl *)> P);

} // namespace model
} // namespace resilience

#endif
