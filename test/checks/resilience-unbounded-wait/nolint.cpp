// RUN: %check_resilience %s resilience-unbounded-wait %t -- -- -std=c++20
// The suppression comments (on the line, on the line before, and a begin/end
// block) silence a pool-borrow finding through both front ends; one that
// names another check does not.
#include <curl/curl.h>
#include <condition_variable>
#include <deque>
#include <mutex>

class CurlPool {
public:
  CURL *borrow_waived() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty(); }); // NOLINT(resilience-unbounded-wait): the pool is sized to the worker count
    return take();
  }
  CURL *borrow_next_line() {
    std::unique_lock<std::mutex> lock(mu_);
    // NOLINTNEXTLINE(resilience-*): a watchdog aborts stuck workers
    cv_.wait(lock, [this] { return !idle_.empty(); });
    return take();
  }
  CURL *borrow_block() {
    std::unique_lock<std::mutex> lock(mu_);
    // NOLINTBEGIN(resilience-unbounded-wait): startup only, before traffic
    while (idle_.empty())
      cv_.wait(lock);
    // NOLINTEND(resilience-unbounded-wait)
    return take();
  }
  CURL *borrow_other_check() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty(); }); // NOLINT(resilience-missing-timeout): a different check
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' parks this thread until another thread returns a connection to 'idle_' (a pool of 'CURL *'), with no deadline
    // CHECK-MESSAGES: :61:22: note: 'idle_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: borrow with a deadline
    return take();
  }
  CURL *borrow_unsuppressed() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' parks this thread until another thread returns a connection to 'idle_' (a pool of 'CURL *'), with no deadline
    // CHECK-MESSAGES: :61:22: note: 'idle_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: borrow with a deadline
    return take();
  }
  void give_back(CURL *h) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(h);
    cv_.notify_one();
  }

private:
  CURL *take() {
    CURL *h = idle_.front();
    idle_.pop_front();
    return h;
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CURL *> idle_;
};
