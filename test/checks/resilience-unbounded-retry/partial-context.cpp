// RUN: %check_resilience --partial-context %s resilience-missing-timeout,resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Partial context, as in CI before generated headers are built: the header
// below does not exist. clang reports it and still builds the AST; tests
// that name what it would declare (`Status::kOk`, `kMaxAttempts`) are kept
// only as text. Loops and requests around them are still read, and what
// cannot be read keeps the checks silent.
#include <curl/curl.h>
#include <sys/socket.h>
#include <chrono>
#include <thread>
#include <unistd.h>
#include "generated/service_config.h"
// CHECK-MESSAGES: :[[@LINE-1]]:10: error: 'generated/service_config.h' file not found [clang-diagnostic-error]

// ---- positives ---------------------------------------------------------------

void result_compared_with_an_unknown_enum(CURL *h) {
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    Status st = classify(curl_easy_perform(h));
    if (st == Status::kOk)
      return;
  }
}

bool connect_until_it_works(int fd, const sockaddr *addr, socklen_t len) {
  for (int i = 0; i < kMaxAttempts; ++i) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a fixed interval between attempts; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (connect(fd, addr, len) == 0)
      return true;
    sleep(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: add random jitter to this delay, e.g. a uniform random share of it
  }
  return false;
}

void request_with_an_unknown_url(Config &config) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, config.url().c_str());
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
  curl_easy_cleanup(h);
}

// ---- traps -------------------------------------------------------------------

// The cap is a constant from the missing header.
void capped_by_an_unknown_constant(CURL *h) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      return;
  }
}

// The delay is a constant from the missing header: its length is unknown.
void delay_from_an_unknown_constant(CURL *h) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return;
    std::this_thread::sleep_for(kRetryDelay);
  }
}

// A poll: the success exit waits for the job's state, a name the missing
// header declares.
void poll_until_the_job_is_done(CURL *h, Job &job) {
  while (true) {
    Status st = classify(curl_easy_perform(h));
    if (st == Status::kOk && job.state == JobState::kDone)
      return;
    sleep(2);
  }
}

// The timeout's value comes from the missing header: it is set.
void timeout_from_an_unknown_constant() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, kRequestTimeoutMs);
  curl_easy_perform(h);
  curl_easy_cleanup(h);
}
