// RUN: %check_resilience %s resilience-missing-timeout %t
// libcurl handles held in local variables, in C++ (no type-checking macro).
#include <curl/curl.h>

// ---- positives ------------------------------------------------------------

void nothing_set() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/items");
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS (or CURLOPT_LOW_SPEED_LIMIT with CURLOPT_LOW_SPEED_TIME) on 'h' before this call
  curl_easy_cleanup(h);
}

void explicit_zero_seconds() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0, which libcurl reads as 'never';
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the total timeout is set to 0 here
}

void explicit_zero_overrides_earlier_timeout() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 0L);   // the last write wins
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0
}

const long kNoTimeout = 0;
void zero_through_a_constant() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, kNoTimeout);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0
}

void connect_timeout_only() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has only a connect timeout, which bounds the connect phase and not the transfer;
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: only the connect timeout is set here
}

void low_speed_limit_without_time() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 100L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

void reset_clears_the_timeout() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_reset(h);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

void duphandle_copies_no_timeout() {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_URL, "https://api.example.com");
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'copy' that has no total timeout
}

void timeout_set_on_another_handle() {
  CURL *a = curl_easy_init();
  CURL *b = curl_easy_init();
  curl_easy_setopt(a, CURLOPT_TIMEOUT, 5L);
  curl_easy_perform(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'b' that has no total timeout
  curl_easy_perform(a);
}

void inside_a_condition_and_a_loop(int n) {
  CURL *h = curl_easy_init();
  for (int i = 0; i < n; ++i) {
    if (curl_easy_perform(h) != CURLE_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
      break;
  }
}

void added_to_a_multi_handle() {
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com");
  curl_multi_add_handle(m, h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_multi_add_handle' adds a transfer on handle 'h' that has no total timeout; a stalled peer keeps this transfer, and whoever waits on it, running forever
}

void library_calls_do_not_hide_a_finding() {
  CURL *h = curl_easy_init();
  char *url = nullptr;
  curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &url);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

// ---- traps: options that look like timeouts but bound nothing here ---------

void look_alike_options() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_CA_CACHE_TIMEOUT, 600L);
  curl_easy_setopt(h, CURLOPT_DNS_CACHE_TIMEOUT, 60L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 30L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 10L);
  curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, 20L);
  curl_easy_setopt(h, CURLOPT_ACCEPTTIMEOUT_MS, 5000L);
  curl_easy_setopt(h, CURLOPT_EXPECT_100_TIMEOUT_MS, 1000L);
  curl_easy_setopt(h, CURLOPT_HAPPY_EYEBALLS_TIMEOUT_MS, 200L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
}

// ---- negatives ----------------------------------------------------------------

void total_timeout_ms() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_perform(h);
}

void total_timeout_seconds_after_connect_timeout() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 2L);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
  curl_easy_perform(h);
}

void low_speed_pair() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_perform(h);
}

void timeout_from_a_variable(long configured_ms) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, configured_ms);
  curl_easy_perform(h);
}

void option_through_a_variable() {
  CURL *h = curl_easy_init();
  CURLoption opt = CURLOPT_TIMEOUT;
  curl_easy_setopt(h, opt, 30L);
  curl_easy_perform(h);
}

void set_on_one_branch(bool slow_path) {
  CURL *h = curl_easy_init();
  if (slow_path)
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
  else
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 5L);
  curl_easy_perform(h);
}

void set_before_the_loop(int n) {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 800L);
  for (int i = 0; i < n; ++i)
    curl_easy_perform(h);
}

void reset_then_configured_again() {
  CURL *h = curl_easy_init();
  curl_easy_reset(h);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, 3L);
  curl_easy_perform(h);
}

void duphandle_copies_the_timeout() {
  CURL *base = curl_easy_init();
  curl_easy_setopt(base, CURLOPT_TIMEOUT, 3L);
  CURL *copy = curl_easy_duphandle(base);
  curl_easy_perform(copy);
}

void multi_with_timeout() {
  CURLM *m = curl_multi_init();
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 3000L);
  curl_multi_add_handle(m, h);
}

// A parameter's configuration is out of sight: silent unless Strict.
void uses_a_handle_it_was_given(CURL *h) { curl_easy_perform(h); }
