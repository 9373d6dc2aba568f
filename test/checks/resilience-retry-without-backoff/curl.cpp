// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Retry loops around libcurl, with every retry check enabled: each loop's
// expectations name all the findings it must produce, and nothing else may
// be printed.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

// ---- positives ------------------------------------------------------------

bool hot_retry(CURL *h) {
  for (int attempt = 0; attempt < 5; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries immediately after a failure; every client hammers the failing dependency at full speed (retry storm) [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' retries with no delay and no random jitter; clients that failed together retry together (thundering herd) [resilience-retry-without-jitter]
    CURLcode rc = curl_easy_perform(h);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: note: 'curl_easy_perform' is retried here
    if (rc == CURLE_OK)
      return true;
  }
  return false;
}

void fixed_interval_forever(CURL *h) {
  while (curl_easy_perform(h) != CURLE_OK)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval between attempts; the load on a struggling dependency does not ease while it stays down [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+4]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; clients that failed together retry in lockstep (thundering herd) [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; it retries for as long as the dependency is down [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: stop after a maximum number of attempts or an overall deadline
    sleep(1);
}

bool doubling_without_ceiling(CURL *h) {
  std::chrono::milliseconds delay(100);
  int tries = 0;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' grows its delay without a ceiling; after a long outage clients wait far longer than the outage lasted [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+6]]:7: note: cap this delay, e.g. std::min(cap, base * 2^attempt)
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'tries' counts the attempts but is never compared with a limit
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) {
      std::this_thread::sleep_for(delay);
      delay *= 2;
      ++tries;
      continue;
    }
    break;
  }
  return true;
}

bool linear_growth(CURL *h) {
  for (int attempt = 1; attempt <= 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' grows its delay only linearly, not exponentially; the retries back off too slowly to relieve a failing dependency [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
  }
  return false;
}

bool capped_exponential_without_jitter(CURL *h) {
  std::chrono::milliseconds delay = 50ms;
  const std::chrono::milliseconds kMax = 5s;
  for (int attempt = 0; attempt < 6; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    std::this_thread::sleep_for(delay);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: note: add random jitter to this delay, e.g. a uniform random share of it
    delay = std::min(delay * 2, kMax);
  }
  return false;
}

bool success_flag(CURL *h) {
  bool ok = false;
  int tries = 0;
  while (!ok && tries < 3) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    ok = curl_easy_perform(h) == CURLE_OK;
    if (!ok) {
      ++tries;
      usleep(250000);
    }
  }
  return ok;
}

void switch_on_the_result(CURL *h) {
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'curl_easy_perform' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    switch (curl_easy_perform(h)) {
    case CURLE_OK:
      return;
    default:
      break;
    }
    usleep(100000);
  }
}

bool done_flag_set_on_success(CURL *h) {
  bool done = false;
  int attempts = 0;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
    if (curl_easy_perform(h) == CURLE_OK)
      done = true;
    ++attempts;
  } while (!done && attempts < 3);
  return done;
}

// Two results count as success; either one ends the loop.
bool either_result_is_success(CURL *h, int max_tries) {
  int count = 0;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'curl_easy_perform' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK || rc == CURLE_GOT_NOTHING)
      return true;
    usleep(200 * 1000);
  } while (++count < max_tries);
  return false;
}

// ---- correct loops: silent ------------------------------------------------

bool full_backoff(CURL *h) {
  std::mt19937 gen(std::random_device{}());
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    auto base = std::chrono::milliseconds(100) * (1 << attempt);
    auto capped = std::min(base, std::chrono::milliseconds(10000));
    std::uniform_int_distribution<long> jitter(0, capped.count());
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(gen)));
  }
  return false;
}

bool deadline_bounded(CURL *h) {
  auto deadline = std::chrono::steady_clock::now() + 30s;
  long delay_ms = 100;
  while (std::chrono::steady_clock::now() < deadline) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    usleep((delay_ms + std::rand() % delay_ms) * 1000);
    delay_ms = delay_ms * 2;
    if (delay_ms > 8000)
      delay_ms = 8000;
  }
  return false;
}

// ---- not retry loops: silent ----------------------------------------------

bool first_mirror_that_answers(CURL *h, const char *const *urls, int n) {
  for (int i = 0; i < n; ++i) {
    curl_easy_setopt(h, CURLOPT_URL, urls[i]);
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
  }
  return false;
}

bool every_handle(CURL **handles, int n) {
  for (int i = 0; i < n; ++i)
    if (curl_easy_perform(handles[i]) != CURLE_OK)
      return false;
  return true;
}

void multi_event_loop(CURLM *m) {
  int running = 1;
  do {
    curl_multi_perform(m, &running);
    curl_multi_poll(m, nullptr, 0, 1000, nullptr);
  } while (running);
}

void heartbeat(CURL *h, const bool &running) {
  while (running) {
    curl_easy_perform(h);
    sleep(30);
  }
}

std::string next_link(const std::string &body);

void follow_next_links(CURL *h, std::string url) {
  std::string body;
  while (!url.empty()) {
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    if (curl_easy_perform(h) != CURLE_OK)
      return;
    url = next_link(body);
  }
}
