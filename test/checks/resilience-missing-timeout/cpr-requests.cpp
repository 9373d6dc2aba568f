// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17 -isystem %S/Inputs
// cpr (no Debian package): Inputs/cpr/cpr.h models its public API.
#include <cpr/cpr.h>
#include <chrono>
#include <string>

// ---- positives ------------------------------------------------------------

void plain_get() {
  cpr::Response r = cpr::Get(cpr::Url{"https://api.example.com/v1/items"});
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'Get' sends an HTTP request with no total timeout among its arguments; cpr sets no timeout by default and libcurl's default is never (no bound at all), so a stalled server blocks this call forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: pass a cpr::Timeout (or cpr::LowSpeed) among the arguments of this call
}

void zero_timeout_means_never() {
  cpr::Post(cpr::Url{"https://api.example.com/v1/orders"}, cpr::Body{"{}"},
            cpr::Timeout{0});
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'Post' sends an HTTP request with a total timeout of 0, which cpr reads as 'never'; nothing else bounds this call, so a stalled peer can hold it forever
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: the total timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: pass a cpr::Timeout
}

// Look-alikes: a connect timeout, TLS verification and headers.
void look_alike_options() {
  auto f = cpr::GetAsync(cpr::Url{"https://api.example.com"},
                         cpr::ConnectTimeout{std::chrono::seconds(2)},
                         cpr::VerifySsl{true},
                         cpr::Header{{"Accept", "application/json"}});
  // CHECK-MESSAGES: :[[@LINE-4]]:12: warning: 'GetAsync' sends an HTTP request with no total timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: pass a cpr::Timeout
  f.get();
}

void session_without_timeout() {
  cpr::Session s;
  s.SetUrl(cpr::Url{"https://api.example.com/v1/items"});
  s.SetConnectTimeout(cpr::ConnectTimeout{1000});
  s.Get();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Get' sends an HTTP request on session 's' that has no total timeout; cpr sets no timeout by default
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: call SetTimeout (or SetLowSpeed) on 's' before this call
}

void session_timeout_zero() {
  cpr::Session s;
  s.SetTimeout(cpr::Timeout{0});
  s.Delete();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Delete' sends an HTTP request on session 's' whose total timeout is set to 0, which cpr reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the total timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: call SetTimeout
}

class Catalog {
public:
  Catalog() { s_.SetOption(cpr::Url{"https://catalog.internal"}); }
  cpr::Response list() {
    return s_.Get();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'Get' sends an HTTP request on session 's_' that has no total timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: call SetTimeout
  }

private:
  cpr::Session s_;
};

void callback_without_timeout() {
  cpr::PutCallback([](cpr::Response r) { return r.status_code; },
                   cpr::Url{"https://api.example.com/v1/items/1"});
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: 'PutCallback' sends an HTTP request with no total timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a cpr::Timeout
}

// ---- negatives ----------------------------------------------------------------

void get_with_timeout() {
  cpr::Get(cpr::Url{"https://api.example.com"}, cpr::Timeout{std::chrono::seconds(5)});
  cpr::Patch(cpr::Url{"https://api.example.com"}, cpr::Body{"{}"}, cpr::Timeout{2500});
  cpr::HeadAsync(cpr::Url{"https://api.example.com"}, cpr::LowSpeed{1024, 10});
}

void session_with_timeout() {
  cpr::Session s;
  s.SetUrl(cpr::Url{"https://api.example.com"});
  s.SetTimeout(std::chrono::milliseconds(800));
  s.Post();
}

void session_option_timeout() {
  cpr::Session s;
  s.SetOption(cpr::Timeout{3000});
  s.Put();
}

static void harden(cpr::Session &s) { s.SetLowSpeed(cpr::LowSpeed{1, 30}); }

void session_from_a_helper() {
  cpr::Session s;
  harden(s);
  s.Patch();
}

class Ledger {
public:
  Ledger() { s_.SetTimeout(cpr::Timeout{std::chrono::seconds(3)}); }
  cpr::Response balance() { return s_.Get(); }

private:
  cpr::Session s_;
};

// A session handed in by the caller is configured out of sight: silent.
void given_session(cpr::Session &s) { s.Head(); }

static cpr::Session make_session() {
  cpr::Session s;
  s.SetTimeout(cpr::Timeout{2000});
  return s;
}

void session_from_a_factory() {
  cpr::Session s = make_session();
  s.Get();
}
