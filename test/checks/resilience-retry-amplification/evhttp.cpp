// RUN: %check_resilience %s resilience-retry-amplification %t -- --quiet -- -std=c++17
// libevent's evhttp retries a request by itself when the connection is set
// to; a hand loop around it multiplies.
#include <event2/event.h>
#include <event2/http.h>
#include <unistd.h>

struct Fetcher {
  struct evhttp_connection *conn = nullptr;
  struct evhttp_connection *single = nullptr;

  void setup(struct event_base *base) {
    conn = evhttp_connection_base_new(base, nullptr, "10.0.0.7", 8080);
    evhttp_connection_set_retries(conn, 2);
    evhttp_connection_set_timeout(conn, 5);
    single = evhttp_connection_base_new(base, nullptr, "10.0.0.8", 8080);
    evhttp_connection_set_retries(single, 0);
    evhttp_connection_set_timeout(single, 5);
  }

  // ---- positive -----------------------------------------------------------
  int send_with_retries(struct evhttp_request *req) {
    for (int attempt = 0; attempt < 4; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop around 'evhttp_make_request' retries a call that retries again: up to 4 x 3 = 12 requests per call reach the dependency; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
    // CHECK-MESSAGES: :[[@LINE+3]]:11: note: each attempt calls 'evhttp_make_request' here
    // CHECK-MESSAGES: :[[@LINE-12]]:5: note: this configures libevent to retry every request on the handle by itself (up to 3 attempts)
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
      if (evhttp_make_request(conn, req, EVHTTP_REQ_GET, "/health") == 0)
        return 0;
      usleep(100000u << attempt);
    }
    return -1;
  }

  // ---- negative: the connection does not retry by itself ------------------
  int send_on_single(struct evhttp_request *req) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      if (evhttp_make_request(single, req, EVHTTP_REQ_GET, "/health") == 0)
        return 0;
      usleep(100000u << attempt);
    }
    return -1;
  }
};
