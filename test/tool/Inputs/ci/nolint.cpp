#include <curl/curl.h>

void reasoned() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h); // NOLINT(resilience-missing-timeout): the proxy enforces a 2 s deadline
}

void bare() {
  CURL *h = curl_easy_init();
  // NOLINTNEXTLINE(resilience-*)
  curl_easy_perform(h);
}

void everything() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h); // NOLINT
}

void other_checks_only() {
  int unused = 0; // NOLINT(readability-*)
  (void)unused;
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
}

// NOLINTBEGIN(resilience-missing-timeout): generated code, fixed upstream
void block() {
  CURL *h = curl_easy_init();
  curl_easy_perform(h);
}
// NOLINTEND(resilience-missing-timeout)
