// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Delays computed by a same-file helper into an out-parameter, and policy
// predicates that compare the attempt with a limit: a cloud SDK's retry
// loop is written this way. The helper's writes to the out-parameter are
// the delay; a predicate that returns false past the limit is the cap.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

struct RetryOptions {
  int MaxRetries = 5;
  std::chrono::milliseconds Base{100};
  std::chrono::milliseconds Max{10000};
};

static std::mt19937 &rng() {
  static std::mt19937 g{std::random_device{}()};
  return g;
}

// Exponential, capped, jittered, and false once the attempts run out.
static bool ShouldRetryOnResponse(CURLcode rc, const RetryOptions &o,
                                  int attempt,
                                  std::chrono::milliseconds &retryAfter) {
  if (rc == CURLE_OK || attempt > o.MaxRetries)
    return false;
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  auto d = std::min(o.Base * (1 << (attempt - 1)), o.Max);
  retryAfter = std::chrono::milliseconds(
      static_cast<long>(d.count() * jitter(rng())));
  return true;
}

// The same, but the predicate's name says nothing and its body compares the
// attempt with the limit.
static bool Again(int attempt, int limit) { return attempt < limit; }

static void NextDelay(int attempt, std::chrono::milliseconds &out) {
  auto d = std::min(std::chrono::milliseconds(100) * (1 << attempt),
                    std::chrono::milliseconds(30000));
  std::uniform_int_distribution<long> jitter(0, d.count());
  out = std::chrono::milliseconds(jitter(rng()));
}

// A constant out-parameter: a fixed interval.
static void FixedDelay(std::chrono::milliseconds *out) {
  *out = std::chrono::milliseconds(500);
}

// Defined in another translation unit: what it writes is unknown.
void ComputeBackoff(int attempt, std::chrono::milliseconds &out);

// A predicate named like a policy, defined elsewhere.
bool IsRetryableError(CURLcode rc);
// A classifier that says nothing about the attempts.
bool IsTransient(CURLcode rc);

// ---- traps: the helpers back off, jitter and cap -----------------------------

CURLcode sdk_style(CURL *h, const RetryOptions &options) {
  for (int attempt = 1;; ++attempt) {
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      return rc;
    std::chrono::milliseconds retryAfter{};
    if (!ShouldRetryOnResponse(rc, options, attempt, retryAfter))
      return rc;
    std::this_thread::sleep_for(retryAfter);
  }
}

CURLcode predicate_compares_the_attempt(CURL *h) {
  int attempt = 0;
  while (true) {
    if (curl_easy_perform(h) == CURLE_OK)
      return CURLE_OK;
    if (!Again(++attempt, 4))
      return CURLE_COULDNT_CONNECT;
    std::chrono::milliseconds d;
    NextDelay(attempt, d);
    std::this_thread::sleep_for(d);
  }
}

CURLcode opaque_delay_is_not_fixed(CURL *h) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return CURLE_OK;
    std::chrono::milliseconds d;
    ComputeBackoff(attempt, d);
    std::this_thread::sleep_for(d);
  }
  return CURLE_COULDNT_CONNECT;
}

CURLcode policy_predicate_by_name(CURL *h) {
  int attempt = 0;
  while (true) {
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      return rc;
    if (!IsRetryableError(rc))
      return rc;
    std::chrono::milliseconds d;
    NextDelay(attempt++, d);
    std::this_thread::sleep_for(d);
  }
}

// ---- positives ---------------------------------------------------------------

CURLcode fixed_out_parameter(CURL *h) {
  for (int attempt = 0; attempt < 5; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval between attempts; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      return CURLE_OK;
    std::chrono::milliseconds d{};
    FixedDelay(&d);
    std::this_thread::sleep_for(d);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: add random jitter to this delay, e.g. a uniform random share of it
  }
  return CURLE_COULDNT_CONNECT;
}

CURLcode transient_is_no_cap(CURL *h) {
  int attempt = 0;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'attempt' counts the attempts but is never compared with a limit
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      return rc;
    if (!IsTransient(rc))
      return rc;
    std::chrono::milliseconds d;
    NextDelay(attempt++, d);
    std::this_thread::sleep_for(d);
  }
}
