//===--- RetryLoop.h - Is this loop a retry loop, and how does it wait ----===//
//
// One recognizer for the three retry checks. A loop is a retry loop when its
// body performs a fallible remote operation (retry/NetworkReach) and repeats
// it after a failure: it leaves on success (a break/return guarded by a
// success test, or after an `if (failed) continue;`), or its condition keeps
// it going while the outcome is a failure, or a catch handler loops around a
// throwing call. Loops that make progress are not retry loops: a loop over
// different targets (range-for, `urls[i]`), a pagination loop whose request
// is advanced from the response, a read-until-EOF loop over stream I/O, an
// event loop (poll, curl_multi_perform, accept), a heartbeat that never
// leaves on success. Nor are polls: a loop whose every success exit is also
// guarded by a test of the response's content (`job_done(r->body)`,
// `op.done()`, `status.phase == "Running"`), or whose condition tests it,
// repeats requests that worked until the server reports a state
// (RetryPolling.cpp).
//
// The summary says what waits on the retry path, whether that delay grows
// (exponentially or only linearly) with the attempt, whether randomness
// flows into it, whether the growth has a ceiling, and what bounds the loop.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_RETRYLOOP_H
#define RESILIENCE_TIDY_MODEL_RETRYLOOP_H

#include "retry/NetworkReach.h"
#include "knowledge/RetryKnowledge.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
class VarDecl;
class Expr;
} // namespace clang

namespace resilience {
namespace model {

/// User additions to the knowledge, from the checks' options.
struct RetryLoopOptions {
  std::vector<std::string> RequestFunctions;
  std::vector<std::string> SleepFunctions;
  std::vector<std::string> RandomFunctions;
  std::vector<std::string> BackoffHelpers;
};

enum class DelayGrowth { None, Constant, Linear, Exponential };

enum class LoopBound { None, AttemptCounter, Deadline, Policy };

struct RetrySummary {
  const clang::Stmt *Loop = nullptr;
  /// The `for`/`while`/`do` keyword.
  clang::SourceLocation Header;
  /// The retried remote call (the first one in the body).
  const clang::CallExpr *Remote = nullptr;
  std::string RemoteName;
  /// The first wait on the retry path (a sleep, a timer wait, a call to a
  /// function that sleeps, or a backoff helper), or null.
  const clang::CallExpr *Delay = nullptr;
  /// The delay comes from a library or user backoff helper: growth,
  /// ceiling and jitter are the helper's business.
  bool FromBackoffHelper = false;
  /// The delay comes out of a function whose body is not in this
  /// translation unit: its growth and randomness are unknown.
  bool DelayUnknown = false;
  DelayGrowth Growth = DelayGrowth::None;
  bool Ceiling = false;
  bool Random = false;
  LoopBound Bound = LoopBound::None;
  /// An attempt counter that is incremented but never compared.
  const clang::VarDecl *UncomparedCounter = nullptr;
};

/// Summaries for the loops of one translation unit, computed on demand and
/// cached. Cheap to ask twice.
class RetryLoopAnalysis {
public:
  RetryLoopAnalysis(clang::ASTContext &Ctx, const RetryLoopOptions &Opts);
  ~RetryLoopAnalysis();
  /// The summary if \p Loop (a for, while or do statement in \p Fn) is a
  /// retry loop, else null.
  const RetrySummary *summarize(const clang::Stmt *Loop,
                                const clang::FunctionDecl *Fn);

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

/// The qualified name a message uses for a called function.
std::string calleeDisplayName(const clang::CallExpr *Call);

} // namespace model
} // namespace resilience

#endif
