// RUN: %check_resilience %s resilience-missing-idempotency-key,resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// The idempotency check and the retry checks agree on what a retry loop is:
// both ask the one recognizer (retry/RetryLoop). A capped, jittered,
// exponentially backed-off loop around a payment POST is a good retry loop
// (no retry finding), and a key minted inside it is still a new key per
// attempt. A poll is no retry for either.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <curl/curl.h>
#include <algorithm>
#include <chrono>
#include <random>
#include <string>
#include <thread>

std::string new_uuid();

namespace beast = boost::beast;
namespace http = beast::http;

static size_t collect(char *data, size_t size, size_t n, void *user) {
  static_cast<std::string *>(user)->append(data, size * n);
  return size * n;
}

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

// The same with Beast: the attempt's outcome is the error code http::write
// fills in (`if (!ec) break;` leaves on success).
void beast_capped_jittered_retry_mints_the_key_inside(beast::tcp_stream &stream) {
  std::mt19937 rng(std::random_device{}());
  long delay_ms = 100;
  for (int attempt = 0; attempt < 5; ++attempt) {
    http::request<http::string_body> req{http::verb::post, "/v1/payouts", 11};
    req.set(http::field::host, "api.stripe.com");
    req.set("Idempotency-Key", new_uuid());
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: idempotency key for POST to payment endpoint '/v1/payouts' (Stripe) via Boost.Beast is generated inside the retry loop
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-3]]:32: note: create the key once, before the first attempt, and reuse it on every retry
    beast::error_code ec;
    http::write(stream, req, ec);
    if (!ec)
      break;
    std::uniform_int_distribution<long> jitter(0, delay_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms + jitter(rng)));
    delay_ms = std::min(delay_ms * 2, 5000L);
  }
}

// A poll, not a retry: every answered POST pays out the next pending batch
// (a new operation, so a new key each time is right), and the loop stops
// when the answer's body says nothing is pending. A failed transfer ends the
// loop; it is never repeated. Silent for all four checks.
bool pay_out_until_drained() {
  CURL *h = curl_easy_init();
  std::string buf;
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/payouts");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "batch=next");
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &buf);
  for (;;) {
    buf.clear();
    std::string key = new_uuid();
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (curl_easy_perform(h) != CURLE_OK)
      return false;
    if (buf.find("\"pending\":0") != std::string::npos)
      return true;
    std::this_thread::sleep_for(std::chrono::seconds(2));
  }
}
