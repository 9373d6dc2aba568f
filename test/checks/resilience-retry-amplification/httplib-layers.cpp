// RUN: %check_resilience %s resilience-retry-amplification %t -- --quiet --config="{CheckOptions: {resilience-retry-amplification.RetryingClients: 'infra::ResilientHttp::get=3'}}" -- -std=c++17
// Three layers through methods of one class, and an in-house retrying
// client declared in an option.
#include <httplib.h>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

static void pause_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

namespace infra {
class ResilientHttp {
public:
  int get(const std::string &path);
};
} // namespace infra

class Inventory {
public:
  // ---- positives ----------------------------------------------------------
  int fetch(const std::string &path) {
    for (int i = 0; i < 3; ++i) {
      auto res = cli_.Get(path);
      if (res && res->status < 500)
        return res->status;
      pause_ms(100 << i);
    }
    return -1;
  }

  int lookup(const std::string &sku) {
    int status = -1;
    for (int i = 0; i < 3; ++i) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop around 'Inventory::fetch' retries a call that retries again: up to 3 x 3 = 9 requests per call reach 'Client::Get'; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
    // CHECK-MESSAGES: :[[@LINE+3]]:16: note: each attempt calls 'Inventory::fetch' here
    // CHECK-MESSAGES: :[[@LINE-14]]:5: note: 'Client::Get' is retried again by this loop (up to 3 attempts)
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
      status = fetch("/sku/" + sku);
      if (status > 0)
        return status;
      pause_ms(200 << i);
    }
    return status;
  }

  // The third layer: 3 x 3 x 3 = 27.
  bool handle(const std::string &sku) {
    for (int i = 0; i < 3; ++i) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop around 'Inventory::lookup' retries a call that retries again: up to 3 x 3 x 3 = 27 requests per call reach 'Client::Get'; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
    // CHECK-MESSAGES: :[[@LINE+4]]:11: note: each attempt calls 'Inventory::lookup' here
    // CHECK-MESSAGES: :[[@LINE-18]]:5: note: 'Inventory::fetch' is retried again by this loop (up to 3 attempts)
    // CHECK-MESSAGES: :[[@LINE-30]]:5: note: 'Client::Get' is retried again by this loop (up to 3 attempts)
    // CHECK-MESSAGES: :[[@LINE-5]]:5: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
      if (lookup(sku) > 0)
        return true;
      pause_ms(400 << i);
    }
    return false;
  }

  // A loop around the declared retrying client.
  int via_resilient(const std::string &path) {
    int status = -1;
    for (int i = 0; i < 2; ++i) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop around 'ResilientHttp::get' retries a call that retries again: up to 2 x 3 = 6 requests per call reach the dependency; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
    // CHECK-MESSAGES: :[[@LINE+2]]:16: note: 'infra::ResilientHttp::get' retries by itself (up to 3 attempts; declared in option RetryingClients)
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
      status = resilient_.get(path);
      if (status > 0 && status < 500)
        return status;
      pause_ms(100 << i);
    }
    return status;
  }

  // ---- negatives ----------------------------------------------------------

  // The inner loop walks a list of mirrors: not a retry.
  int first_mirror(const std::vector<std::string> &mirrors) {
    for (const std::string &m : mirrors) {
      httplib::Client c(m);
      c.set_read_timeout(2, 0);
      auto res = c.Get("/catalog");
      if (res)
        return res->status;
    }
    return -1;
  }

  int catalog(const std::vector<std::string> &mirrors) {
    int status = -1;
    for (int i = 0; i < 3; ++i) {
      status = first_mirror(mirrors);
      if (status > 0)
        return status;
      pause_ms(100 << i);
    }
    return status;
  }

private:
  httplib::Client cli_{"http://inventory.internal:8080"};
  infra::ResilientHttp resilient_;
};

