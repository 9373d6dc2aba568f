// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17
// cpp-httplib clients: bounded by default, but only by 300 s per read.
#include <httplib.h>
#include <chrono>
#include <memory>
#include <string>

// ---- positives ------------------------------------------------------------

void nothing_set() {
  httplib::Client cli("http://api.example.com");
  auto res = cli.Get("/v1/items");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Get' sends an HTTP request on client 'cli' that has no read timeout; cpp-httplib then waits up to its default of 300 s for each read and sets no overall limit (a long library default), so a slow server holds this thread for minutes [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: call set_read_timeout (each read) or set_max_timeout (the whole request, cpp-httplib 0.15 and later) on 'cli' before this call
}

void connect_timeout_only() {
  httplib::Client cli("api.example.com", 8080);
  cli.set_connection_timeout(2, 0);
  cli.Post("/v1/orders", "{}", "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Post' sends an HTTP request on client 'cli' that has only a connect timeout, which bounds the connect phase and not the transfer; cpp-httplib then waits up to its default of 300 s
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: only the connect timeout is set here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call set_read_timeout
}

// Look-alikes: none of these bounds a read.
void look_alike_settings() {
  httplib::Client cli("http://api.example.com");
  cli.set_write_timeout(std::chrono::seconds(5));
  cli.set_keep_alive(true);
  cli.set_follow_location(true);
  cli.Delete("/v1/items/7");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Delete' sends an HTTP request on client 'cli' that has no read timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call set_read_timeout
}

void heap_client_never_configured() {
  auto cli = std::make_unique<httplib::Client>("http://api.example.com");
  httplib::Request req;
  req.method = "GET";
  req.path = "/health";
  httplib::Response res;
  httplib::Error err;
  cli->send(req, res, err);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'send' sends an HTTP request on client 'cli' that has no read timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call set_read_timeout
}

static void add_auth(httplib::Client &c) { c.set_bearer_token_auth("t0ken"); }

void helper_that_sets_no_timeout() {
  httplib::Client cli("http://api.example.com");
  add_auth(cli);
  cli.Put("/v1/items/7", "{}", "application/json");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Put' sends an HTTP request on client 'cli' that has no read timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call set_read_timeout
}

class Inventory {
public:
  Inventory() : cli_("http://inventory.internal") { cli_.set_keep_alive(true); }
  bool alive() {
    return static_cast<bool>(cli_.Head("/ping"));
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Head' sends an HTTP request on client 'cli_' that has no read timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:30: note: call set_read_timeout
  }

private:
  httplib::Client cli_;
};

// ---- negatives ----------------------------------------------------------------

void read_timeout_seconds() {
  httplib::Client cli("http://api.example.com");
  cli.set_read_timeout(5, 0);
  cli.Get("/v1/items");
}

void read_timeout_chrono() {
  httplib::Client cli("http://api.example.com");
  cli.set_connection_timeout(std::chrono::seconds(1));
  cli.set_read_timeout(std::chrono::milliseconds(1500));
  cli.Patch("/v1/items/7", "{}", "application/json");
}

class Billing {
public:
  Billing() : cli_("http://billing.internal") { cli_.set_read_timeout(3, 0); }
  void charge() { cli_.Post("/v1/charges", "{}", "application/json"); }

private:
  httplib::Client cli_;
};

static void harden(httplib::Client &c) { c.set_read_timeout(2, 0); }

void configured_by_a_helper() {
  httplib::Client cli("http://api.example.com");
  harden(cli);
  cli.Options("/v1/items");
}

static std::unique_ptr<httplib::Client> make_client(const std::string &host) {
  auto c = std::make_unique<httplib::Client>(host);
  c->set_read_timeout(std::chrono::seconds(4));
  return c;
}

void client_from_a_factory() {
  auto cli = make_client("http://api.example.com");
  cli->Get("/v1/items");
}

static httplib::Client make_value_client() {
  httplib::Client c("http://api.example.com");
  c.set_read_timeout(1, 500000);
  return c;
}

void value_client_from_a_factory() {
  httplib::Client cli = make_value_client();
  cli.Get("/v1/items");
}

// A client handed in by the caller is configured out of sight: silent.
void uses_a_given_client(httplib::Client &cli) { cli.Get("/v1/items"); }
