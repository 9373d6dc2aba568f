// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.Strict: true}}" --
// With Strict, handles whose configuration is out of sight are reported too.
#include <curl/curl.h>

CURL *acquire_from_pool();
void configure_elsewhere(CURL *h);

void handle_from_unknown_function() {
  CURL *h = acquire_from_pool();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose configuration is out of sight; no total timeout is set on it in this translation unit
}

void handle_from_parameter(CURL *h) {
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose configuration is out of sight
}

void handle_passed_to_unknown_function() {
  CURL *h = curl_easy_init();
  configure_elsewhere(h);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose configuration is out of sight
}

// Strict does not make a visibly bounded handle a finding.
void parameter_configured_here(CURL *h) {
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2500L);
  curl_easy_perform(h);
}
