// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// libcurl POSTs to payment endpoints, in C++: URLs from literals, macros,
// constants, concatenation, append and snprintf; headers from curl_slist.
#include <curl/curl.h>
#include <cstdio>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

std::string new_uuid();
struct curl_slist *default_headers();

#define STRIPE_CHARGES "https://api.stripe.com/v1/charges"
constexpr char kPayPalOrders[] = "https://api-m.paypal.com/v2/checkout/orders";

// ---- positives: no key ------------------------------------------------------

void literal_url_postfields() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000&currency=usd");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
}

void macro_url_copypostfields() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_COPYPOSTFIELDS, "amount=2000");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without
}

void constexpr_url_post_flag() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, kPayPalOrders);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api-m.paypal.com/v2/checkout/orders' (PayPal) via libcurl without an idempotency key
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'PayPal-Request-Id' header on every attempt
}

void custom_request_and_concatenation(const std::string &base) {
  CURL *h = curl_easy_init();
  std::string url = base + "/v1/refunds";
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "POST");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '{base}/v1/refunds' (Stripe) via libcurl without
}

void appended_url(const std::string &host) {
  CURL *h = curl_easy_init();
  std::string url = "https://";
  url += host;
  url.append("/v2/payments");
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{\"amount_money\":{\"amount\":100}}");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://{host}/v2/payments' (Square) via libcurl without an idempotency key
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: create the key once per logical operation and send it as the 'idempotency_key' body field on every attempt
}

void snprintf_url(const char *base, const char *intent) {
  CURL *h = curl_easy_init();
  char url[256];
  snprintf(url, sizeof url, "%s/v1/payment_intents/%s/confirm", base, intent);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint '{base}/v1/payment_intents/{intent}/confirm' (Stripe) via libcurl without
}

void headers_without_a_key(const std::string &token) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
  hdrs = curl_slist_append(hdrs, ("Authorization: Bearer " + token).c_str());
  curl_easy_setopt(h, CURLOPT_URL, "https://checkout-test.adyen.com/v71/payments");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{}");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://checkout-test.adyen.com/v71/payments' (Adyen) via libcurl without
}

struct PaymentClient {
  CURL *curl_;
  void capture(const std::string &id) {
    curl_easy_setopt(curl_, CURLOPT_URL,
                     ("https://api.checkout.com/payments/" + id + "/captures").c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, "{}");
    curl_easy_perform(curl_);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: POST to payment endpoint 'https://api.checkout.com/payments/{id}/captures' (Checkout.com) via libcurl without
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: create the key once per logical operation and send it as the 'Cko-Idempotency-Key' header on every attempt
  }
};

// ---- positives: keys that defeat themselves --------------------------------

void key_made_on_every_attempt() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::string key = new_uuid();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl is generated inside the retry loop; every attempt sends a new key, so the server cannot tell a retry from a new payment
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: create the key once, before the first attempt, and reuse it on every retry
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    if (curl_easy_perform(h) == CURLE_OK)
      break;
  }
}

void time_key_in_do_while() {
  CURL *h = curl_easy_init();
  CURLcode rc;
  do {
    char hdr[128];
    snprintf(hdr, sizeof hdr, "Idempotency-Key: pay-%ld", (long)time(nullptr));
    // CHECK-MESSAGES: :[[@LINE-1]]:65: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via libcurl is generated inside the retry loop
    struct curl_slist *hdrs = curl_slist_append(nullptr, hdr);
    curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/refunds");
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, "charge=ch_1");
    rc = curl_easy_perform(h);
  } while (rc != CURLE_OK);
}

void constant_key() {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = curl_slist_append(NULL, "Idempotency-Key: order-1");
  // CHECK-MESSAGES: :[[@LINE-1]]:53: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl is a constant; every payment sends the same key, so the provider rejects or replays later payments as duplicates of the first
  // CHECK-MESSAGES: :[[@LINE-2]]:53: note: derive the key from the logical operation (an order or payment id), or create a UUID once per operation
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
}

void key_is_the_url(const std::string &base) {
  CURL *h = curl_easy_init();
  std::string url = base + "/v1/transfers";
  std::string key = std::to_string(std::hash<std::string>{}(url));
  struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:56: warning: idempotency key for POST to payment endpoint '{base}/v1/transfers' (Stripe) via libcurl is derived only from the URL; every payment to that endpoint shares it, so the provider rejects or replays later payments as duplicates of the first
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=5");
  curl_easy_perform(h);
}

