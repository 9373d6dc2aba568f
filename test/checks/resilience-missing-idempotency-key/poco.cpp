// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// POCO: an HTTPRequest with HTTP_POST, sent by HTTPClientSession::sendRequest
// (real Poco headers).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <string>

using Poco::Net::HTTPClientSession;
using Poco::Net::HTTPMessage;
using Poco::Net::HTTPRequest;

std::string random_token();

void capture(HTTPClientSession &session, const std::string &order) {
  HTTPRequest request(HTTPRequest::HTTP_POST, "/v2/checkout/orders/" + order + "/capture",
                      HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  session.sendRequest(request) << "{}";
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '/v2/checkout/orders/{order}/capture' (PayPal) via POCO without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
}

void method_set_later(HTTPClientSession &session) {
  HTTPRequest request;
  request.setMethod("POST");
  request.setURI("/v1/charges");
  session.sendRequest(request);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '/v1/charges' (Stripe) via POCO without
}

void token_per_attempt(HTTPClientSession &session) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    HTTPRequest request(HTTPRequest::HTTP_POST, "/v1/refunds");
    request.set("Idempotency-Key", random_token());
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: idempotency key for POST to payment endpoint '/v1/refunds' (Stripe) via POCO is generated inside the retry loop
    try {
      session.sendRequest(request);
      break;
    } catch (...) {
    }
  }
}

// ---- negatives --------------------------------------------------------------

void with_key(HTTPClientSession &session, const std::string &key) {
  HTTPRequest request(HTTPRequest::HTTP_POST, "/v1/charges");
  request.set("Idempotency-Key", key);
  session.sendRequest(request);
}

void a_get(HTTPClientSession &session) {
  HTTPRequest request(HTTPRequest::HTTP_GET, "/v1/charges");
  session.sendRequest(request);
}
