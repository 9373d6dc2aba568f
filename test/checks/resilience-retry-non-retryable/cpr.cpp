// RUN: %check_resilience %s resilience-retry-non-retryable %t -- --quiet -- -std=c++17 -I%S/../resilience-missing-idempotency-key/Inputs
// Retry loops around cpr requests (cpr has no Debian package: a small
// stand-in header with cpr's names).
#include <cpr/cpr.h>
#include <chrono>
#include <string>
#include <thread>

static void pause_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// ---- positives ------------------------------------------------------------

cpr::Response get_profile(const std::string &url) {
  cpr::Response r;
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'cpr::Get' retries every non-success HTTP status, including client errors (400, 401, 403, 404, 409, 422) that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: this test of the status does not tell a client error from a server error
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only 408, 429 and 5xx: leave the loop on any other 4xx status (or call a classifier named in option StatusClassifiers)
    r = cpr::Get(cpr::Url{url});
    if (r.status_code >= 200 && r.status_code < 300)
      return r;
    pause_ms(100 << attempt);
  }
  return r;
}

// A comment posted again without a key: posted twice when a response is
// lost. Only 5xx is retried.
bool post_comment(const std::string &text) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    cpr::Response r = cpr::Post(cpr::Url{"https://forum.example.com/api/comments"},
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: POST to 'https://forum.example.com/api/comments' via cpr is retried without an idempotency key; when a response is lost after the server applied the request, the retry applies it again (a duplicate order, message or record) [resilience-retry-non-retryable]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: create a key once, before the loop, and send it on every attempt (an 'Idempotency-Key' header, if the server honours one), or retry only failures that prove the request was not applied
                                cpr::Body{text});
    if (r.status_code >= 200 && r.status_code < 500)
      return r.status_code == 201;
    pause_ms(100 << attempt);
  }
  return false;
}

// ---- negatives ------------------------------------------------------------

cpr::Response get_server_errors_only(const std::string &url) {
  cpr::Response r;
  for (int attempt = 0; attempt < 3; ++attempt) {
    r = cpr::Get(cpr::Url{url});
    if (r.status_code >= 200 && r.status_code < 500 && r.status_code != 429)
      return r;
    pause_ms(100 << attempt);
  }
  return r;
}

// The key travels in a header, created once by the caller.
bool post_comment_with_key(const std::string &text, const std::string &key) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    cpr::Response r = cpr::Post(cpr::Url{"https://forum.example.com/api/comments"},
                                cpr::Header{{"Idempotency-Key", key}},
                                cpr::Body{text});
    if (r.status_code >= 200 && r.status_code < 500)
      return r.status_code == 201;
    pause_ms(100 << attempt);
  }
  return false;
}

