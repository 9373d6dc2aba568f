// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c++17
// cppzmq (Debian 12's cppzmq-dev 4.9.0) over libzmq 4.3.4: socket_t::recv
// on REQ/DEALER sockets with no rcvtimeo, send on DEALER/PUSH with no
// sndtimeo, zmq::poll with no timeout, zmq_addon.hpp's multipart calls.
#include <chrono>
#include <iterator>
#include <memory>
#include <string>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

// ---- positives ------------------------------------------------------------

std::string ask_without_timeout(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, zmq::socket_type::req);
  s.connect("tcp://pricing.internal:5555");
  s.send(zmq::str_buffer("quote"), zmq::send_flags::none);
  zmq::message_t reply;
  auto got = s.recv(reply, zmq::recv_flags::none);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'recv' waits for a message on socket 's' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: set ZMQ_RCVTIMEO on 's' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
  return got ? reply.to_string() : std::string();
}

std::string legacy_infinite_timeout(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, ZMQ_DEALER);
  s.setsockopt(ZMQ_RCVTIMEO, -1);
  zmq::message_t reply;
  s.recv(&reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' waits for a message on socket 's' whose receive timeout is set to a value that ZeroMQ reads as 'never'; a peer that never answers blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the receive timeout is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set ZMQ_RCVTIMEO on 's' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
  return reply.to_string();
}

class QuoteClient {
public:
  explicit QuoteClient(zmq::context_t &ctx)
      : sock_(ctx, zmq::socket_type::dealer) {
    sock_.connect("tcp://pricing.internal:5555");
  }
  std::vector<zmq::message_t> next() {
    std::vector<zmq::message_t> parts;
    auto n = zmq::recv_multipart(sock_, std::back_inserter(parts));
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'recv_multipart' waits for a message on socket 'sock_' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
    // CHECK-MESSAGES: :[[@LINE-2]]:14: note: set ZMQ_RCVTIMEO on 'sock_' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
    (void)n;
    return parts;
  }

private:
  zmq::socket_t sock_;
};

std::string poll_with_no_timeout(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  zmq::pollitem_t items[] = {{s.handle(), 0, ZMQ_POLLIN, 0}};
  zmq::poll(items, 1);
  zmq::message_t m;
  auto got = s.recv(m);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'recv' waits for a message on socket 's' after 'zmq::poll' waits for it with a timeout of -1, which never expires; a silent peer blocks this thread in that wait forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'zmq::poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: give the 'zmq::poll' before this call a finite timeout and handle its expiry
  return got ? m.to_string() : std::string();
}

void push_jobs(zmq::context_t &ctx, const std::vector<std::string> &jobs) {
  zmq::socket_t out(ctx, zmq::socket_type::push);
  out.set(zmq::sockopt::rcvtimeo, 1000);
  for (const std::string &j : jobs)
    out.send(zmq::buffer(j), zmq::send_flags::none);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'send' sends a message on socket 'out' that has no send timeout; ZeroMQ's default ZMQ_SNDTIMEO is -1, so once every peer is at its high-water mark (a consumer that stalled or died) this call blocks forever [resilience-missing-timeout]
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: set ZMQ_SNDTIMEO on 'out' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::sndtimeo, ms)), or send with ZMQ_DONTWAIT
}

// A socket on the heap, made after declaration.
std::string heap_and_reassigned(zmq::context_t &ctx) {
  auto owned = std::make_unique<zmq::socket_t>(ctx, ZMQ_REQ);
  zmq::socket_t later;
  later = zmq::socket_t(ctx, zmq::socket_type::dealer);
  zmq::message_t a, b;
  auto x = owned->recv(a);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'recv' waits for a message on socket 'owned' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: set ZMQ_RCVTIMEO on 'owned' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
  auto y = later.recv(b);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'recv' waits for a message on socket 'later' that has no receive timeout; ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that never answers (a crashed server, a lost request) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: set ZMQ_RCVTIMEO on 'later' (zmq_setsockopt, or cppzmq's set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite zmq_poll before receiving
  return x && y ? a.to_string() + b.to_string() : std::string();
}

// ---- negatives ------------------------------------------------------------

// A socket from elsewhere: its type is out of sight, even with -1 set here.
int given_socket(void *sock, zmq::socket_t &other, char *buf, size_t n) {
  int forever = -1;
  zmq_setsockopt(sock, ZMQ_RCVTIMEO, &forever, sizeof forever);
  zmq::message_t m;
  auto got = other.recv(m);
  (void)got;
  return zmq_recv(sock, buf, n, 0);
}

// The receive timeout is set in the constructor.
class BoundedClient {
public:
  explicit BoundedClient(zmq::context_t &ctx)
      : sock_(ctx, zmq::socket_type::req) {
    sock_.set(zmq::sockopt::rcvtimeo, 2000);
    sock_.connect("tcp://pricing.internal:5555");
  }
  std::string ask(const std::string &q) {
    sock_.send(zmq::buffer(q), zmq::send_flags::none);
    zmq::message_t reply;
    auto got = sock_.recv(reply);
    return got ? reply.to_string() : std::string();
  }

private:
  zmq::socket_t sock_;
};

// A finite poll gates the receive (implicit conversion, and a duration).
std::string finite_poll(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, zmq::socket_type::req);
  zmq::pollitem_t items[] = {{s, 0, ZMQ_POLLIN, 0}};
  if (zmq::poll(items, 1, std::chrono::milliseconds(500)) == 0)
    return std::string();
  zmq::message_t m;
  auto got = s.recv(m);
  return got ? m.to_string() : std::string();
}

// dontwait on every call.
bool dont_wait(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.send(zmq::str_buffer("ping"), zmq::send_flags::dontwait);
  zmq::message_t m;
  std::vector<zmq::message_t> parts;
  auto a = zmq::recv_multipart(s, std::back_inserter(parts),
                               zmq::recv_flags::dontwait);
  auto b = s.recv(m, zmq::recv_flags::dontwait);
  return a && b;
}

// Servers and workers wait for peers by design.
void reply_loop(zmq::context_t &ctx) {
  zmq::socket_t rep(ctx, zmq::socket_type::rep);
  zmq::socket_t sub(ctx, ZMQ_SUB);
  rep.bind("tcp://*:5555");
  sub.set(zmq::sockopt::subscribe, "prices");
  for (;;) {
    zmq::message_t req, tick;
    auto got = rep.recv(req);
    rep.send(req, zmq::send_flags::none);
    auto t = sub.recv(tick);
    (void)got;
    (void)t;
  }
}

// Both bounds, the legacy setter; a REQ send queues on its pipe.
std::string bounded_both(zmq::context_t &ctx) {
  zmq::socket_t s(ctx, zmq::socket_type::dealer);
  s.setsockopt(ZMQ_SNDTIMEO, 1000);
  s.setsockopt(ZMQ_RCVTIMEO, 1000);
  s.send(zmq::str_buffer("quote"), zmq::send_flags::none);
  zmq::message_t m;
  auto got = s.recv(m);
  zmq::socket_t req(ctx, zmq::socket_type::req);
  req.send(zmq::str_buffer("quote"), zmq::send_flags::none);
  return got ? m.to_string() : std::string();
}

// A pipeline stage feeding a thread of this process.
void inproc_stage(zmq::context_t &ctx) {
  zmq::socket_t out(ctx, zmq::socket_type::push);
  out.bind("inproc://stage-2");
  out.send(zmq::str_buffer("frame"), zmq::send_flags::none);
}
