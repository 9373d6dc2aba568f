//===--- UnboundedWaits.h - Is this wait parked on someone else, forever? --===//
//
// A thread that waits with no deadline is only as live as whoever must wake
// it. This analysis judges one waiting call (see WaitKnowledge.h) and says
// whether that party can stall forever:
// - a pool borrow: a condition variable or semaphore wait whose predicate,
//   or the loop around it, looks at a container of connections (a
//   `std::deque<CURL *>`, a vector of `redisContext *`, a library's client
//   objects, a type the user names as a connection). A queue of work items
//   is not a pool: a worker waiting for jobs is idle, not stuck;
// - a call of a pool function the user declares (PoolBorrowFunctions) with
//   no timeout or an infinite one;
// - a future or task whose producer is a network call that the handle
//   analysis finds unbounded: std::async of a function that makes one, a
//   promise fulfilled from a library callback, a library request's own
//   task. A producer that is bounded, or local work, bounds the wait.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_UNBOUNDEDWAITS_H
#define RESILIENCE_TIDY_MODEL_UNBOUNDEDWAITS_H

#include "timeout/HandleConfig.h"
#include "knowledge/WaitKnowledge.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace resilience {
namespace model {

/// The check's options, handed in (no process-wide state).
struct WaitOptions {
  /// Type names (typedef or record, qualified) whose values are connections.
  std::vector<std::string> ConnectionTypes;
  /// Pool borrow functions and the index of their timeout argument (NoArg:
  /// they take none).
  std::vector<std::pair<std::string, unsigned>> PoolBorrowFunctions;
};

struct WaitFinding {
  enum Kind { PoolBorrow, PoolFunction, RemoteFuture } K = PoolBorrow;
  const ParkingCall *Wait = nullptr;      ///< the wait's table entry
  const clang::ValueDecl *Pool = nullptr; ///< the container (PoolBorrow)
  std::string Element;                    ///< its element type, as written
  bool Infinite = false;       ///< PoolFunction: an explicit "never"
  unsigned TimeoutArg = NoArg; ///< PoolFunction: where the timeout goes
  const clang::Expr *Producer = nullptr;  ///< std::async, get_future, ...
  const clang::CallExpr *Request = nullptr; ///< the network call that hangs
  const LibraryModel *Lib = nullptr;
};

class UnboundedWaitAnalysis {
public:
  /// One per translation unit; \p Libraries is the owning check's table.
  UnboundedWaitAnalysis(clang::ASTContext &Ctx,
                        llvm::ArrayRef<LibraryModel> Libraries,
                        const WaitOptions &Opts);

  /// Is \p Call a wait this analysis knows, or a declared pool function?
  bool isCandidate(const clang::CallExpr *Call);
  /// The finding at \p Call, in \p Enclosing, if its wait can last forever.
  std::optional<WaitFinding> judge(const clang::CallExpr *Call,
                                   const clang::FunctionDecl *Enclosing);

private:
  const ParkingCall *parkingCall(const clang::CallExpr *Call);
  std::optional<WaitFinding> judgeBorrow(const clang::CallExpr *Call,
                                         const ParkingCall &W,
                                         const clang::FunctionDecl *Fn);
  std::optional<WaitFinding> judgeFuture(const clang::CallExpr *Call,
                                         const ParkingCall &W,
                                         const clang::FunctionDecl *Fn);
  std::optional<WaitFinding> judgePoolFunction(const clang::CallExpr *Call);
  /// The container of connections \p S mentions, if any.
  const clang::ValueDecl *poolIn(const clang::Stmt *S, std::string &Element);
  bool isConnectionType(clang::QualType T, unsigned Depth = 0);
  /// The first network request reachable from \p Body (in \p Fn) that may
  /// wait forever.
  const clang::CallExpr *hangingRequest(const clang::Stmt *Body,
                                        const clang::FunctionDecl *Fn,
                                        unsigned Depth, bool &SawRequest);
  bool hangs(const clang::CallExpr *Request, const clang::FunctionDecl *Fn);
  std::optional<WaitFinding> judgeSource(const clang::Expr *Source,
                                         const clang::FunctionDecl *Fn,
                                         unsigned Depth);

  clang::ASTContext &Ctx;
  const WaitOptions &Opts;
  HandleConfigAnalysis Handles;
  std::map<const clang::FunctionDecl *, const ParkingCall *> Parking;
};

} // namespace model
} // namespace resilience

#endif
