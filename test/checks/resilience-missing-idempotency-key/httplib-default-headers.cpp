// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// cpp-httplib's set_default_headers: the key may be attached to the client
// once. On a local client the check reads it; a client it cannot follow (a
// parameter, a field) is given the benefit of the doubt when some code in
// the file sets default headers that carry a key.
#include <httplib.h>
#include <string>

void defaults_on_a_local_client(const std::string &key, const std::string &body) {
  httplib::Client cli("https://api.stripe.com");
  cli.set_default_headers({{"Idempotency-Key", key}});
  cli.Post("/v1/charges", body, "application/json");
}

void local_client_with_other_defaults(const std::string &body) {
  httplib::Client cli("https://api.stripe.com");
  cli.set_default_headers({{"Authorization", "Bearer sk"}});
  cli.Post("/v1/refunds", body, "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via cpp-httplib without an idempotency key
}

struct Payments {
  httplib::Client *cli;
  explicit Payments(httplib::Client *c, const std::string &key) : cli(c) {
    cli->set_default_headers({{"Idempotency-Key", key}});
  }
  void charge(const std::string &body) {
    // The constructor may have attached the key to this client.
    cli->Post("/v1/charges", body, "application/json");
  }
};
