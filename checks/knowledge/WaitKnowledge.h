//===--- WaitKnowledge.h - Calls that park a thread until someone else acts -===//
//
// What resilience-unbounded-wait knows, as data (model/libraries/Waits.cpp):
// the calls that park the calling thread until another party releases it
// (a condition variable, a semaphore, a future), which of them have no
// deadline, and how a future's producer is recognized. The analysis that
// decides whether a given wait matters is UnboundedWaits.h.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_WAITKNOWLEDGE_H
#define RESILIENCE_TIDY_MODEL_WAITKNOWLEDGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace resilience {
namespace model {

/// How a wait is released.
enum class WaitKind {
  Notify,    ///< a condition variable: someone notifies after a change
  Permit,    ///< a semaphore: someone releases a permit
  Result     ///< a future or task: the producer delivers a value
};

/// A call with no deadline that parks the thread (`cv.wait(lock)`).
struct ParkingCall {
  llvm::StringRef Function; ///< qualified name, `*` allowed
  WaitKind Kind;
  /// For Notify: the argument holding the predicate, if any (`wait(lk,
  /// pred)`); for a free function (sem_wait), the argument naming the
  /// semaphore.
  unsigned PredicateArg;
  /// The bounded form to suggest ("wait_for").
  llvm::StringRef Bounded;
};

/// A call that starts work whose result a future delivers:
/// `std::async(policy?, fn, args...)`.
struct FutureProducer {
  llvm::StringRef Function;
  /// The first argument that may be the callable (std::async's launch
  /// policy comes first when given).
  unsigned CallableArg;
};

/// Everything resilience-unbounded-wait knows.
struct WaitKnowledge {
  std::vector<ParkingCall> Parking;
  std::vector<FutureProducer> Producers;
  /// Container templates a pool keeps its connections in.
  std::vector<llvm::StringRef> Containers;
  /// Methods that hand a promise's future out, and that fulfil it.
  std::vector<llvm::StringRef> GetFuture;
  std::vector<llvm::StringRef> Fulfil;
  /// Methods that chain a continuation onto a task and return a new task
  /// that finishes after it (`pplx::task::then`).
  std::vector<llvm::StringRef> Continuations;
};

const WaitKnowledge &waitKnowledge();

} // namespace model
} // namespace resilience

#endif
