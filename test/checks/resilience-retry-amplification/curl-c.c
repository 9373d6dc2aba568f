// RUN: %check_resilience %s resilience-retry-amplification %t -- --quiet -- -std=gnu11
// Two hand-written layers in C around libcurl.
#include <curl/curl.h>
#include <unistd.h>


#define MAX_TRIES 5

// ---- positive --------------------------------------------------------------

static CURLcode perform_with_retries(CURL *h) {
  CURLcode rc = CURLE_OK;
  int attempt;
  for (attempt = 0; attempt < MAX_TRIES; attempt++) {
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      break;
    usleep(100000u << attempt);
  }
  return rc;
}

int sync_inventory(CURL *h) {
  int tries = 0;
  while (tries < 3) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'perform_with_retries' retries a call that retries again: up to 3 x 5 = 15 requests per call reach 'curl_easy_perform'; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: each attempt calls 'perform_with_retries' here
  // CHECK-MESSAGES: :[[@LINE-14]]:3: note: 'curl_easy_perform' is retried again by this loop (up to 5 attempts)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
    if (perform_with_retries(h) == CURLE_OK)
      return 0;
    tries++;
    sleep(1u << tries);
  }
  return -1;
}

// ---- negative: a single layer ---------------------------------------------

static CURLcode perform_once(CURL *h) { return curl_easy_perform(h); }

int sync_once_each(CURL *h) {
  int tries = 0;
  while (tries < 3) {
    if (perform_once(h) == CURLE_OK)
      return 0;
    tries++;
    sleep(1u << tries);
  }
  return -1;
}
