// RUN: %check_resilience %s resilience-missing-idempotency-key,resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// The idempotency check and the retry checks agree on what a retry loop is.
// A capped, jittered, exponentially backed-off loop around a payment POST is
// a good retry loop (no retry finding), and a key minted inside it is still
// a new key per attempt.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

std::string new_uuid();

void capped_jittered_retry_mints_the_key_inside() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  std::mt19937 rng(std::random_device{}());
  long delay_ms = 100;
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::string key = new_uuid();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl is generated inside the retry loop
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: create the key once, before the first attempt, and reuse it on every retry
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (curl_easy_perform(h) == CURLE_OK)
      break;
    std::uniform_int_distribution<long> jitter(0, delay_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms + jitter(rng)));
    delay_ms = std::min(delay_ms * 2, 5000L);
  }
}

// The trap: the same loop with the key made once, before the first attempt.
void capped_jittered_retry_reuses_one_key() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  std::mt19937 rng(std::random_device{}());
  long delay_ms = 100;
  std::string key = new_uuid();
  for (int attempt = 0; attempt < 5; ++attempt) {
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (curl_easy_perform(h) == CURLE_OK)
      break;
    std::uniform_int_distribution<long> jitter(0, delay_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms + jitter(rng)));
    delay_ms = std::min(delay_ms * 2, 5000L);
  }
}
