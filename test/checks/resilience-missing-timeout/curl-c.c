// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c11
// RUN: %check_resilience %s resilience-missing-timeout %t.gcc -- -- -std=c11 -fgnuc-version=4.3
// C sources. The second run makes curl.h see a GCC >= 4.3, so that
// curl_easy_setopt is libcurl's type-checking macro: a statement expression
// that copies the option into a local before calling the function.
#include <curl/curl.h>
#include <stddef.h>

struct job {
  CURL *curl;
  long timeout_ms;
};

static void job_init(struct job *j) {
  j->curl = curl_easy_init();
  curl_easy_setopt(j->curl, CURLOPT_TIMEOUT_MS, j->timeout_ms);
}

static void job_init_without_timeout(struct job *j) {
  j->curl = curl_easy_init();
  curl_easy_setopt(j->curl, CURLOPT_URL, "https://warehouse.internal/stock");
}

int plain(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com");
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

int with_timeout(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 20L);
  return curl_easy_perform(h);
}

int zero_timeout(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 0L);
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the total timeout is set to 0 here
}

int connect_only(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has only a connect timeout
}

int look_alike(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, 60L);
  curl_easy_setopt(h, CURLOPT_CA_CACHE_TIMEOUT, 60L);
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

int struct_member_configured_by_helper(void) {
  struct job j = {NULL, 5000};
  job_init(&j);
  return curl_easy_perform(j.curl);
}

int struct_member_not_configured(void) {
  struct job j = {NULL, 0};
  job_init_without_timeout(&j);
  return curl_easy_perform(j.curl);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'j.curl' that has no total timeout
}

int low_speed_pair(void) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 10L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 60L);
  return curl_easy_perform(h);
}

int given(CURL *h) { return curl_easy_perform(h); }
