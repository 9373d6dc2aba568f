// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- --config="{CheckOptions: {resilience-missing-idempotency-key.HttpPostFunctions: 'pay::Transport::send:1:2;submit_form:0;bad:x'}}" --
// In-house HTTP functions declared with HttpPostFunctions
// (name:urlArg[:headersArg]): the call is a POST for certain, the URL is the
// given argument, and a key in the headers argument is seen.
// CHECK-MESSAGES: warning: invalid entry 'bad:x' in option 'resilience-missing-idempotency-key.HttpPostFunctions': expected name:urlArg[:headersArg] [clang-tidy-config]
#include <map>
#include <string>

namespace pay {
using Headers = std::map<std::string, std::string>;
struct Transport {
  // Nothing in the name or the arguments says POST: only the option does.
  int send(int verb, const std::string &url, const Headers &headers,
           const std::string &payload);
};
} // namespace pay
int submit_form(const char *url, const char *form);

// ---- positives --------------------------------------------------------------

void declared_without_a_key(pay::Transport &t, const std::string &body) {
  pay::Headers h{{"Authorization", "Bearer x"}};
  t.send(7, "https://api.stripe.com/v1/charges", h, body);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via in-house HTTP call 'pay::Transport::send' without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
}

void declared_paypal(pay::Transport &t, const std::string &body) {
  t.send(7, "https://api-m.paypal.com/v2/checkout/orders", {{"Content-Type", "application/json"}}, body);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api-m.paypal.com/v2/checkout/orders' (PayPal) via in-house HTTP call 'pay::Transport::send' without an idempotency key; a retry after a timeout can create a duplicate order, which can be paid twice
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'PayPal-Request-Id' header on every attempt
}

void declared_without_headers() {
  submit_form("https://api.stripe.com/v1/refunds", "charge=ch_1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via in-house HTTP call 'submit_form' without an idempotency key; a retry after a timeout can refund the payment twice
}

void declared_to_any_payment_endpoint() {
  // Declared, so a generic payment path counts too (no provider needed).
  submit_form("https://psp.example/api/payments", "amount=1");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://psp.example/api/payments' via in-house HTTP call 'submit_form' without an idempotency key; a retry after a timeout can charge the customer twice
}

// ---- negatives --------------------------------------------------------------

void key_in_the_headers_argument(pay::Transport &t, const std::string &order,
                                 const std::string &body) {
  pay::Headers h;
  h["Content-Type"] = "application/json";
  h["PayPal-Request-Id"] = "order-" + order;
  t.send(7, "https://api-m.paypal.com/v2/checkout/orders", h, body);
  t.send(7, "https://api.stripe.com/v1/charges", {{"Idempotency-Key", order}}, body);
}

void headers_from_elsewhere(pay::Transport &t, const pay::Headers &h,
                            const std::string &body) {
  t.send(7, "https://api.stripe.com/v1/charges", h, body);
}

void square_key_in_the_body() {
  submit_form("https://connect.squareup.com/v2/payments",
              "idempotency_key=4935a656&amount=100");
}

void not_a_payment(pay::Transport &t, const std::string &body) {
  t.send(7, "https://api.example.com/v1/orders", {}, body);
  submit_form("https://analytics.example.com/collect", "e=view");
}
