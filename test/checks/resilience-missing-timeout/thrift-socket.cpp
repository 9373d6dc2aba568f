// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17
// Apache Thrift clients over a TSocket: opening the transport chain.
#include <memory>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/transport/TBufferTransports.h>
#include <thrift/transport/TSocket.h>

using apache::thrift::protocol::TBinaryProtocol;
using apache::thrift::protocol::TProtocol;
using apache::thrift::transport::TBufferedTransport;
using apache::thrift::transport::TFramedTransport;
using apache::thrift::transport::TSocket;
using apache::thrift::transport::TTransport;

// ---- positives ------------------------------------------------------------

void tutorial_client() {
  std::shared_ptr<TTransport> socket(new TSocket("localhost", 9090));
  std::shared_ptr<TTransport> transport(new TBufferedTransport(socket));
  std::shared_ptr<TProtocol> protocol(new TBinaryProtocol(transport));
  transport->open();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'open' opens a Thrift transport on transport 'transport' that has no receive timeout; a TSocket has no timeouts by default (no bound at all), so every call made over it can block forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setConnTimeout and setRecvTimeout (milliseconds) on the TSocket under 'transport' before opening it
}

void connect_timeout_only() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  socket->setConnTimeout(1000);
  auto transport = std::make_shared<TFramedTransport>(socket);
  transport->open();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'open' opens a Thrift transport on transport 'transport' that has only a connect timeout, which bounds the connect phase and not the transfer
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: only the connect timeout is set here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call setConnTimeout
}

void zero_receive_timeout() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  socket->setRecvTimeout(0);
  socket->open();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'open' opens a Thrift transport on transport 'socket' whose receive timeout is set to 0, which Thrift reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the receive timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call setConnTimeout
}

// Look-alikes: linger, no-delay and keep-alive bound nothing.
void look_alike_settings() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  socket->setLinger(true, 5);
  socket->setNoDelay(true);
  socket->setKeepAlive(true);
  std::shared_ptr<TTransport> transport(new TBufferedTransport(socket));
  transport->open();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'open' opens a Thrift transport on transport 'transport' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setConnTimeout
}

static std::shared_ptr<TSocket> plain_socket() {
  return std::make_shared<TSocket>("billing", 9090);
}

void socket_from_a_factory() {
  std::shared_ptr<TSocket> socket = plain_socket();
  socket->open();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'open' opens a Thrift transport on transport 'socket' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call setConnTimeout
}

// ---- negatives ----------------------------------------------------------------

void timeouts_before_wrapping() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  socket->setConnTimeout(1000);
  socket->setRecvTimeout(5000);
  auto transport = std::make_shared<TBufferedTransport>(socket);
  auto protocol = std::make_shared<TBinaryProtocol>(transport);
  transport->open();
}

void timeout_after_wrapping() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  std::shared_ptr<TTransport> transport(new TFramedTransport(socket));
  socket->setRecvTimeout(2000);
  transport->open();
}

static void harden(std::shared_ptr<TSocket> &s) { s->setRecvTimeout(3000); }

void timeout_from_a_helper() {
  auto socket = std::make_shared<TSocket>("inventory", 9090);
  harden(socket);
  socket->open();
}

static std::shared_ptr<TSocket> bounded_socket() {
  auto s = std::make_shared<TSocket>("billing", 9090);
  s->setRecvTimeout(1500);
  return s;
}

void bounded_socket_from_a_factory() {
  auto socket = bounded_socket();
  auto transport = std::make_shared<TBufferedTransport>(socket);
  transport->open();
}

class Client {
public:
  Client() : socket_(std::make_shared<TSocket>("ledger", 9090)) { socket_->setRecvTimeout(4000); }
  void connect() { socket_->open(); }

private:
  std::shared_ptr<TSocket> socket_;
};

// Transports not built on a TSocket seen here are left alone.
void given_transport(std::shared_ptr<TTransport> t) { t->open(); }
