// RUN: %check_resilience %s resilience-missing-timeout %t
// NOLINT and NOLINTNEXTLINE silence a finding, through both front ends.
#include <curl/curl.h>

void suppressed() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h); // NOLINT(resilience-missing-timeout): bounded by the watchdog
  // NOLINTNEXTLINE(resilience-*)
  curl_easy_perform(h);
  curl_easy_perform(h); // NOLINT(bugprone-*): a different check
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}
