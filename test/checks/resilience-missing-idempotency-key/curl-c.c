// RUN: %check_resilience %s resilience-missing-idempotency-key %t -- -- -std=c11
// RUN: %check_resilience %s resilience-missing-idempotency-key %t.gcc -- -- -std=c11 -fgnuc-version=4.3
// C sources. The second run makes curl.h see a GCC >= 4.3, so that
// curl_easy_setopt is libcurl's type-checking macro: a statement expression
// that copies the option into a local `_curl_opt` before the call.
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define API_BASE "https://api.stripe.com"
static const char *const kRefunds = API_BASE "/v1/refunds";

int charge_without_key(const char *body) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, API_BASE "/v1/charges");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
  int rc = curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: POST to payment endpoint 'https://api.stripe.com/v1/charges' (Stripe) via libcurl without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
  curl_easy_cleanup(h);
  return rc;
}

int refund_with_strcat_url(const char *charge) {
  CURL *h = curl_easy_init();
  char url[200];
  strcpy(url, kRefunds);
  strcat(url, "?charge=");
  strcat(url, charge);
  curl_easy_setopt(h, CURLOPT_URL, url);
  curl_easy_setopt(h, CURLOPT_POST, 1L);
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: POST to payment endpoint 'https://api.stripe.com/v1/refunds?charge={charge}' (Stripe) via libcurl without
}

int random_key_per_attempt(void) {
  CURL *h = curl_easy_init();
  int attempts = 0;
  CURLcode rc = CURLE_OK;
  curl_easy_setopt(h, CURLOPT_URL, API_BASE "/v1/payouts");
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=10");
  while (attempts < 5) {
    char hdr[64];
    snprintf(hdr, sizeof hdr, "Idempotency-Key: %d", rand());
    // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: idempotency key for POST to payment endpoint 'https://api.stripe.com/v1/payouts' (Stripe) via libcurl is generated inside the retry loop
    struct curl_slist *list = curl_slist_append(NULL, hdr);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
    rc = curl_easy_perform(h);
    curl_slist_free_all(list);
    if (rc == CURLE_OK)
      break;
    attempts++;
  }
  return rc;
}

// ---- negatives --------------------------------------------------------------

int charge_with_key(const char *key) {
  CURL *h = curl_easy_init();
  char hdr[128];
  struct curl_slist *list = NULL;
  snprintf(hdr, sizeof hdr, "Idempotency-Key: %s", key);
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, hdr);
  curl_easy_setopt(h, CURLOPT_URL, API_BASE "/v1/charges");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=1");
  return curl_easy_perform(h);
}

int key_made_before_retrying(void) {
  CURL *h = curl_easy_init();
  char hdr[64];
  snprintf(hdr, sizeof hdr, "Idempotency-Key: %d", rand());
  struct curl_slist *list = curl_slist_append(NULL, hdr);
  curl_easy_setopt(h, CURLOPT_URL, API_BASE "/v1/payouts");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, "amount=10");
  for (int attempt = 0; attempt < 5; attempt++)
    if (curl_easy_perform(h) == CURLE_OK)
      return 0;
  return 1;
}

int a_search_post(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, API_BASE "/v1/charges/search");
  curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  return curl_easy_perform(h);
}
