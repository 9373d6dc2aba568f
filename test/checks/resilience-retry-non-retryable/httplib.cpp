// RUN: %check_resilience %s resilience-retry-non-retryable,resilience-missing-idempotency-key %t -- --quiet -- -std=c++17
// Retry loops around cpp-httplib requests: which failures they retry.
#include <httplib.h>
#include <chrono>
#include <string>
#include <thread>

static void backoff_sleep(int attempt) {
  std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempt));
}

bool IsRetryable(int status);

// ---- positives ------------------------------------------------------------

// Leaves only on 200: a 404 or a 401 is retried like a 503.
std::string get_until_ok(httplib::Client &cli, const std::string &path) {
  for (int attempt = 0; attempt < 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries every non-success HTTP status, including client errors (400, 401, 403, 404, 409, 422) that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: this test of the status does not tell a client error from a server error
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only 408, 429 and 5xx: leave the loop on any other 4xx status (or call a classifier named in option StatusClassifiers)
    auto res = cli.Get(path);
    if (res && res->status == 200)
      return res->body;
    backoff_sleep(attempt);
  }
  return "";
}

// `>= 400` puts every client error on the retry path.
std::string fetch_text(httplib::Client &cli) {
  int attempt = 0;
  while (attempt < 5) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries every non-success HTTP status, including client errors (400, 401, 403, 404, 409, 422) that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: this test of the status does not tell a client error from a server error
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only 408, 429 and 5xx: leave the loop on any other 4xx status (or call a classifier named in option StatusClassifiers)
    auto res = cli.Get("/report");
    if (!res || res->status >= 400) {
      backoff_sleep(attempt++);
      continue;
    }
    return res->body;
  }
  return "";
}

// A POST to an ordinary endpoint re-sent without a key: the order may be
// created twice. The status test also retries 4xx.
bool create_order(httplib::Client &cli, const std::string &json) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Post' retries every non-success HTTP status, including client errors (400, 401, 403, 404, 409, 422) that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+6]]:9: note: this test of the status does not tell a client error from a server error
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only 408, 429 and 5xx: leave the loop on any other 4xx status (or call a classifier named in option StatusClassifiers)
    auto res = cli.Post("/v1/orders", json, "application/json");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: POST to '/v1/orders' via cpp-httplib is retried without an idempotency key; when a response is lost after the server applied the request, the retry applies it again (a duplicate order, message or record) [resilience-retry-non-retryable]
    // CHECK-MESSAGES: :[[@LINE-6]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: create a key once, before the loop, and send it on every attempt (an 'Idempotency-Key' header, if the server honours one), or retry only failures that prove the request was not applied
    if (res && res->status == 201)
      return true;
    backoff_sleep(attempt);
  }
  return false;
}

// ---- negatives ------------------------------------------------------------

// Already excludes 4xx: anything below 500 is final.
int get_excluding_4xx(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto res = cli.Get("/items");
    if (res && res->status < 500)
      return res->status;
    backoff_sleep(attempt);
  }
  return -1;
}

// An in-house classifier decides.
int get_with_classifier(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto res = cli.Get("/items");
    if (res && res->status == 200)
      return 200;
    if (res && !IsRetryable(res->status))
      return res->status;
    backoff_sleep(attempt);
  }
  return -1;
}

// A switch over the status gives up on the client errors it names.
int get_with_switch(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto res = cli.Get("/items");
    if (!res) {
      backoff_sleep(attempt);
      continue;
    }
    switch (res->status) {
    case 200:
      return 200;
    case 404:
    case 403:
      return res->status;
    default:
      break;
    }
    backoff_sleep(attempt);
  }
  return -1;
}

// Only transport failures are retried: cpp-httplib's Result is false only
// when no response came back.
int transport_only(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto res = cli.Get("/items");
    if (res)
      return res->status;
    backoff_sleep(attempt);
  }
  return -1;
}

// A POST with an idempotency key minted once, before the loop; 5xx and 429
// only.
bool create_order_with_key(httplib::Client &cli, const std::string &json,
                           const std::string &key) {
  httplib::Headers headers = {{"Idempotency-Key", key}};
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto res = cli.Post("/v1/orders", headers, json, "application/json");
    if (res && (res->status < 500 && res->status != 429))
      return res->status == 201;
    backoff_sleep(attempt);
  }
  return false;
}

// A payment POST without a key is resilience-missing-idempotency-key's
// finding; this check does not report the same loop again.
bool charge(const std::string &json) {
  httplib::Client stripe("https://api.stripe.com");
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto res = stripe.Post("/v1/charges", json, "application/x-www-form-urlencoded");
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via cpp-httplib without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
    // CHECK-MESSAGES: :[[@LINE-2]]:16: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
    if (res && res->status < 500)
      return res->status == 200;
    backoff_sleep(attempt);
  }
  return false;
}

