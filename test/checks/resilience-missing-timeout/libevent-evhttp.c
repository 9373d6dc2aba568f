// RUN: %check_resilience %s resilience-missing-timeout %t
// libevent's evhttp client: a long internal default unless a timeout is set.
#include <event2/event.h>
#include <event2/http.h>
#include <stddef.h>
#include <sys/time.h>

static void done(struct evhttp_request *req, void *arg) { (void)req; (void)arg; }

// ---- positives ------------------------------------------------------------

void no_timeout(struct event_base *base) {
  struct evhttp_connection *evcon =
      evhttp_connection_base_new(base, NULL, "api.example.com", 80);
  struct evhttp_request *req = evhttp_request_new(done, NULL);
  evhttp_make_request(evcon, req, EVHTTP_REQ_GET, "/v1/items");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_make_request' sends an HTTP request on connection 'evcon' that has no timeout; libevent then falls back to its internal 50 s of inactivity per read or write (a long library default), so a slow server holds this request for minutes [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call evhttp_connection_set_timeout (or _set_timeout_tv) on 'evcon' before this call
  event_base_dispatch(base);
}

// Look-alikes: retries and size limits bound no wait.
void retries_are_not_timeouts(struct event_base *base) {
  struct timeval retry = {2, 0};
  struct evhttp_connection *evcon =
      evhttp_connection_base_new(base, NULL, "api.example.com", 80);
  evhttp_connection_set_retries(evcon, 3);
  evhttp_connection_set_initial_retry_tv(evcon, &retry);
  evhttp_connection_set_max_body_size(evcon, 1 << 20);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_POST, "/v1/orders");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_make_request' sends an HTTP request on connection 'evcon' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call evhttp_connection_set_timeout
}

void timeout_on_another_connection(struct event_base *base) {
  struct evhttp_connection *a = evhttp_connection_base_new(base, NULL, "a.example.com", 80);
  struct evhttp_connection *b = evhttp_connection_base_new(base, NULL, "b.example.com", 80);
  evhttp_connection_set_timeout(a, 5);
  evhttp_make_request(a, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
  evhttp_make_request(b, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_make_request' sends an HTTP request on connection 'b' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call evhttp_connection_set_timeout
}

static struct evhttp_connection *open_plain(struct event_base *base) {
  return evhttp_connection_base_new(base, NULL, "c.example.com", 80);
}

void connection_from_a_factory(struct event_base *base) {
  struct evhttp_connection *evcon = open_plain(base);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_make_request' sends an HTTP request on connection 'evcon' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call evhttp_connection_set_timeout
}

static void label(struct evhttp_connection *c) { evhttp_connection_set_local_port(c, 4000); }

void helper_that_sets_no_timeout(struct event_base *base) {
  struct evhttp_connection *evcon = evhttp_connection_base_new(base, NULL, "d.example.com", 80);
  label(evcon);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_make_request' sends an HTTP request on connection 'evcon' that has no timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call evhttp_connection_set_timeout
}

// ---- negatives ----------------------------------------------------------------

void seconds_timeout(struct event_base *base) {
  struct evhttp_connection *evcon = evhttp_connection_base_new(base, NULL, "e.example.com", 80);
  evhttp_connection_set_timeout(evcon, 10);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

void timeval_timeout(struct event_base *base) {
  struct timeval tv = {3, 500000};
  struct evhttp_connection *evcon = evhttp_connection_base_new(base, NULL, "f.example.com", 80);
  evhttp_connection_set_timeout_tv(evcon, &tv);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

static void harden(struct evhttp_connection *c) { evhttp_connection_set_timeout(c, 4); }

void timeout_from_a_helper(struct event_base *base) {
  struct evhttp_connection *evcon = evhttp_connection_base_new(base, NULL, "g.example.com", 80);
  harden(evcon);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

static struct evhttp_connection *open_bounded(struct event_base *base) {
  struct evhttp_connection *c = evhttp_connection_base_new(base, NULL, "h.example.com", 80);
  evhttp_connection_set_timeout(c, 2);
  return c;
}

void bounded_connection_from_a_factory(struct event_base *base) {
  struct evhttp_connection *evcon = open_bounded(base);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

void set_on_one_branch(struct event_base *base, int slow) {
  struct evhttp_connection *evcon = evhttp_connection_base_new(base, NULL, "i.example.com", 80);
  if (slow)
    evhttp_connection_set_timeout(evcon, 60);
  else
    evhttp_connection_set_timeout(evcon, 5);
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

// A connection handed in by the caller is configured out of sight.
void given_connection(struct evhttp_connection *evcon) {
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}

// A connection reached through a struct the caller owns (libevent's
// sample/http-connect.c passes it as the callback argument): out of sight.
struct conn_ctx { struct evhttp_connection *evcon; };
void on_proxy_ready(struct evhttp_request *proxy_req, void *arg) {
  struct conn_ctx *ctx = arg;
  struct evhttp_connection *evcon = ctx->evcon;
  (void)proxy_req;
  evhttp_make_request(evcon, evhttp_request_new(done, NULL), EVHTTP_REQ_GET, "/");
}
