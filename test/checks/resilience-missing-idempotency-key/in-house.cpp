// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// Payment POSTs through a project's own HTTP layer, with no option set: a
// vendored C client, a class with post(url, body), a helper that builds the
// provider URL from a resource name. The call must say POST, and the URL
// must resolve to a known provider's money-moving endpoint.
#include <string>

// ---- the in-house HTTP layer (declared only: defined in another file) --------

struct http_conn;
#define HTTP_REQ_GET 0
#define HTTP_REQ_POST 1
int http_open(http_conn *c, int method, const char *url);
int http_open_with_headers(http_conn *c, int method, const char *url,
                           const char *headers);

namespace net {
enum class Method { Get, Post };
class HttpClient {
public:
  std::string post(const std::string &url, const std::string &body);
  std::string get(const std::string &url);
  std::string request(Method m, const std::string &url,
                      const std::string &body);
  std::string call(const std::string &url, const std::string &body);
};
} // namespace net

const std::string kStripe = "https://api.stripe.com";

// ---- positives --------------------------------------------------------------

void vendored_c_client(http_conn *c) {
  http_open(c, HTTP_REQ_POST, "https://api.stripe.com/v1/charges");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via in-house HTTP call 'http_open' without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'http_open' is taken as a POST: its argument 'HTTP_REQ_POST' names the method
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'http_open' is not a known HTTP client, so this is inferred; declare it in option HttpPostFunctions (name:urlArg:headersArg) to make it certain and to have a key in its headers argument seen
}

void class_with_post(net::HttpClient &http, const std::string &charge) {
  http.post(kStripe + "/v1/refunds", "charge=" + charge);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via in-house HTTP call 'net::HttpClient::post' without an idempotency key; a retry after a timeout can refund the payment twice
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'net::HttpClient::post' is taken as a POST: its name says so
}

void method_enum(net::HttpClient &http, const std::string &body) {
  http.request(net::Method::Post, "https://api-m.paypal.com/v1/payments/payouts", body);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api-m.paypal.com/v1/payments/payouts' (PayPal) via in-house HTTP call 'net::HttpClient::request' without an idempotency key; a retry after a timeout can pay out twice
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: 'net::HttpClient::request' is taken as a POST: its argument 'net::Method::Post' names the method
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: create the key once per logical operation and send it as the 'PayPal-Request-Id' header on every attempt
}

void body_argument(net::HttpClient &http, const std::string &json) {
  http.call("https://api.stripe.com/v1/transfers", json);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/transfers' (Stripe) via in-house HTTP call 'net::HttpClient::call' without an idempotency key; a retry after a timeout can transfer the money twice
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: 'net::HttpClient::call' is taken as a POST: it is given a body ('body')
}

void headers_without_a_key(http_conn *c) {
  http_open_with_headers(c, HTTP_REQ_POST, "https://api.stripe.com/v1/refunds",
                         "Content-Type: application/x-www-form-urlencoded");
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via in-house HTTP call 'http_open_with_headers' without an idempotency key; a retry after a timeout can refund the payment twice
  http_open_with_headers(c, HTTP_REQ_POST, "https://api.stripe.com/v1/charges",
                         "Idempotency-Key: checkout");
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: idempotency key for likely POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via in-house HTTP call 'http_open_with_headers' is a constant; every payment sends the same key, so the provider rejects or replays later payments as duplicates of the first
}

// A helper that builds the provider URL; the resource comes from its callers.
static std::string call_provider(http_conn *c, const std::string &resource) {
  std::string url = kStripe + "/v1/" + resource;
  http_open(c, HTTP_REQ_POST, url.c_str());
  return url;
}

static void charge_through(http_conn *c, const std::string &what) {
  call_provider(c, what);
}

void charges_through_the_helpers(http_conn *c) {
  call_provider(c, "charges");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via in-house HTTP call 'http_open' in 'call_provider' without an idempotency key; a retry after a timeout can charge the customer twice
  // CHECK-MESSAGES: :[[@LINE-11]]:16: note: 'http_open' is taken as a POST: its argument 'HTTP_REQ_POST' names the method
  // CHECK-MESSAGES: :[[@LINE-12]]:3: note: the POST is sent here
  charge_through(c, "payouts");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: likely POST to payment endpoint 'https://api.stripe.com/v1/payouts' (Stripe) via in-house HTTP call 'http_open' in 'charge_through' without an idempotency key; a retry after a timeout can pay out twice
  // CHECK-MESSAGES: :[[@LINE-15]]:16: note: 'http_open' is taken as a POST
  // CHECK-MESSAGES: :[[@LINE-11]]:3: note: the URL is passed on through this call
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: the POST is sent here
}

// ---- negatives --------------------------------------------------------------

void non_payment_posts(http_conn *c, net::HttpClient &http) {
  http_open(c, HTTP_REQ_POST, "https://analytics.example.com/v1/events");
  http.post("https://api.stripe.com/v1/customers/search", "query=email");
  // A customer is a provider object, no money: not inferred.
  http.post(kStripe + "/v1/customers", "email=a@b.c");
  call_provider(c, "customers");
}

void gets_of_charges(http_conn *c, net::HttpClient &http) {
  http_open(c, HTTP_REQ_GET, "https://api.stripe.com/v1/charges");
  http.get("https://api.stripe.com/v1/charges");
  http.request(net::Method::Get, "https://api.stripe.com/v1/charges", "");
}

void key_in_the_headers(http_conn *c, const std::string &order) {
  std::string headers = "Idempotency-Key: charge-" + order;
  http_open_with_headers(c, HTTP_REQ_POST, "https://api.stripe.com/v1/charges",
                         headers.c_str());
}

std::string url_from_elsewhere();

void url_out_of_sight(http_conn *c, net::HttpClient &http,
                      const std::string &body) {
  http_open(c, HTTP_REQ_POST, url_from_elsewhere().c_str());
  http.post(url_from_elsewhere(), body);
}

// Not a request at all: a function that returns a URL it makes.
std::string create_url(const std::string &base, const std::string &path);
void builds_a_url() { create_url(kStripe, "/v1/charges"); }
