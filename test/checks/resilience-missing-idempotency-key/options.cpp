// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- --config="{CheckOptions: {resilience-missing-idempotency-key.PaymentEndpoints: '/ledger/(debit|credit);wallet[.]internal/v[0-9]+/topups', resilience-missing-idempotency-key.IdempotencyHeaders: 'X-Request-Token', resilience-missing-idempotency-key.IdempotencyBodyFields: 'dedupe_id', resilience-missing-idempotency-key.PaymentFunctions: 'billing::charge_card;submit_payout;PaymentApi::refund=2'}}" --
// Every option replaces its defaults: the endpoints, the header names, the
// body fields; and in-house payment functions are declared.
#include <curl/curl.h>
#include <string>

std::string uuid_v4();

static void post(const char *url, const char *header, const char *body) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  if (header)
    hdrs = curl_slist_append(hdrs, header);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
  curl_easy_perform(h);
}

namespace billing {
bool charge_card(long cents, const std::string &idempotency_key);
}
bool submit_payout(long cents);
struct PaymentApi {
  bool refund(const std::string &charge, long cents, const char *token);
};

// ---- endpoints, headers and body fields --------------------------------------

void ledger_debit() {
  post("https://ledger.corp/ledger/debit", nullptr, "{}");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://ledger.corp/ledger/debit' via libcurl in 'post' without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as an idempotency key header on every attempt
}

void topup_with_the_default_header_name(const std::string &key) {
  // Idempotency-Key is no longer a key header: the option replaced it.
  post("https://wallet.internal/v2/topups", ("Idempotency-Key: " + key).c_str(), "{}");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://wallet.internal/v2/topups' via libcurl in 'post' without
}

void topup_with_the_configured_header(const std::string &key) {
  post("https://wallet.internal/v2/topups", ("X-Request-Token: " + key).c_str(), "{}");
}

void credit_with_a_body_field() {
  post("https://ledger.corp/ledger/credit", nullptr, "{\"dedupe_id\":\"c-1\"}");
}

void stripe_is_no_longer_listed() {
  post("https://api.stripe.com/v1/charges", nullptr, "amount=1");
}

// ---- payment functions -------------------------------------------------------

void charge_cards(const std::string &order_key, PaymentApi &api) {
  billing::charge_card(100, order_key);
  billing::charge_card(100, "");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to payment function 'billing::charge_card' without an idempotency key; a retry after a timeout can charge the customer twice
  billing::charge_card(100, "fixed");
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: idempotency key for call to payment function 'billing::charge_card' is a constant
  for (int attempt = 0; attempt < 3; ++attempt)
    if (billing::charge_card(100, uuid_v4()))
      // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: idempotency key for call to payment function 'billing::charge_card' is generated inside the retry loop
      break;
  submit_payout(500);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to payment function 'submit_payout' without an idempotency key
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as a new idempotency key parameter of the function on every attempt
  api.refund("ch_1", 100, order_key.c_str());
  api.refund("ch_1", 100, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: call to payment function 'PaymentApi::refund' without an idempotency key
}
