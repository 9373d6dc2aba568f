// Retry loops around a payment POST (libcurl to Stripe), with 0, 1, 2 and 3
// of the guardrails: backoff with jitter, a cap on attempts, a key made once.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

std::string new_uuid();

static CURL *charge_handle(const std::string &key) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  (void)key;
  return h;
}

// 0 of 3: retries at once, forever, without a key.
bool charge_none() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  for (;;) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
  }
}

// 1 of 3: three attempts, a fixed delay, no key.
bool charge_capped() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

// 2 of 3: capped exponential backoff with jitter and a cap, but a new key
// per attempt (the rewrite moves it out of the loop: a fix-it).
bool charge_key_per_attempt(std::mt19937 &rng) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  std::uniform_int_distribution<int> jitter(0, 100);
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::string key = new_uuid();
    struct curl_slist *hdrs = nullptr;
    hdrs = curl_slist_append(hdrs, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    auto backoff = std::min(std::chrono::milliseconds(2000),
                            std::chrono::milliseconds(100) * (1 << attempt));
    std::this_thread::sleep_for(backoff + std::chrono::milliseconds(jitter(rng)));
  }
  return false;
}

// 3 of 3: the key is made once, before the first attempt.
bool charge_all(std::mt19937 &rng) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  std::string key = new_uuid();
  struct curl_slist *hdrs = nullptr;
  hdrs = curl_slist_append(hdrs, ("Idempotency-Key: " + key).c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  std::uniform_int_distribution<int> jitter(0, 100);
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    auto backoff = std::min(std::chrono::milliseconds(2000),
                            std::chrono::milliseconds(100) * (1 << attempt));
    std::this_thread::sleep_for(backoff + std::chrono::milliseconds(jitter(rng)));
  }
  return false;
}
