// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.DefaultTimeoutMs: '10000'}}" --
// With DefaultTimeoutMs, a fix-it inserts the timeout before the request.
#include <curl/curl.h>

void plain() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(h);{{$}}
}

int in_a_condition() {
  CURL *h = curl_easy_init();
  if (curl_easy_perform(h) != CURLE_OK)
    return 1;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: 'curl_easy_perform' performs a transfer on handle 'h'
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 10000L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  if (curl_easy_perform(h) != CURLE_OK){{$}}
  return 0;
}

// No safe place to insert: a finding without a fix.
void in_a_braceless_loop(int n) {
  CURL *h = curl_easy_init();
  while (n--)
    curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'curl_easy_perform' performs a transfer on handle 'h'
  // CHECK-FIXES: {{^}}    curl_easy_perform(h);{{$}}
}

void already_bounded() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 2L);
  curl_easy_perform(h);
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT, 2L);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(h);{{$}}
}
