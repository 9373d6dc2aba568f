// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// Boost.Beast: an http::request built with verb::post, written with
// http::write; headers through req.set / req.insert (real Boost headers).
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace beast = boost::beast;
namespace http = beast::http;

std::string generate_key();

// ---- positives --------------------------------------------------------------

void charge(beast::tcp_stream &stream, const std::string &body) {
  http::request<http::string_body> req{http::verb::post, "/v1/charges", 11};
  req.set(http::field::host, "api.stripe.com");
  req.set(http::field::content_type, "application/x-www-form-urlencoded");
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '/v1/charges' (Stripe) via Boost.Beast without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
}

void method_and_target_set_later(beast::tcp_stream &stream, const std::string &psp) {
  http::request<http::string_body> req;
  req.method(http::verb::post);
  req.target("/v71/payments/" + psp + "/refunds");
  http::write(stream, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '/v71/payments/{psp}/refunds' via Boost.Beast without an idempotency key
}

void key_per_attempt(beast::tcp_stream &stream) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    http::request<http::string_body> req{http::verb::post, "/v1/payouts", 11};
    req.set("Idempotency-Key", generate_key());
    // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: idempotency key for POST to payment endpoint '/v1/payouts' (Stripe) via Boost.Beast is generated inside the retry loop
    beast::error_code ec;
    http::write(stream, req, ec);
    if (!ec)
      break;
  }
}

void constant_key(beast::tcp_stream &stream) {
  http::request<http::string_body> req{http::verb::post, "/v2/payments/captures/CAP1/refund", 11};
  req.insert("PayPal-Request-Id", "refund-request");
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: idempotency key for POST to payment endpoint '/v2/payments/captures/CAP1/refund' (PayPal) via Boost.Beast is a constant
  http::write(stream, req);
}

// ---- negatives --------------------------------------------------------------

void with_key(beast::tcp_stream &stream, const std::string &key) {
  http::request<http::string_body> req{http::verb::post, "/v1/charges", 11};
  req.set("Idempotency-Key", key);
  http::write(stream, req);
}

void key_once(beast::tcp_stream &stream) {
  const std::string key = generate_key();
  for (int attempt = 0; attempt < 3; ++attempt) {
    http::request<http::string_body> req{http::verb::post, "/v1/payouts", 11};
    req.set("Idempotency-Key", key);
    beast::error_code ec;
    http::write(stream, req, ec);
    if (!ec)
      break;
  }
}

void a_get(beast::tcp_stream &stream) {
  http::request<http::string_body> req{http::verb::get, "/v1/charges", 11};
  http::write(stream, req);
}

void sign(http::request<http::string_body> &req);
void headers_added_out_of_sight(beast::tcp_stream &stream) {
  http::request<http::string_body> req{http::verb::post, "/v1/charges", 11};
  sign(req);
  http::write(stream, req);
}
