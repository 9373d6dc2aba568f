//===--- Waits.cpp - Calls that park a thread with no deadline -------------===//
//
// Facts (cppreference; the C++ standard library of Debian 12's GCC 12):
// condition_variable(_any)::wait(lock[, pred]) returns only after a notify;
// wait_for / wait_until return at the deadline. counting_semaphore::acquire
// (binary_semaphore is counting_semaphore<1>) waits for a permit;
// try_acquire_for / try_acquire_until do not wait past their deadline.
// sem_wait (POSIX) waits for a post; sem_timedwait is bounded.
// future::get / wait and shared_future::get / wait wait for the producer;
// wait_for / wait_until are bounded. std::async(policy?, f, args...) runs f
// and its future delivers f's result. promise::get_future hands out the
// future that set_value / set_exception fulfil.
// cpprestsdk (pplxtasks.h): task::get / wait wait for the task; then()
// chains a continuation; an http_client request's task is bounded by the
// client's timeout (30 s by default).
//
//===----------------------------------------------------------------------===//

#include "knowledge/WaitKnowledge.h"
#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

const WaitKnowledge &waitKnowledge() {
  static const WaitKnowledge K = [] {
    WaitKnowledge W;
    W.Parking = {
        {"std::condition_variable::wait", WaitKind::Notify, 1, "wait_for"},
        {"std::condition_variable_any::wait", WaitKind::Notify, 1,
         "wait_for"},
        {"std::counting_semaphore::acquire", WaitKind::Permit, NoArg,
         "try_acquire_for"},
        {"sem_wait", WaitKind::Permit, 0, "sem_timedwait"},
        {"std::future::get", WaitKind::Result, NoArg, "wait_for"},
        // libstdc++ declares future's and shared_future's wait() in their
        // base, std::__basic_future.
        {"std::*future::wait", WaitKind::Result, NoArg, "wait_for"},
        {"std::shared_future::get", WaitKind::Result, NoArg, "wait_for"},
        {"pplx::task::get", WaitKind::Result, NoArg, "a timeout on the client"},
        {"pplx::task::wait", WaitKind::Result, NoArg,
         "a timeout on the client"},
    };
    W.Producers = {{"std::async", 0}};
    W.Containers = {"std::deque", "std::vector", "std::list", "std::queue",
                    "std::stack", "std::priority_queue", "std::forward_list",
                    "std::set", "std::unordered_set", "std::map",
                    "std::unordered_map"};
    W.GetFuture = {"std::promise::get_future"};
    W.Fulfil = {"std::promise::set_value", "std::promise::set_exception",
                "std::promise::set_value_at_thread_exit"};
    W.Continuations = {"pplx::task::then"};
    return W;
  }();
  return K;
}

} // namespace model
} // namespace resilience
