// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- -- -isystem %S/Inputs/cpr
// cpr: cpr::Post with cpr::Url, cpr::Header, cpr::Body and cpr::Payload
// arguments in any order (cpr has no Debian package: Inputs/cpr/cpr.h models
// its public API).
#include <cpr.h>
#include <chrono>
#include <string>

std::string uuid4();

// ---- positives --------------------------------------------------------------

cpr::Response charge(const std::string &body) {
  return cpr::Post(cpr::Url{"https://api.stripe.com/v1/charges"},
                   cpr::Body{body}, cpr::Timeout{5000});
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via cpr without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
}

cpr::Response joined_url(const std::string &base, const std::string &order) {
  cpr::Header headers{{"Content-Type", "application/json"}};
  return cpr::Post(cpr::Url{base, "/v2/checkout/orders/", order, "/capture"},
                   headers);
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: POST to payment endpoint '{base}/v2/checkout/orders/{order}/capture' (PayPal) via cpr without an idempotency key
}

void new_key_each_try(const std::string &body) {
  cpr::Response r;
  int tries = 0;
  do {
    std::string key = uuid4();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via cpr is generated inside the retry loop
    r = cpr::Post(cpr::Url{"https://api.stripe.com/v1/refunds"},
                  cpr::Header{{"Idempotency-Key", key}}, cpr::Body{body});
    ++tries;
  } while (r.status_code >= 500 && tries < 3);
}

// A helper: the URL comes from its caller; the key is the URL again.
void key_is_the_url(const std::string &url) {
  cpr::Post(cpr::Url{url}, cpr::Header{{"Idempotency-Key", url}});
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/payouts' (Stripe) via cpr in 'key_is_the_url' is derived only from the URL; every payment to that endpoint shares it
}

void calls_key_is_the_url() {
  key_is_the_url("https://api.stripe.com/v1/payouts");
}

cpr::Response session_without_key(const std::string &body) {
  cpr::Session session;
  session.SetUrl(cpr::Url{"https://connect.squareup.com/v2/refunds"});
  session.SetHeader(cpr::Header{{"Content-Type", "application/json"}});
  session.SetBody(cpr::Body{body});
  return session.Post();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: POST to payment endpoint 'https://connect.squareup.com/v2/refunds' (Square) via cpr without an idempotency key
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: create the key once per logical operation and send it as the 'idempotency_key' body field on every attempt
}

// ---- negatives --------------------------------------------------------------

cpr::Response session_with_key(const std::string &key, const std::string &body) {
  cpr::Session session;
  session.SetUrl(cpr::Url{"https://api.stripe.com/v1/payouts"});
  session.UpdateHeader(cpr::Header{{"Idempotency-Key", key}});
  session.SetBody(cpr::Body{body});
  session.Get();
  return session.Post();
}


cpr::Response with_key(const std::string &key, const std::string &body) {
  return cpr::Post(cpr::Url{"https://api.stripe.com/v1/charges"},
                   cpr::Header{{"Idempotency-Key", key}}, cpr::Body{body});
}

cpr::Response square_payload(const std::string &key) {
  return cpr::Post(cpr::Url{"https://connect.squareup.com/v2/payments"},
                   cpr::Payload{{"idempotency_key", key}, {"amount", "100"}});
}

cpr::Response reads_are_fine() {
  return cpr::Get(cpr::Url{"https://api.stripe.com/v1/charges"});
}

void key_once(const std::string &body) {
  const cpr::Header headers{{"Idempotency-Key", uuid4()}};
  for (int i = 0; i < 3; ++i) {
    cpr::Response r = cpr::Post(cpr::Url{"https://api.stripe.com/v1/charges"},
                                headers, cpr::Body{body});
    if (r.status_code < 500)
      break;
  }
}

// A URL that names one operation: a key built from it names it too.
void capture_key_from_the_order(const std::string &order) {
  const std::string url =
      "https://api-m.paypal.com/v2/checkout/orders/" + order + "/capture";
  cpr::Post(cpr::Url{url}, cpr::Header{{"PayPal-Request-Id", "capture-" + order}});
}
