// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// In-house wrappers defined in this translation unit: a function that
// reaches a request (through other functions) is a remote operation, and a
// function that sleeps is a delay whose growth and jitter are read from it.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

static CURLcode perform(CURL *h) { return curl_easy_perform(h); }

static bool post_order(CURL *h, const std::string &body) {
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  return perform(h) == CURLE_OK; // two levels down to the request
}

static std::string fetch_or_throw(CURL *h) {
  if (curl_easy_perform(h) != CURLE_OK)
    throw std::runtime_error("fetch failed");
  return "ok";
}

static void pause_briefly() { usleep(500000); }

static std::mt19937 &rng() {
  static std::mt19937 g(std::random_device{}());
  return g;
}

static void backoff_sleep(int attempt) {
  auto d = std::min(std::chrono::milliseconds(100) * (1 << attempt),
                    std::chrono::milliseconds(20000));
  std::uniform_int_distribution<long> jitter(0, d.count());
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng())));
}

static std::chrono::milliseconds next_delay(int attempt) {
  return std::min(std::chrono::milliseconds(50L << attempt),
                  std::chrono::milliseconds(5000));
}

static bool try_lock_file(const char *path);

// ---- positives ------------------------------------------------------------

void post_until_accepted(CURL *h, const std::string &body) {
  while (!post_order(h, body))
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'post_order' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'post_order' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'post_order' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

bool helper_with_a_constant_pause(CURL *h, const std::string &body) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'post_order' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'post_order' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE+3]]:5: note: add random jitter to this delay, e.g. a uniform random share of it
    if (post_order(h, body))
      return true;
    pause_briefly();
  }
  return false;
}

std::string catch_and_loop(CURL *h) {
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'fetch_or_throw' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'fetch_or_throw' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'fetch_or_throw' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    try {
      return fetch_or_throw(h);
    } catch (const std::exception &) {
      sleep(2);
    }
  }
}

bool delay_from_a_helper_without_jitter(CURL *h, const std::string &body) {
  for (int attempt = 0; attempt < 6; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'post_order' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (post_order(h, body))
      return true;
    std::this_thread::sleep_for(next_delay(attempt));
  }
  return false;
}

// ---- correct loops: silent ------------------------------------------------

bool sleeps_in_a_backoff_helper(CURL *h, const std::string &body) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (post_order(h, body))
      return true;
    backoff_sleep(attempt);
  }
  return false;
}

std::string catch_and_loop_bounded(CURL *h) {
  for (int attempt = 0;; ++attempt) {
    try {
      return fetch_or_throw(h);
    } catch (const std::exception &) {
      if (attempt >= 4)
        throw;
      backoff_sleep(attempt);
    }
  }
}

// ---- not retry loops: silent ----------------------------------------------

void wait_for_lock() {
  while (!try_lock_file("/var/run/app.lock")) // not a remote operation
    sleep(1);
}

bool post_every_order(CURL *h, const std::vector<std::string> &orders) {
  for (size_t i = 0; i < orders.size(); ++i)
    if (!post_order(h, orders[i]))
      return false;
  return true;
}

bool post_first_accepted(CURL *h, const std::vector<std::string> &candidates) {
  for (auto it = candidates.begin(); it != candidates.end(); ++it)
    if (post_order(h, *it))
      return true;
  return false;
}
