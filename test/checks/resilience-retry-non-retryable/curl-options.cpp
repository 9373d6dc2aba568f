// RUN: %check_resilience %s resilience-retry-non-retryable %t -- --quiet --config="{CheckOptions: {resilience-retry-non-retryable.StatusClassifiers: 'billing::classify_failure'}}" -- -std=c++17
// libcurl: the HTTP status comes from curl_easy_getinfo; an in-house
// classifier declared in an option.
#include <curl/curl.h>
#include <unistd.h>

namespace billing {
int classify_failure(long http_status);
}

// ---- positives ------------------------------------------------------------

long fetch_status(CURL *h) {
  long code = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'curl_easy_perform' retries every non-success HTTP status, including client errors (400, 401, 403, 404, 409, 422) that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+4]]:9: note: this test of the status does not tell a client error from a server error
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only 408, 429 and 5xx: leave the loop on any other 4xx status (or call a classifier named in option StatusClassifiers)
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK && code == 200)
      break;
    usleep(100000u << attempt);
  }
  return code;
}

// ---- negatives ------------------------------------------------------------

// Transport errors only: without CURLOPT_FAILONERROR a 404 is CURLE_OK.
CURLcode transport_retry(CURL *h) {
  CURLcode rc = CURLE_OK;
  for (int attempt = 0; attempt < 5; ++attempt) {
    rc = curl_easy_perform(h);
    if (rc == CURLE_OK)
      break;
    usleep(100000u << attempt);
  }
  return rc;
}

// The in-house classifier (option StatusClassifiers) decides.
long fetch_classified(CURL *h) {
  long code = 0;
  for (int attempt = 0; attempt < 5; ++attempt) {
    CURLcode rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK && code == 200)
      break;
    if (rc == CURLE_OK && billing::classify_failure(code) != 0)
      break;
    usleep(100000u << attempt);
  }
  return code;
}