// ---- negatives --------------------------------------------------------------

void key_from_the_caller(const std::string &key) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  hdrs = curl_slist_append(hdrs, "Content-Type: application/x-www-form-urlencoded");
  hdrs = curl_slist_append(hdrs, ("Idempotency-Key: " + key).c_str());
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  curl_easy_perform(h);
}

void key_made_once_before_the_loop() {
  CURL *h = curl_easy_init();
  const std::string key = new_uuid();
  for (int attempt = 0; attempt < 3; ++attempt) {
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
    if (curl_easy_perform(h) == CURLE_OK)
      break;
  }
}

struct Order { std::string id; };
void one_new_key_per_order(const std::vector<Order> &orders) {
  // A loop over operations, not a retry: each order is its own payment.
  CURL *h = curl_easy_init();
  for (const Order &o : orders) {
    std::string key = new_uuid();
    struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
    curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, o.id.c_str());
    curl_easy_perform(h);
  }
}

void lower_case_header_name(const std::string &order_id) {
  CURL *h = curl_easy_init();
  std::string hdr = "idempotency-key: order-" + order_id;
  struct curl_slist *hdrs = curl_slist_append(nullptr, hdr.c_str());
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  curl_easy_perform(h);
}

void paypal_request_id(const char *request_id) {
  CURL *h = curl_easy_init();
  char hdr[128];
  snprintf(hdr, sizeof hdr, "PayPal-Request-Id: %s", request_id);
  struct curl_slist *hdrs = curl_slist_append(nullptr, hdr);
  curl_easy_setopt(h, CURLOPT_URL, kPayPalOrders);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
}

void square_body_field(const std::string &key) {
  CURL *h = curl_easy_init();
  std::string body = "{\"idempotency_key\":\"" + key + "\",\"amount_money\":{\"amount\":100}}";
  curl_easy_setopt(h, CURLOPT_URL, "https://connect.squareup.com/v2/payments");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(h);
}

void a_get_of_a_charge() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges/ch_1");
  curl_easy_perform(h);
}

void post_flag_cleared() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://example.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POST, 0L);
  curl_easy_perform(h);
}

void custom_delete_with_body() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://example.com/api/payments/p_1");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{}");
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "DELETE");
  curl_easy_perform(h);
}

void not_a_payment_endpoint() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://example.com/v1/customers");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "name=x");
  curl_easy_perform(h);
}

void headers_out_of_sight() {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = default_headers();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  curl_easy_perform(h);
}

void url_out_of_sight(const char *url) {
  // Nobody in this file calls it: the URL is unknown, so nothing is said.
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=2000");
  curl_easy_perform(h);
}

void x_idempotency_key(const std::string &op) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  hdrs = curl_slist_append(hdrs, ("X-Idempotency-Key: " + op).c_str());
  curl_easy_setopt(h, CURLOPT_URL, "https://api.mercadopago.com/v1/payments");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "{}");
  curl_easy_perform(h);
}

// ---- templates: judged once, on the template itself ------------------------

template <class Amount> void charge_amount(Amount cents) {
  CURL *h = curl_easy_init();
  std::string body = "amount=" + std::to_string(cents);
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without an idempotency key
}
void charge_amounts() {
  charge_amount(100);
  charge_amount(100L);
}

template <class Key> void charge_with_a_templated_key(const Key &key) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = curl_slist_append(nullptr, ("Idempotency-Key: " + key).c_str());
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
}
void use_templated_key() { charge_with_a_templated_key(std::string("k")); }

// A string appended to itself: the appended copies stay unknown (unfolding
// `s += s` naively is exponential), and what is known is still Stripe's host.
void url_built_from_itself() {
  std::string s = "https://api.stripe.com/v1/charges";
  s += s; s += s; s += s; s += s; s += s; s += s; s += s; s += s;
  s += s; s += s; s += s; s += s; s += s; s += s; s += s; s += s;
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, s.c_str());
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges{s}{s}{s}
}

// ---- the last option that sets the method wins --------------------------------

void postfields_then_back_to_get() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=1");
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl_easy_perform(h);
}

void get_then_post(curl_mime *form) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  curl_easy_perform(h);
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without
}

void custom_request_cleared() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, STRIPE_CHARGES);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=1");
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, nullptr);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without
}
