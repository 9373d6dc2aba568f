// RUN: %check_resilience %s resilience-unbounded-wait %t -- -- -std=c++17 -isystem %S/../resilience-missing-timeout/Inputs
// Futures: the wait is as bounded as the work that fulfils it. A producer
// that makes a network call with no timeout leaves the waiting thread parked
// forever; a bounded producer, or local work, does not.
#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <cpr/cpr.h>
#include <chrono>
#include <future>
#include <string>
#include <vector>

static long fetch_status(const std::string &url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_cleanup(h);
  return code;
}

long async_named_function() {
  std::future<long> f = std::async(std::launch::async, fetch_status,
                                    std::string("https://inventory.internal"));
  return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' waits with no deadline for a result produced by 'curl_easy_perform', a libcurl call that has no timeout; if the peer stalls, this thread parks here forever [resilience-unbounded-wait]
  // CHECK-MESSAGES: :16:3: note: 'curl_easy_perform' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-5]]:25: note: the result comes from 'std::async' here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: bound the call itself (a timeout on its handle), or wait with wait_for and a deadline
}

std::string async_lambda() {
  auto f = std::async(std::launch::async, [] {
    redisContext *c = redisConnectWithTimeout("cache.internal", 6379, {1, 0});
    redisCommand(c, "GET %s", "price:42");
    return std::string("ok");
  });
  f.wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'wait' waits with no deadline for a result produced by 'redisCommand', a hiredis call that has no timeout
  // CHECK-MESSAGES: :[[@LINE-5]]:5: note: 'redisCommand' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-8]]:12: note: the result comes from 'std::async' here
  // CHECK-MESSAGES: :[[@LINE-4]]:5: note: bound the call itself (a timeout on its context), or wait with wait_for and a deadline
  return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' waits with no deadline for a result produced by 'redisCommand'
  // CHECK-MESSAGES: :[[@LINE-10]]:5: note: 'redisCommand' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-13]]:12: note: the result comes from 'std::async' here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: bound the call itself
}

std::string cpr_async() {
  cpr::AsyncResponse r = cpr::GetAsync(cpr::Url{"https://rates.internal"});
  return r.get().text;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' waits with no deadline for a result produced by 'GetAsync', a cpr call that has no timeout
  // CHECK-MESSAGES: :[[@LINE-3]]:26: note: 'GetAsync' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: bound the call itself (a timeout on its session), or wait with wait_for and a deadline
}

std::string promise_from_callback() {
  std::promise<std::string> done;
  std::future<std::string> f = done.get_future();
  auto pending = cpr::GetCallback(
      [&done](cpr::Response r) {
        done.set_value(r.text);
        return 0;
      },
      cpr::Url{"https://fx.internal"});
  return f.get();
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'get' waits with no deadline for a result produced by 'GetCallback', a cpr call that has no timeout
  // CHECK-MESSAGES: :[[@LINE-8]]:18: note: 'GetCallback' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-10]]:32: note: the result comes from 'done.get_future()' here
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: bound the call itself
}

class Prefetcher {
public:
  void start() {
    pending_ = std::async(std::launch::async, fetch_status,
                          std::string("https://catalog.internal"));
  }
  long finish() { return pending_.get(); }
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: 'get' waits with no deadline for a result produced by 'curl_easy_perform', a libcurl call that has no timeout
  // CHECK-MESSAGES: :16:3: note: 'curl_easy_perform' can wait forever here
  // CHECK-MESSAGES: :[[@LINE-6]]:16: note: the result comes from 'std::async' here
  // CHECK-MESSAGES: :[[@LINE-4]]:35: note: bound the call itself

private:
  std::future<long> pending_;
};

// Negatives.

static long fetch_bounded(const std::string &url) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2000L);
  curl_easy_perform(h);
  long code = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

// The producer is bounded: the wait is bounded transitively.
long bounded_producer() {
  auto f = std::async(std::launch::async, fetch_bounded,
                      std::string("https://inventory.internal"));
  return f.get();
}

// Local CPU work.
long local_future(const std::vector<long> &xs) {
  auto f = std::async(std::launch::async, [&xs] {
    long sum = 0;
    for (long x : xs)
      sum += x;
    return sum;
  });
  return f.get();
}

// The bounded wait.
long wait_for_deadline() {
  auto f = std::async(std::launch::async, fetch_status,
                      std::string("https://inventory.internal"));
  if (f.wait_for(std::chrono::seconds(2)) != std::future_status::ready)
    return -1;
  return 0;
}

// A future handed in: its producer is out of sight.
long parameter(std::future<long> &f) { return f.get(); }

// cpr with a timeout.
std::string cpr_bounded() {
  auto r = cpr::GetAsync(cpr::Url{"https://rates.internal"},
                         cpr::Timeout{std::chrono::seconds(2)});
  return r.get().text;
}

// A promise fulfilled by local work on another thread.
long promise_local() {
  std::promise<long> p;
  std::future<long> f = p.get_future();
  std::thread t([&p] { p.set_value(42); });
  long v = f.get();
  t.join();
  return v;
}

// A shared_future of a bounded producer.
long shared_bounded() {
  std::shared_future<long> f =
      std::async(std::launch::async, fetch_bounded, std::string("https://a"))
          .share();
  return f.get();
}
