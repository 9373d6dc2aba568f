// RUN: %check_resilience %s resilience-unbounded-retry %t
// libevent's evhttp retries a failed request by itself; -1 means forever.
#include <event2/event.h>
#include <event2/http.h>

const int kForever = -1;

void configure(struct evhttp_connection *conn, int retries_from_config) {
  evhttp_connection_set_retries(conn, -1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_connection_set_retries' with a negative count makes libevent retry a failed request forever; it retries for as long as the dependency is down [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE-2]]:39: note: pass a small positive number of retries
  evhttp_connection_set_retries(conn, kForever);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'evhttp_connection_set_retries' with a negative count
  evhttp_connection_set_retries(conn, 3);                   // bounded
  evhttp_connection_set_retries(conn, 0);                   // no retries
  evhttp_connection_set_retries(conn, retries_from_config); // unknown: silent
}
