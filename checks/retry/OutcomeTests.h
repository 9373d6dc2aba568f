//===--- OutcomeTests.h - The recognizer's reading of success and failure ===//
//
// Internal to the retry-loop recognizer (RetryRecognizer.cpp), which asks
// two questions of a loop with a remote call and answers them here:
//
// - LoopOutcomes and OutcomeTests (OutcomeTests.cpp): which variables hold
//   the outcome of the remote calls (their results, what they write through
//   their arguments, error codes, flags computed from them, attempt
//   counters), and whether a test of them is true on success or on failure.
// - LoopExits (LoopExits.cpp): where the loop leaves and on which outcome,
//   whether an exit waits for the response's content, and which delays lie
//   on the retry path.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_OUTCOMETESTS_H
#define RESILIENCE_TIDY_MODEL_OUTCOMETESTS_H

#include "retry/RetryLoopInternals.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace resilience {
namespace model {
namespace recognizer {

/// What a test says about the remote call when it is true.
enum Pol : unsigned char { PNone, PSuccess, PFailure, PUnknown };

inline Pol flip(Pol P) {
  return P == PSuccess ? PFailure : P == PFailure ? PSuccess : P;
}

inline Pol combine(Pol A, Pol B) {
  if (A == PNone)
    return B;
  if (B == PNone)
    return A;
  return A == B ? A : PUnknown;
}

/// The parts of a loop that run every iteration.
struct LoopParts {
  explicit LoopParts(const clang::Stmt *Loop);
  template <typename F> void each(F Fn_) const {
    if (Cond)
      Fn_(static_cast<const clang::Stmt *>(Cond));
    if (Body)
      Fn_(Body);
    if (Inc)
      Fn_(Inc);
  }
  const clang::Stmt *Loop;
  const clang::Stmt *Body = nullptr, *Inc = nullptr;
  const clang::Expr *Cond = nullptr;
};

class OutcomeTests;

/// The variables of a loop that hold what its remote calls produce.
struct LoopOutcomes {
  /// Finds the outcome variables, counters and flags of the loop \p LP
  /// whose remote calls are \p Remotes (RemoteSet must hold them); flags
  /// are read with \p Tests.
  void find(const LoopParts &LP,
            llvm::ArrayRef<const clang::CallExpr *> Remotes,
            const OutcomeTests &Tests);

  llvm::DenseSet<const clang::CallExpr *> RemoteSet;
  /// Booleans computed from an outcome (`ok = rc == CURLE_OK`), or set
  /// under a test of one (`done = true;`), with what they mean when true.
  llvm::DenseMap<const clang::VarDecl *, Pol> Flags;
  llvm::DenseSet<const clang::VarDecl *> RawOutcomes, Outputs, DeclaredInside,
      Counters, Scaled;
  /// Error codes the remote calls fill in (`http::write(s, req, ec)`).
  llvm::DenseSet<const clang::VarDecl *> ErrorOutputs;
};

/// Whether a test of a loop's outcomes is true on success or on failure.
class OutcomeTests {
public:
  OutcomeTests(RetryLoopAnalysis::Impl &A, const LoopOutcomes &O)
      : A(A), O(O) {}

  /// Is \p E true on success, on failure, or is it unknown or unrelated?
  /// Depth-capped (MaxWalkDepth): unknown past the cap.
  Pol test(const clang::Expr *E, unsigned Depth = 0) const;
  Pol comparePol(const clang::Expr *L, clang::BinaryOperatorKind Op,
                 const clang::Expr *R) const;
  /// A test clang could not type names an attempt counter.
  bool mentionsCounter(const clang::Expr *E) const;
  bool isErrorCode(clang::QualType T) const;

private:
  bool isOutcomeExpr(const clang::Expr *E) const;
  bool refersOutcome(const clang::Expr *E) const;
  Pol barePol(const clang::Expr *E) const;
  /// A test clang could not type (partial context), read from its text.
  Pol recoveredPol(const clang::Expr *E) const;
  bool namesVar(const std::string &Name,
                const llvm::DenseSet<const clang::VarDecl *> &Vars) const;
  bool namesOutcome(llvm::ArrayRef<std::string> Names) const;

  RetryLoopAnalysis::Impl &A;
  const LoopOutcomes &O;
};

struct Guard {
  const clang::Expr *Cond; // null for the pseudo-guards of try and catch
  Pol P;
};

struct Exit {
  Pol P;
  llvm::SmallVector<const clang::Expr *, 4> Guards;
  /// A guard tests the response's content: leaving waits for what the
  /// server says, not for the call to work.
  bool Content = false;
};

class LoopExits {
public:
  LoopExits(RetryLoopAnalysis::Impl &A, LoopOutcomes &O,
            const OutcomeTests &Tests, ContentTests &Contents)
      : A(A), O(O), Tests(Tests), Contents(Contents) {}

  /// Walks \p Body twice: the first pass learns flags (`done = true;`
  /// under a success test), the second records the exits and delays.
  void read(const clang::Stmt *Body);

  llvm::SmallVector<Exit, 8> Exits;
  /// The delays, with the polarity of the path each is on.
  llvm::SmallVector<std::pair<const clang::CallExpr *, Pol>, 4> Delays;
  /// A sleep whose argument clang could not type (partial context) waits on
  /// the retry path: its length is unknown.
  bool RecoveredDelay = false;

private:
  void walk(const clang::Stmt *S);
  void walkSwitch(const clang::SwitchStmt *S);
  void addExit();
  bool underContentTest() const;
  Pol currentPol() const;
  bool isRecoveredSleep(const clang::RecoveryExpr *RE) const;

  RetryLoopAnalysis::Impl &A;
  LoopOutcomes &O;
  const OutcomeTests &Tests;
  ContentTests &Contents;
  llvm::SmallVector<Guard, 8> Guards;
  unsigned Nested = 0, Switches = 0;
  bool Recording = false;
  /// How deep walk() is: past MaxWalkDepth it stops descending (silent).
  unsigned WalkDepth = 0;
};

} // namespace recognizer
} // namespace model
} // namespace resilience

#endif
