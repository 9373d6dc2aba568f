// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- --config="{CheckOptions: {resilience-missing-idempotency-key.PaymentEndpoints: '/v1/(charges;/pay-now', resilience-missing-idempotency-key.PaymentFunctions: 'charge=first'}}" --
// A broken regex is reported and skipped; the valid ones still apply. A
// payment function with a bad key index is reported and skipped.
#include <curl/curl.h>

// CHECK-MESSAGES: warning: invalid key argument index in 'charge=first' of option 'resilience-missing-idempotency-key.PaymentFunctions': expected name=N [clang-tidy-config]
// CHECK-MESSAGES: warning: invalid regular expression '/v1/(charges' in option 'resilience-missing-idempotency-key.PaymentEndpoints': parentheses not balanced; it is ignored [clang-tidy-config]

bool charge(long cents);

void pay_now() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://shop.example/pay-now");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: POST to payment endpoint 'https://shop.example/pay-now' via libcurl without an idempotency key
  charge(100);
}

void stripe_charge_is_not_matched_any_more() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/charges");
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  curl_easy_perform(h);
}
