// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// cpp-httplib: Client::Post(path, headers, body, content_type) and its
// overloads, with the real <httplib.h>.
#include <httplib.h>
#include <string>

std::string generate_uuid();

// ---- positives --------------------------------------------------------------

void post_without_headers(const std::string &body) {
  httplib::Client cli("https://api.stripe.com");
  auto res = cli.Post("/v1/payment_intents", body, "application/x-www-form-urlencoded");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: POST to payment endpoint 'https://api.stripe.com/v1/payment_intents' (Stripe) via cpp-httplib without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
}

void headers_without_a_key(const std::string &token, const std::string &body) {
  httplib::Client cli("api-m.paypal.com", 443);
  httplib::Headers headers = {{"Authorization", "Bearer " + token}};
  cli.Post("/v2/checkout/orders", headers, body, "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'api-m.paypal.com/v2/checkout/orders' (PayPal) via cpp-httplib without an idempotency key
}

void form_params_without_a_key(httplib::Client &cli) {
  httplib::Params params{{"amount", "100"}, {"currency", "usd"}};
  cli.Post("/v1/refunds", params);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '/v1/refunds' (Stripe) via cpp-httplib without
}

void key_generated_per_attempt(httplib::Client &cli, const std::string &body) {
  for (int attempt = 0; attempt < 4; ++attempt) {
    httplib::Headers headers{{"Idempotency-Key", generate_uuid()}};
    // CHECK-MESSAGES: :[[@LINE-1]]:50: warning: idempotency key for POST to payment endpoint '/v1/charges' (Stripe) via cpp-httplib is generated inside the retry loop
    auto res = cli.Post("/v1/charges", headers, body, "application/json");
    if (res && res->status == 200)
      return;
  }
}

void constant_key_in_a_braced_list(httplib::Client &cli, const std::string &body) {
  cli.Post("/v1/charges", {{"Idempotency-Key", "checkout"}}, body, "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:48: warning: idempotency key for POST to payment endpoint '/v1/charges' (Stripe) via cpp-httplib is a constant
}

// ---- negatives --------------------------------------------------------------

void key_from_the_caller(httplib::Client &cli, const std::string &key,
                         const std::string &body) {
  httplib::Headers headers;
  headers.emplace("Content-Type", "application/json");
  headers.emplace("Idempotency-Key", key);
  cli.Post("/v1/charges", headers, body, "application/json");
}

void key_once_then_retries(httplib::Client &cli, const std::string &body) {
  const std::string key = generate_uuid();
  httplib::Headers headers{{"idempotency-key", key}};
  for (int attempt = 0; attempt < 4; ++attempt) {
    auto res = cli.Post("/v1/charges", headers, body, "application/json");
    if (res)
      break;
  }
}

void default_headers_without_a_key_do_not_hide_anything(httplib::Client &cli) {
  cli.set_default_headers({{"Authorization", "Bearer token"}});
}

void square_key_in_form_fields(httplib::Client &cli, const std::string &key) {
  httplib::Params params{{"idempotency_key", key}, {"amount", "100"}};
  cli.Post("/v2/payments", params);
}

void not_a_payment(httplib::Client &cli, const std::string &body) {
  cli.Post("/v1/customers", body, "application/json");
  cli.Get("/v1/charges");
}

void headers_from_elsewhere(httplib::Client &cli, const httplib::Headers &h,
                            const std::string &body) {
  cli.Post("/v1/charges", h, body, "application/json");
}
