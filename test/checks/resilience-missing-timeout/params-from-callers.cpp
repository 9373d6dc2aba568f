// RUN: %check_resilience %s resilience-missing-timeout %t
// A function only this file can call (static, or in an anonymous namespace,
// and never passed around by address) gets its handle from callers that are
// all in sight: what they pass is what it uses. A function other files may
// call, or one whose address is taken, still gets its handle from out of
// sight.
#include <curl/curl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

// ---- positives ---------------------------------------------------------------

static CURLcode perform(CURL *h) {
  return curl_easy_perform(h);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'curl_easy_perform' performs a transfer on handle 'h' that has no total timeout; a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set CURLOPT_TIMEOUT_MS
}

void fetch_items() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/items");
  perform(h);
  curl_easy_cleanup(h);
}

void fetch_orders() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_URL, "https://api.example.com/v1/orders");
  perform(h);
  curl_easy_cleanup(h);
}

namespace {
ssize_t read_reply(int fd, char *buf, size_t n) {
  return recv(fd, buf, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'recv' {{.*}} [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: {{.*}}
}
} // namespace

ssize_t ask(const sockaddr *addr, socklen_t len, char *buf, size_t n) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(fd, addr, len) != 0)
    return -1;
  ssize_t got = read_reply(fd, buf, n);
  close(fd);
  return got;
}

// ---- traps -------------------------------------------------------------------

// One of the two callers sets a timeout: on some path the handle is bounded.
static CURLcode perform_either(CURL *h) { return curl_easy_perform(h); }

void configured_caller() {
  CURL *h = curl_easy_init();
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  perform_either(h);
}

void unconfigured_caller() {
  CURL *h = curl_easy_init();
  perform_either(h);
}

// Other files may call it.
CURLcode perform_public(CURL *h) { return curl_easy_perform(h); }

void calls_public() {
  CURL *h = curl_easy_init();
  perform_public(h);
}

// Its address is taken: a caller out of sight may pass anything.
static CURLcode perform_callback(CURL *h) { return curl_easy_perform(h); }
CURLcode (*const kPerform)(CURL *) = perform_callback;

void calls_callback() {
  CURL *h = curl_easy_init();
  perform_callback(h);
}

// Every caller sets the receive timeout before handing the socket over.
static ssize_t read_bounded(int fd, char *buf, size_t n) {
  return recv(fd, buf, n, 0);
}

ssize_t ask_bounded(const sockaddr *addr, socklen_t len, char *buf, size_t n) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, addr, len) != 0)
    return -1;
  ssize_t got = read_bounded(fd, buf, n);
  close(fd);
  return got;
}
