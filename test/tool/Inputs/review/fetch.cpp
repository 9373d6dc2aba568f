// Retry loops around a GET (not a payment: no key needed), with 0, 1 and 2
// of the two guardrails that apply.
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

static CURL *get_handle() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_URL, "https://inventory.internal/v1/items");
  return h;
}

// 0 of 2.
bool fetch_none(CURL *h) {
  while (true) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// 1 of 2: backoff with jitter, no cap.
bool fetch_backoff(CURL *h, std::mt19937 &rng) {
  std::uniform_int_distribution<int> jitter(0, 100);
  auto delay = std::chrono::milliseconds(100);
  while (curl_easy_perform(h) != CURLE_OK) {
    std::this_thread::sleep_for(delay + std::chrono::milliseconds(jitter(rng)));
    delay = std::min(delay * 2, std::chrono::milliseconds(5000));
  }
  return true;
}

// 2 of 2.
bool fetch_all(CURL *h, std::mt19937 &rng) {
  std::uniform_int_distribution<int> jitter(0, 100);
  for (int attempt = 0; attempt < 4; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    auto backoff = std::min(std::chrono::milliseconds(2000),
                            std::chrono::milliseconds(100) * (1 << attempt));
    std::this_thread::sleep_for(backoff + std::chrono::milliseconds(jitter(rng)));
  }
  return false;
}

CURL *unused() { return get_handle(); }
