// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// An in-house HTTP helper: the URL is a parameter, built by the callers
// from pieces. The check follows the argument into the helper, finds its
// POST, and reports at the call that makes it a payment.
#include <curl/curl.h>
#include <cstdio>
#include <string>

namespace billing {

const std::string kApiBase = "https://api.stripe.com";

struct HttpResult { long status; std::string body; };

// Sends a JSON POST; adds the idempotency key only when one is given.
static HttpResult post_json(const std::string &url, const std::string &json,
                            const char *idempotency_key = nullptr) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
  if (idempotency_key) {
    std::string line = std::string("Idempotency-Key: ") + idempotency_key;
    hdrs = curl_slist_append(hdrs, line.c_str());
  }
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_perform(h);
  return {200, ""};
}

// Without a key parameter at all.
static void post_form(const char *base, const char *path, const char *form) {
  char url[512];
  snprintf(url, sizeof url, "%s%s", base, path);
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, form);
  curl_easy_perform(h);
}

// A second level: the URL passes through two helpers.
static void create_refund(const std::string &charge_id) {
  post_form("https://api.stripe.com", "/v1/refunds", charge_id.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via libcurl in 'billing::post_form' without an idempotency key; a retry after a timeout can refund the payment twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: the POST is sent here
}

class Gateway {
public:
  explicit Gateway(std::string base) : base_(std::move(base)) {}
  void send(const std::string &resource, const std::string &json) {
    post_json(base_ + "/v1/" + resource, json);
  }
  void charge(const std::string &json) {
    send("charges", json);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: POST to payment endpoint '{base_}/v1/charges' (Stripe) via libcurl in 'billing::Gateway::send' without an idempotency key
  }
  void customer(const std::string &json) { send("customers", json); }

private:
  std::string base_;
};

// ---- positives --------------------------------------------------------------

void charge_without_key(const std::string &json) {
  post_json(kApiBase + "/v1/charges", json);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl in 'billing::post_json' without an idempotency key
  // CHECK-MESSAGES: :[[@LINE-42]]:3: note: the POST is sent here
}

void capture(const std::string &intent) {
  std::string url = kApiBase;
  url += "/v1/payment_intents/";
  url += intent;
  url += "/capture";
  post_json(url, "{}");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/payment_intents/{intent}/capture' (Stripe) via libcurl in 'billing::post_json' without
}

void constant_key_through_the_helper(const std::string &json) {
  post_json(kApiBase + "/v1/charges", json, "charge-once");
  // CHECK-MESSAGES: :[[@LINE-1]]:45: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl in 'billing::post_json' is a constant
}

std::string uuid_string();

// URL pieces from parameterless functions that return one value.
static std::string api_host() { return "https://api.stripe.com"; }
static const char *refunds_path() { return "/v1/refunds"; }
static std::string fixed_key() { return "refund-key"; }
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via libcurl in 'billing::post_json' is a constant

void refund_through_functions(const std::string &charge) {
  post_json(api_host() + refunds_path(), "{\"charge\":\"" + charge + "\"}");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via libcurl in 'billing::post_json' without an idempotency key
}

void refund_with_a_key_from_a_constant_function() {
  post_json(api_host() + refunds_path(), "{}", fixed_key().c_str());
  // (reported at the literal in fixed_key, above)
}

void new_key_per_attempt_through_the_helper(const std::string &json) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    HttpResult r = post_json(kApiBase + "/v1/payouts", json, uuid_string().c_str());
    // CHECK-MESSAGES: :[[@LINE-1]]:62: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/payouts' (Stripe) via libcurl in 'billing::post_json' is generated inside the retry loop
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the request is retried by this loop
    if (r.status < 500)
      break;
  }
}

// ---- negatives --------------------------------------------------------------

// The helper retries by itself; the key comes from its caller, once.
static void post_with_retries(const char *url, const char *idempotency_key) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  char line[128];
  snprintf(line, sizeof line, "Idempotency-Key: %s", idempotency_key);
  hdrs = curl_slist_append(hdrs, line);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=1");
  for (int attempt = 0; attempt < 3; ++attempt)
    if (curl_easy_perform(h) == CURLE_OK)
      return;
}

void one_key_for_all_attempts() {
  const std::string key = uuid_string();
  post_with_retries("https://api.stripe.com/v1/charges", key.c_str());
}

void charge_with_key(const std::string &json, const std::string &order_id) {
  std::string key = "charge-" + order_id;
  post_json(kApiBase + "/v1/charges", json, key.c_str());
}

void not_a_payment(const std::string &json) {
  post_json("https://api.example.com/v1/customers", json);
  post_form("https://api.example.com", "/v1/tokens", "card=tok");
}

} // namespace billing
