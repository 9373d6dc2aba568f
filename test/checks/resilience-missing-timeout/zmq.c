// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c11
// ZeroMQ's C API (Debian 12's libzmq3-dev 4.3.4): receives on client
// sockets (REQ, DEALER) with no ZMQ_RCVTIMEO, sends on DEALER and PUSH
// sockets with no ZMQ_SNDTIMEO, and a zmq_poll with -1 in front of a
// receive. Server sockets parked in a receive are idle by design.
#include <stddef.h>
#include <zmq.h>

// ---- positives ------------------------------------------------------------

int request_without_timeout(void *ctx, char *out, size_t n) {
  void *s = zmq_socket(ctx, ZMQ_REQ);
  zmq_connect(s, "tcp://pricing.internal:5555");
  zmq_send(s, "quote", 5, 0);
  return zmq_recv(s, out, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'zmq_recv' waits for a message on socket 's' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set ZMQ_RCVTIMEO on 's' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
}

int explicit_infinite_timeout(void *ctx, zmq_msg_t *reply) {
  int forever = -1;
  void *s = zmq_socket(ctx, ZMQ_DEALER);
  zmq_setsockopt(s, ZMQ_RCVTIMEO, &forever, sizeof forever);
  zmq_connect(s, "tcp://ledger.internal:6000");
  return zmq_msg_recv(reply, s, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'zmq_msg_recv' waits for a message on socket 's' whose receive timeout is set to a value that ZeroMQ reads as 'never'; a peer that never answers blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the receive timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: set ZMQ_RCVTIMEO on 's' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
}

int poll_forever_then_receive(void *ctx, char *out, size_t n) {
  void *s = zmq_socket(ctx, ZMQ_REQ);
  zmq_connect(s, "tcp://pricing.internal:5555");
  zmq_send(s, "quote", 5, 0);
  zmq_pollitem_t items[] = {{s, 0, ZMQ_POLLIN, 0}};
  zmq_poll(items, 1, -1);
  return zmq_recv(s, out, n, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'zmq_recv' waits for a message on socket 's' after 'zmq_poll' waits for it with a timeout of -1, which never expires; a silent peer blocks this thread in that wait forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'zmq_poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: give the 'zmq_poll' before this call a finite timeout and handle its expiry
}

// The timeout is set on the other socket of the pair.
int timeout_on_another_socket(void *ctx, zmq_msg_t *m) {
  int ms = 2000;
  void *jobs = zmq_socket(ctx, ZMQ_PUSH);
  void *replies = zmq_socket(ctx, ZMQ_DEALER);
  zmq_setsockopt(jobs, ZMQ_RCVTIMEO, &ms, sizeof ms);
  zmq_send(jobs, "job", 3, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'zmq_send' sends a message on socket 'jobs' that has no send timeout; ZeroMQ's default ZMQ_SNDTIMEO is -1, so once every peer is at its high-water mark (a consumer that stalled or died) this call blocks forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set ZMQ_SNDTIMEO on 'jobs' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::sndtimeo, ms)), or send with ZMQ_DONTWAIT
  return zmq_recvmsg(replies, m, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'zmq_recvmsg' waits for a message on socket 'replies' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set ZMQ_RCVTIMEO on 'replies' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
}

// A PUSH socket blocks on send once every consumer is at its high-water mark.
void push_without_send_timeout(void *ctx, zmq_msg_t *job) {
  void *out = zmq_socket(ctx, ZMQ_PUSH);
  zmq_connect(out, "tcp://workers.internal:7000");
  zmq_msg_send(job, out, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'zmq_msg_send' sends a message on socket 'out' that has no send timeout; ZeroMQ's default ZMQ_SNDTIMEO is -1, so once every peer is at its high-water mark (a consumer that stalled or died) this call blocks forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set ZMQ_SNDTIMEO on 'out' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::sndtimeo, ms)), or send with ZMQ_DONTWAIT
}

// ---- negatives ------------------------------------------------------------

static void *open_client(void *ctx) {
  int ms = 1500;
  void *s = zmq_socket(ctx, ZMQ_REQ);
  zmq_setsockopt(s, ZMQ_RCVTIMEO, &ms, sizeof ms);
  zmq_connect(s, "tcp://pricing.internal:5555");
  return s;
}

// The receive timeout is set in a helper.
int timeout_set_in_helper(void *ctx, char *out, size_t n) {
  void *s = open_client(ctx);
  zmq_send(s, "quote", 5, 0);
  return zmq_recv(s, out, n, 0);
}

// A finite poll gates the receive.
int finite_poll_before_receive(void *ctx, char *out, size_t n) {
  void *s = zmq_socket(ctx, ZMQ_DEALER);
  zmq_connect(s, "tcp://ledger.internal:6000");
  zmq_pollitem_t item = {s, 0, ZMQ_POLLIN, 0};
  if (zmq_poll(&item, 1, 2500) <= 0)
    return -1;
  return zmq_recv(s, out, n, 0);
}

// ZMQ_DONTWAIT makes each call non-blocking.
int dont_wait(void *ctx, char *out, size_t n, zmq_msg_t *m) {
  void *s = zmq_socket(ctx, ZMQ_DEALER);
  zmq_connect(s, "tcp://ledger.internal:6000");
  zmq_send(s, "ping", 4, ZMQ_DONTWAIT);
  zmq_msg_recv(m, s, ZMQ_NOBLOCK);
  return zmq_recv(s, out, n, ZMQ_DONTWAIT);
}

// A REP server parked in its receive loop waits for clients by design, and
// a zmq_poll(-1) over server sockets is its event loop.
void reply_server(void *ctx) {
  char buf[256];
  void *rep = zmq_socket(ctx, ZMQ_REP);
  void *pull = zmq_socket(ctx, ZMQ_PULL);
  zmq_bind(rep, "tcp://*:5555");
  zmq_bind(pull, "tcp://*:5556");
  zmq_pollitem_t items[] = {{rep, 0, ZMQ_POLLIN, 0}, {pull, 0, ZMQ_POLLIN, 0}};
  for (;;) {
    zmq_poll(items, 2, -1);
    if (items[0].revents & ZMQ_POLLIN) {
      int n = zmq_recv(rep, buf, sizeof buf, 0);
      zmq_send(rep, buf, n > 0 ? (size_t)n : 0, 0);
    }
    if (items[1].revents & ZMQ_POLLIN)
      zmq_recv(pull, buf, sizeof buf, 0);
  }
}

// Both timeouts set; a REQ socket's send queues on its pipe.
int bounded_dealer(void *ctx, zmq_msg_t *m) {
  int ms = 1000;
  void *s = zmq_socket(ctx, ZMQ_DEALER);
  zmq_setsockopt(s, ZMQ_SNDTIMEO, &ms, sizeof ms);
  zmq_setsockopt(s, ZMQ_RCVTIMEO, &ms, sizeof ms);
  zmq_sendmsg(s, m, 0);
  return zmq_msg_recv(m, s, 0);
}

// A socket whose type the analysis cannot read, and one from elsewhere.
int unknown_type(void *ctx, int type, void *given, char *out, size_t n) {
  void *s = zmq_socket(ctx, type);
  zmq_recv(given, out, n, 0);
  return zmq_recv(s, out, n, 0);
}

// 0 is a bound: the receive returns EAGAIN at once.
int zero_timeout(void *ctx, char *out, size_t n) {
  int none = 0;
  void *s = zmq_socket(ctx, ZMQ_REQ);
  zmq_setsockopt(s, ZMQ_RCVTIMEO, &none, sizeof none);
  return zmq_recv(s, out, n, 0);
}

// A pair of threads over inproc://: no network between them.
int inproc_request(void *ctx, char *out, size_t n) {
  const char *endpoint = "inproc://workers";
  void *s = zmq_socket(ctx, ZMQ_REQ);
  zmq_connect(s, endpoint);
  zmq_send(s, "job", 3, 0);
  return zmq_recv(s, out, n, 0);
}
