// RUN: %check_resilience %s resilience-unbounded-wait %t -- --quiet -- -std=c++17
// cpprestsdk: a task's get() / wait() on http_client::request is bounded by
// the client's timeout (30 s by default). A zero timeout is no usable bound,
// but it fails at once rather than parking the thread (resilience-missing-
// timeout reports it): nothing here is an unbounded wait.
#include <chrono>
#include <cpprest/http_client.h>

using web::http::methods;
using web::http::status_code;
using web::http::client::http_client;
using web::http::client::http_client_config;

status_code default_timeout() {
  http_client client(U("https://api.example.com"));
  return client.request(methods::GET, U("/v1/items")).get().status_code();
}

void configured_timeout() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::seconds(5));
  http_client client(U("https://api.example.com"), cfg);
  auto task = client.request(methods::GET, U("/v1/items"));
  task.wait();
}

void continuation() {
  http_client client(U("https://api.example.com"));
  client.request(methods::GET)
      .then([](web::http::http_response r) { return r.status_code(); })
      .get();
}

void zero_timeout_fails_fast() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::seconds(0));
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET).wait();
}

void hours_timeout_is_still_bounded() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::hours(2));
  http_client client(U("https://api.example.com"), cfg);
  client.request(methods::GET).get();
}

// A task of local work.
int local_task() {
  return pplx::create_task([] { return 6 * 7; }).get();
}
