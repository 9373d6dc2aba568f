// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17
// Boost.Beast and Boost.Asio: synchronous operations cannot time out;
// asynchronous ones on a tcp_stream need an expiry, on a websocket stream a
// timeout option.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <string>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

static void on_done(beast::error_code, std::size_t) {}
static void on_connect(beast::error_code, tcp::endpoint) {}
static void on_ws(beast::error_code) {}

// ---- positives ------------------------------------------------------------

void sync_http_over_tcp_stream(asio::io_context &ioc,
                               const tcp::resolver::results_type &eps) {
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(eps);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks on stream 'stream', which cannot time out: a synchronous Asio or Beast operation has no timeout at all (expires_after and websocket timeouts bound only asynchronous operations), so a stalled peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation on a beast::tcp_stream with expires_after, or bound 'stream' some other way
  http::request<http::string_body> req{http::verb::get, "/", 11};
  http::write(stream, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' blocks on stream 'stream', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' blocks on stream 'stream', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
}

void sync_asio_socket(tcp::socket &sock, const tcp::endpoint &ep) {
  sock.connect(ep);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'connect' blocks on stream 'sock', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
  char buf[128];
  asio::read(sock, asio::buffer(buf));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' blocks on stream 'sock', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
  std::string line;
  asio::read_until(sock, asio::dynamic_buffer(line), '\n');
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read_until' blocks on stream 'sock', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
  sock.read_some(asio::buffer(buf));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read_some' blocks on stream 'sock', which cannot time out
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: use the asynchronous operation
}

void async_without_expiry(asio::io_context &ioc,
                          const tcp::resolver::results_type &eps) {
  beast::tcp_stream stream(ioc);
  stream.async_connect(eps, on_connect);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_connect' starts an asynchronous operation on stream 'stream' that has no expiry; a Beast stream never expires by default (no bound at all), so a stalled peer leaves this operation, and whoever waits on it, pending forever
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call expires_after on 'stream' (or on beast::get_lowest_layer of it) before each asynchronous operation
}

void expiry_disabled(beast::tcp_stream &stream, beast::flat_buffer &buffer,
                     http::response<http::string_body> &res) {
  stream.expires_never();
  http::async_read(stream, buffer, res, on_done);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_read' starts an asynchronous operation on stream 'stream' whose expiry is set to a value that Boost.Beast reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the expiry is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call expires_after on 'stream'
}

// Look-alikes: a socket keep-alive option and a websocket decorator bound
// nothing.
void websocket_without_timeout(asio::io_context &ioc) {
  websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).socket().set_option(asio::socket_base::keep_alive(true));
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::request_type &r) { r.set(http::field::user_agent, "t"); }));
  ws.async_handshake("example.com", "/", on_ws);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'async_handshake' starts an asynchronous operation on stream 'ws' that has no expiry
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call set_option(websocket::stream_base::timeout::suggested(beast::role_type::client)) on 'ws' before this operation
}

class Fetcher {
public:
  explicit Fetcher(asio::io_context &ioc) : stream_(ioc) {}
  void start(const tcp::resolver::results_type &eps) {
    stream_.async_connect(eps, on_connect);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'async_connect' starts an asynchronous operation on stream 'stream_' that has no expiry
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: call expires_after on 'stream_'
  }

private:
  beast::tcp_stream stream_;
};

// ---- negatives ----------------------------------------------------------------

void async_with_expiry(asio::io_context &ioc,
                       const tcp::resolver::results_type &eps) {
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(10));
  stream.async_connect(eps, on_connect);
}

void expiry_through_the_lowest_layer(asio::io_context &ioc,
                                     beast::flat_buffer &buffer) {
  websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(30));
  ws.async_read(buffer, on_done);
}

void websocket_with_suggested_timeouts(asio::io_context &ioc) {
  websocket::stream<beast::tcp_stream> ws(ioc);
  beast::get_lowest_layer(ws).expires_never();
  ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  ws.async_handshake("example.com", "/", on_ws);
}

static void arm(beast::tcp_stream &s) { s.expires_after(std::chrono::seconds(5)); }

void expiry_from_a_helper(asio::io_context &ioc, beast::flat_buffer &buffer,
                          http::response<http::string_body> &res) {
  beast::tcp_stream stream(ioc);
  arm(stream);
  http::async_read(stream, buffer, res, on_done);
}

class Session {
public:
  explicit Session(asio::io_context &ioc) : stream_(ioc) {
    stream_.expires_after(std::chrono::seconds(20));
  }
  void read(beast::flat_buffer &b, http::response<http::string_body> &res) {
    http::async_read(stream_, b, res, on_done);
  }

private:
  beast::tcp_stream stream_;
};

// A stream handed in by the caller is configured out of sight: silent.
void given_stream(beast::tcp_stream &stream, beast::flat_buffer &b,
                  http::response<http::string_body> &res) {
  http::async_read(stream, b, res, on_done);
}

// Not a network stream: a serial port is left alone.
void serial(asio::serial_port &port) {
  char buf[8];
  asio::read(port, asio::buffer(buf));
}

static beast::tcp_stream make_stream(asio::io_context &ioc) {
  beast::tcp_stream s(ioc);
  s.expires_after(std::chrono::seconds(15));
  return s;
}

void stream_from_a_factory(asio::io_context &ioc,
                           const tcp::resolver::results_type &eps) {
  beast::tcp_stream stream = make_stream(ioc);
  stream.async_connect(eps, on_connect);
}
