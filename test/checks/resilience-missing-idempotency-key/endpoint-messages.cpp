// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// The message says what a duplicate does at that endpoint (the table in
// knowledge/Payments.cpp): a charge, a refund, a payout, a transfer are
// money; a customer or a setup intent is a provider object, no money, and
// is not called a payment.
#include <curl/curl.h>
#include <string>

std::string new_uuid();

static bool post(const std::string &url, const char *header) {
  CURL *h = curl_easy_init();
  struct curl_slist *hdrs = nullptr;
  if (header)
    hdrs = curl_slist_append(hdrs, header);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "a=1");
  return curl_easy_perform(h) == CURLE_OK;
}

const std::string kStripe = "https://api.stripe.com/v1";

// ---- money ------------------------------------------------------------------

void money(const std::string &id) {
  post(kStripe + "/refunds", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can refund the payment twice [resilience-missing-idempotency-key]
  post(kStripe + "/payouts", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/payouts' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can pay out twice
  post(kStripe + "/transfers", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/transfers' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can transfer the money twice
  post("https://api-m.paypal.com/v2/payments/captures/" + id + "/refund", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api-m.paypal.com/v2/payments/captures/{id}/refund' (PayPal) via libcurl in 'post' without an idempotency key; a retry after a timeout can refund the payment twice
  post(kStripe + "/subscriptions", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/subscriptions' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can subscribe the customer twice, and bill both subscriptions
  post(kStripe + "/charges", "Idempotency-Key: fixed");
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl in 'post' is a constant; every payment sends the same key, so the provider rejects or replays later payments as duplicates of the first
}

// ---- provider objects: no money --------------------------------------------

void objects(const std::string &id) {
  post(kStripe + "/customers", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to provider endpoint 'https://api.stripe.com/v1/customers' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can create a duplicate customer
  post(kStripe + "/setup_intents", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to provider endpoint 'https://api.stripe.com/v1/setup_intents' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can create a duplicate setup intent
  post(kStripe + "/products", nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to provider endpoint 'https://api.stripe.com/v1/products' (Stripe) via libcurl in 'post' without an idempotency key; a retry after a timeout can apply the request twice
  post(kStripe + "/customers", "Idempotency-Key: customer");
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: idempotency key for POST to provider endpoint 'https://api.stripe.com/v1/customers' (Stripe) via libcurl in 'post' is a constant; every request sends the same key, so the provider rejects or replays later requests as duplicates of the first
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::string line = "Idempotency-Key: " + new_uuid();
    // CHECK-MESSAGES: :[[@LINE-1]]:46: warning: idempotency key for POST to provider endpoint 'https://api.stripe.com/v1/customers' (Stripe) via libcurl in 'post' is generated inside the retry loop; every attempt sends a new key, so the server cannot tell a retry from a new request
    if (post(kStripe + "/customers", line.c_str()))
      break;
    // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the request is retried by this loop
  }
}

// ---- negatives --------------------------------------------------------------

void keyed(const std::string &order) {
  std::string line = "Idempotency-Key: customer-" + order;
  post(kStripe + "/customers", line.c_str());
  std::string refund = "Idempotency-Key: refund-" + order;
  post(kStripe + "/refunds", refund.c_str());
}

void read_a_customer(const std::string &id) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, (kStripe + "/customers/" + id).c_str());
  curl_easy_perform(h);
}
