// RUN: %check_resilience %s resilience-unbounded-wait %t -- --config="{CheckOptions: {resilience-unbounded-wait.PoolBorrowFunctions: 'Pool::get:x'}}" -- -std=c++17
// A malformed PoolBorrowFunctions is reported and ignored; the rest of the
// check still runs.
// CHECK-MESSAGES: warning: invalid value 'Pool::get:x' for option 'resilience-unbounded-wait.PoolBorrowFunctions': expected 'name' or 'name:index' items separated by ';'; the option is ignored [clang-tidy-config]
#include <curl/curl.h>
#include <condition_variable>
#include <mutex>
#include <vector>

struct Pool {
  int *get(int timeout);
};
int use(Pool &p) { return *p.get(-1); }

std::mutex mu;
std::condition_variable cv;
std::vector<CURL *> handles;

CURL *borrow() {
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [] { return !handles.empty(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'wait' parks this thread until another thread returns a connection to 'handles' (a pool of 'CURL *')
  // CHECK-MESSAGES: :17:21: note: 'handles' holds the pool's connections here
  // CHECK-MESSAGES: :[[@LINE-3]]:6: note: borrow with a deadline
  CURL *h = handles.back();
  handles.pop_back();
  return h;
}
