// RUN: %check_resilience %s resilience-missing-timeout %t
// A generic setopt wrapper defined in this translation unit forwards its
// option parameter to curl_easy_setopt: the option and value the caller
// passes are what the handle gets (a cloud SDK's transport is written this
// way). CURLOPT_CONNECT_ONLY turns a perform into a connect, which the
// connect timeout (and libcurl's default) bounds.
#include <curl/curl.h>
#include <memory>

struct CurlDeleter {
  void operator()(CURL *h) const { curl_easy_cleanup(h); }
};
using CurlPtr = std::unique_ptr<CURL, CurlDeleter>;

template <class T>
static bool SetOption(CurlPtr const &handle, CURLoption option, T value,
                      CURLcode *rc) {
  *rc = curl_easy_setopt(handle.get(), option, value);
  return *rc == CURLE_OK;
}

// Two levels of wrapping: the option is a constant one level up.
static bool SetTimeoutSeconds(CurlPtr const &handle, long seconds) {
  CURLcode rc;
  return SetOption(handle, CURLOPT_TIMEOUT, seconds, &rc);
}

// A class whose setter is the same kind of template (a media player's
// transport is written this way).
class Easy {
public:
  Easy() : h_(curl_easy_init()) {}
  ~Easy() { curl_easy_cleanup(h_); }
  template <class T> void SetOption(CURLoption option, T value) {
    curl_easy_setopt(h_, option, value);
  }
  CURLcode Perform() { return curl_easy_perform(h_); }

private:
  CURL *h_;
};

class UnboundedEasy {
public:
  UnboundedEasy() : h_(curl_easy_init()) {}
  template <class T> void SetOption(CURLoption option, T value) {
    curl_easy_setopt(h_, option, value);
  }
  CURLcode Perform() { return curl_easy_perform(h_); }
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'curl_easy_perform' performs a transfer on handle 'h_' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:31: note: set CURLOPT_TIMEOUT_MS

private:
  CURL *h_;
};

void uses_unbounded_easy() {
  UnboundedEasy e;
  e.SetOption(CURLOPT_URL, "https://api.example.com/v1/items");
  e.SetOption(CURLOPT_CONNECTTIMEOUT_MS, 0L);
}

void uses_easy() {
  Easy e;
  e.SetOption(CURLOPT_URL, "https://api.example.com/v1/items");
  e.SetOption(CURLOPT_TIMEOUT_MS, 2500L);
}

// ---- traps: the wrapper sets the timeout ------------------------------------

void timeout_through_the_wrapper() {
  CurlPtr h(curl_easy_init());
  CURLcode rc;
  SetOption(h, CURLOPT_URL, "https://api.example.com/v1/items", &rc);
  SetOption(h, CURLOPT_TIMEOUT, 30L, &rc);
  curl_easy_perform(h.get());
}

void timeout_through_two_wrappers() {
  CurlPtr h(curl_easy_init());
  SetTimeoutSeconds(h, 10);
  curl_easy_perform(h.get());
}

void low_speed_through_the_wrapper() {
  CurlPtr h(curl_easy_init());
  CURLcode rc;
  SetOption(h, CURLOPT_LOW_SPEED_LIMIT, 1L, &rc);
  SetOption(h, CURLOPT_LOW_SPEED_TIME, 30L, &rc);
  curl_easy_perform(h.get());
}

void connect_only() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com");
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_perform(h); // only connects: bounded by the connect timeout
  curl_easy_cleanup(h);
}

void connect_only_through_the_wrapper() {
  CurlPtr h(curl_easy_init());
  CURLcode rc;
  SetOption(h, CURLOPT_CONNECT_ONLY, 1L, &rc);
  curl_easy_perform(h.get());
}

// ---- positives --------------------------------------------------------------

void only_the_url_through_the_wrapper() {
  CurlPtr h(curl_easy_init());
  CURLcode rc;
  SetOption(h, CURLOPT_URL, "https://api.example.com/v1/items", &rc);
  curl_easy_perform(h.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
}

void zero_through_the_wrapper() {
  CurlPtr h(curl_easy_init());
  CURLcode rc;
  SetOption(h, CURLOPT_TIMEOUT_MS, 0L, &rc);
  curl_easy_perform(h.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0, which libcurl reads as 'never'; nothing else bounds this call, so a stalled peer can hold it forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the total timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set CURLOPT_TIMEOUT_MS
}

void zero_through_two_wrappers() {
  CurlPtr h(curl_easy_init());
  SetTimeoutSeconds(h, 0);
  curl_easy_perform(h.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' whose total timeout is set to 0
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the total timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set CURLOPT_TIMEOUT_MS
}

void connect_only_switched_off() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_CONNECT_ONLY, 0L);
  curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set CURLOPT_TIMEOUT_MS
  curl_easy_cleanup(h);
}
