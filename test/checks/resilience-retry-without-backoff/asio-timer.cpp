// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// A synchronous Asio timer wait is a delay; its length is the expiry set on
// the same timer.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>

bool fixed_timer(boost::asio::io_context &io, CURL *h) {
  boost::asio::steady_timer timer(io);
  for (int attempt = 0; attempt < 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    timer.expires_after(std::chrono::milliseconds(500));
    timer.wait();
  }
  return false;
}

bool jittered_timer(boost::asio::io_context &io, CURL *h) {
  boost::asio::steady_timer timer(io);
  std::mt19937 rng(7);
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    long cap = std::min(100L << attempt, 4000L);
    std::uniform_int_distribution<long> pick(0, cap);
    timer.expires_after(std::chrono::milliseconds(pick(rng)));
    timer.wait();
  }
  return false;
}
