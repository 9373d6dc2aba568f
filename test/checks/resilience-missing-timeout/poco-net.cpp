// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17
// POCO: sessions have finite defaults (only an explicit zero is reported);
// raw stream sockets have no receive timeout unless one is set.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

using Poco::Net::HTTPClientSession;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::StreamSocket;

// ---- positives ------------------------------------------------------------

void zero_session_timeout() {
  HTTPClientSession s("api.example.com", 80);
  s.setTimeout(Poco::Timespan(0, 0));
  HTTPRequest req(HTTPRequest::HTTP_GET, "/v1/items");
  s.sendRequest(req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'sendRequest' sends an HTTP request on session 's' whose receive timeout is set to 0, which POCO reads as 'never'; nothing else bounds this call, so a stalled peer can hold it forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the receive timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give 's' a positive Timespan, or keep POCO's default (60 s) by not setting it
}

void zero_receive_part(HTTPResponse &res) {
  HTTPClientSession s("api.example.com", 80);
  s.setTimeout(Poco::Timespan(5, 0), Poco::Timespan(5, 0), Poco::Timespan(0));
  s.receiveResponse(res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'receiveResponse' sends an HTTP request on session 's' whose receive timeout is set to 0
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the receive timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give 's' a positive Timespan
}

void raw_socket_without_timeout(const Poco::Net::SocketAddress &addr) {
  StreamSocket sock;
  sock.connect(addr);
  char buf[256];
  sock.receiveBytes(buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'receiveBytes' reads on socket 'sock' that has no receive timeout; a POCO StreamSocket has no receive timeout by default (no bound at all), so a silent peer blocks this thread forever
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setReceiveTimeout on 'sock' before this call
}

// Look-alikes: keep-alive, linger and no-delay bound no read.
void look_alike_socket_options(const Poco::Net::SocketAddress &addr) {
  StreamSocket sock(addr);
  sock.setKeepAlive(true);
  sock.setLinger(true, 5);
  sock.setNoDelay(true);
  sock.setSendTimeout(Poco::Timespan(5, 0));
  char buf[16];
  sock.receiveBytes(buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'receiveBytes' reads on socket 'sock' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setReceiveTimeout
}

void zero_socket_timeout(const Poco::Net::SocketAddress &addr) {
  StreamSocket sock(addr);
  sock.setReceiveTimeout(Poco::Timespan(0));
  char buf[16];
  sock.receiveBytes(buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'receiveBytes' reads on socket 'sock' whose receive timeout is set to 0, which POCO reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the receive timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call setReceiveTimeout
}

class Feed {
public:
  explicit Feed(const Poco::Net::SocketAddress &addr) : sock_(addr) {}
  int next(char *buf, int n) {
    return sock_.receiveBytes(buf, n);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'receiveBytes' reads on socket 'sock_' that has no receive timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: call setReceiveTimeout
  }

private:
  StreamSocket sock_;
};

// ---- negatives ----------------------------------------------------------------

void session_defaults_are_finite(HTTPResponse &res) {
  HTTPClientSession s("api.example.com", 80);
  HTTPRequest req(HTTPRequest::HTTP_POST, "/v1/orders");
  s.sendRequest(req) << "{}";
  s.receiveResponse(res);
}

void session_timeout_set(HTTPResponse &res) {
  HTTPClientSession s("api.example.com", 80);
  s.setTimeout(Poco::Timespan(10, 0));
  s.setKeepAliveTimeout(Poco::Timespan(0));
  s.receiveResponse(res);
}

void socket_timeout_set(const Poco::Net::SocketAddress &addr) {
  StreamSocket sock(addr);
  sock.setReceiveTimeout(Poco::Timespan(3, 0));
  char buf[16];
  sock.receiveBytes(buf, sizeof buf);
}

static void harden(StreamSocket &s) { s.setReceiveTimeout(Poco::Timespan(2, 0)); }

void socket_timeout_from_a_helper(const Poco::Net::SocketAddress &addr) {
  StreamSocket sock(addr);
  harden(sock);
  char buf[16];
  sock.receiveBytes(buf, sizeof buf);
}

class Ticker {
public:
  explicit Ticker(const Poco::Net::SocketAddress &addr) : sock_(addr) {
    sock_.setReceiveTimeout(Poco::Timespan(1, 0));
  }
  int next(char *buf, int n) { return sock_.receiveBytes(buf, n); }

private:
  StreamSocket sock_;
};

// A socket handed in by the caller is configured out of sight.
int given_socket(StreamSocket &sock, char *buf, int n) { return sock.receiveBytes(buf, n); }

static StreamSocket connect_bounded(const Poco::Net::SocketAddress &addr) {
  StreamSocket s(addr);
  s.setReceiveTimeout(Poco::Timespan(4, 0));
  return s;
}

int socket_from_a_factory(const Poco::Net::SocketAddress &addr, char *buf, int n) {
  StreamSocket sock = connect_bounded(addr);
  return sock.receiveBytes(buf, n);
}
