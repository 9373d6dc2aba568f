// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.DefaultTimeoutMs: 'cfg::kHttpTimeoutMs'}}" --
// A named constant is inserted as such, never a guessed number.
#include <curl/curl.h>
namespace cfg { constexpr int kHttpTimeoutMs = 8000; }

void plain() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
  // CHECK-FIXES: {{^}}  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)cfg::kHttpTimeoutMs);{{$}}
  // CHECK-FIXES-NEXT: {{^}}  curl_easy_perform(h);{{$}}
}
