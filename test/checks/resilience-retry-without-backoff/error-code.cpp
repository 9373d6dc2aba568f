// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t -- --config="{CheckOptions: {RequestFunctions: 'ledger::submit'}}"
// An error code that the remote call fills in through a reference argument
// (Asio, Beast, an in-house API taking a std::error_code&) is the attempt's
// outcome, and it is true on failure: `if (!ec) break;` leaves on success,
// `if (ec) break;` gives up on the first failure.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <chrono>
#include <random>
#include <system_error>
#include <thread>

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

namespace ledger {
struct Entry {
  long cents;
};
// In-house, declared through RequestFunctions.
void submit(const Entry &e, std::error_code &ec);
} // namespace ledger

void handle(const http::response<http::string_body> &res);

// ---- positives ------------------------------------------------------------

// Beast: written again at once, no wait.
void write_until_it_works(beast::tcp_stream &stream,
                          const http::request<http::string_body> &req) {
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'boost::beast::http::write' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'boost::beast::http::write' is retried here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: wait before the next attempt: min(cap, base * 2^attempt) plus random jitter
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: retry loop around 'boost::beast::http::write' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'boost::beast::http::write' is retried here
    beast::error_code ec;
    http::write(stream, req, ec);
    if (!ec)
      break;
  }
}

// Asio connect: a fixed wait, and no cap.
bool connect_forever(tcp::socket &sock,
                     const tcp::resolver::results_type &endpoints) {
  boost::system::error_code ec;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'boost::asio::connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+6]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'boost::asio::connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: warning: retry loop around 'boost::asio::connect' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    boost::asio::connect(sock, endpoints, ec);
    if (!ec)
      return true;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// The failure tested first, then `ec.failed()`: a std::error_code from an
// in-house call, doubling without a ceiling.
void submit_with_growing_delay(const ledger::Entry &e) {
  long delay_ms = 100;
  for (int attempt = 0; attempt < 6; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'ledger::submit' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'ledger::submit' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    std::error_code ec;
    ledger::submit(e, ec);
    if (ec) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      delay_ms *= 2;
      continue;
    }
    return;
  }
}

bool connect_until_not_failed(tcp::socket &sock,
                              const tcp::resolver::results_type &endpoints) {
  boost::system::error_code ec;
  for (int attempt = 0; attempt < 5; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'boost::asio::connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE+5]]:5: note: this delay does not grow with the attempt; double it per attempt up to a cap
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'boost::asio::connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    boost::asio::connect(sock, endpoints, ec);
    if (!ec.failed())
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

// ---- silent ---------------------------------------------------------------

// Capped, jittered, exponential backoff around a Beast write.
void write_with_backoff(beast::tcp_stream &stream,
                        const http::request<http::string_body> &req) {
  std::mt19937 rng(std::random_device{}());
  long delay_ms = 100;
  for (int attempt = 0; attempt < 5; ++attempt) {
    beast::error_code ec;
    http::write(stream, req, ec);
    if (!ec)
      return;
    std::uniform_int_distribution<long> jitter(0, delay_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms + jitter(rng)));
    delay_ms = std::min(delay_ms * 2, 5000L);
  }
}

// Trap: reads responses until the stream fails; it leaves only on a
// failure (read as a success, `if (ec) break;` would make this a retry).
void serve_responses(beast::tcp_stream &stream) {
  beast::flat_buffer buf;
  for (;;) {
    http::response<http::string_body> res;
    beast::error_code ec;
    http::read(stream, buf, res, ec);
    if (ec)
      break;
    handle(res);
  }
}

// Trap: goes round while the reads work, stops at the first error (EOF).
std::size_t drain(tcp::socket &sock) {
  boost::system::error_code ec;
  char chunk[512];
  std::size_t total = 0;
  while (!ec)
    total += sock.read_some(boost::asio::buffer(chunk), ec);
  return total;
}

// Trap: an error code the remote call does not fill in is no outcome of it.
void write_then_check_unrelated(beast::tcp_stream &stream,
                                const http::request<http::string_body> &req,
                                std::error_code &status) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    http::write(stream, req);
    if (!status)
      break;
  }
}
