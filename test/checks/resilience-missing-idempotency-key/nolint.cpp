// RUN: %check_resilience %s resilience-missing-idempotency-key %t
// NOLINT and NOLINTNEXTLINE silence one finding; the others stay.
#include <curl/curl.h>

void charge(CURL *h) {
  curl_easy_setopt(h, CURLOPT_URL, "https://api.stripe.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h); // NOLINT(resilience-missing-idempotency-key): the gateway adds the key
  // NOLINTNEXTLINE(resilience-missing-idempotency-key)
  curl_easy_perform(h);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without an idempotency key
}
