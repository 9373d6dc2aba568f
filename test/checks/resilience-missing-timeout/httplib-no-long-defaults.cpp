// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.ReportLongDefaults: false}}" -- -std=c++17
// ReportLongDefaults: false silences requests that only cpp-httplib's long
// default bounds; other libraries' unbounded requests are still reported.
#include <httplib.h>
#include <curl/curl.h>

void unconfigured_client() {
  httplib::Client cli("http://api.example.com");
  cli.Get("/v1/items");
}

void connect_timeout_only() {
  httplib::Client cli("http://api.example.com");
  cli.set_connection_timeout(2, 0);
  cli.Post("/v1/orders", "{}", "application/json");
}

void curl_is_still_reported() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
}
