// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17
// cpprestsdk: a 30 s default per send and receive; only an explicit zero or
// an absurd http_client_config timeout is reported.
#include <chrono>
#include <memory>
#include <cpprest/http_client.h>

using namespace std::chrono_literals;
using web::http::methods;
using web::http::client::http_client;
using web::http::client::http_client_config;

// ---- positives ------------------------------------------------------------

void zero_timeout() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::seconds(0));
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET, U("/v1/items"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'request' sends an HTTP request on client 'client' whose timeout is set to 0, which is not a usable bound; cpprestsdk waits 30 s per send or receive by default [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the http_client_config of 'client' a timeout of seconds (set_timeout(std::chrono::seconds(30))), or keep cpprestsdk's default of 30 s by not setting it
}

void hours_long_timeout() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::hours(2));
  http_client client(U("https://reports.example.com"), cfg);
  client.request(methods::POST, U("/v1/reports"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'request' sends an HTTP request on client 'client' whose timeout is set to more than 3600000 ms (option MaxReasonableTimeoutMs), so a stalled peer holds it that long; cpprestsdk waits 30 s per send or receive by default [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the timeout is set to a longer value here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the http_client_config of 'client'
}

void literal_of_a_day() {
  http_client_config cfg;
  const auto day = 24h;
  cfg.set_timeout(day);
  auto client = std::make_shared<http_client>(U("https://batch.example.com"), cfg);
  client->request(methods::GET);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'request' sends an HTTP request on client 'client' whose timeout is set to more than 3600000 ms
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the timeout is set to a longer value here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the http_client_config of 'client'
}

static void tune(http_client_config &c) { c.set_timeout(std::chrono::milliseconds(0)); }

void zero_from_a_helper() {
  http_client_config cfg;
  tune(cfg);
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::DEL, U("/v1/items/7"));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'request' sends an HTTP request on client 'client' whose timeout is set to 0, which is not a usable bound
  // CHECK-MESSAGES: :[[@LINE-8]]:43: note: the timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the http_client_config of 'client'
}

static http_client_config slow_config() {
  http_client_config c;
  c.set_timeout(std::chrono::minutes(90));
  return c;
}

// A client kept in a class, built in the constructor from a factory's config.
class ReportApi {
public:
  ReportApi() : client_(U("https://reports.example.com"), slow_config()) {}
  void fetch() {
    client_.request(methods::GET, U("/v1/report"));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'request' sends an HTTP request on client 'client_' whose timeout is set to more than 3600000 ms
    // CHECK-MESSAGES: :[[@LINE-11]]:3: note: the timeout is set to a longer value here
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: give the http_client_config of 'client_'
  }

private:
  http_client client_;
};

// ---- negatives ----------------------------------------------------------------

// No config: cpprestsdk's 30 s default applies.
void default_config() {
  http_client client(U("https://api.example.com"));
  client.request(methods::GET);
}

void sane_timeout() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::seconds(10));
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::PUT, U("/v1/items/1"));
}

// Exactly the threshold is not more than it.
void one_hour_is_the_limit() {
  http_client_config cfg;
  cfg.set_timeout(1h);
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET);
}

// Look-alikes: zeros that are not timeouts.
void look_alike_zeros() {
  http_client_config cfg;
  cfg.set_chunksize(0);
  cfg.set_max_redirects(0);
  cfg.set_validate_certificates(false);
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET);
}

// The zero config never reaches this client.
void zero_on_another_config() {
  http_client_config used, unused;
  used.set_timeout(std::chrono::seconds(5));
  unused.set_timeout(std::chrono::seconds(0));
  http_client client(U("https://api.example.com"), used);
  client.request(methods::GET);
}

// The client copies its config when it is built: a later change is not its.
void config_changed_after_construction() {
  http_client_config cfg;
  http_client client(U("https://api.example.com"), cfg);
  cfg.set_timeout(std::chrono::seconds(0));
  client.request(methods::GET);
}

// A config handed in by the caller is out of sight, and so is its timeout.
void given_config(const http_client_config &cfg) {
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET);
}

static http_client_config fast_config() {
  http_client_config c;
  c.set_timeout(std::chrono::milliseconds(1500));
  return c;
}

class FastApi {
public:
  FastApi() : client_(U("https://api.example.com"), fast_config()) {}
  void fetch() { client_.request(methods::GET); }

private:
  http_client client_;
};
