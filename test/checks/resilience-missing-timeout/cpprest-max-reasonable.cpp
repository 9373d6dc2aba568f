// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet --config="{CheckOptions: {resilience-missing-timeout.MaxReasonableTimeoutMs: 86400000}}" -- -std=c++17
// MaxReasonableTimeoutMs moves the line between a long and an absurd timeout.
#include <chrono>
#include <cpprest/http_client.h>

using web::http::methods;
using web::http::client::http_client;
using web::http::client::http_client_config;

void two_hours_are_fine_now() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::hours(2));
  http_client client(U("https://reports.example.com"), cfg);
  client.request(methods::GET);
}

void two_days_are_not() {
  http_client_config cfg;
  cfg.set_timeout(std::chrono::hours(48));
  http_client client(U("https://reports.example.com"), cfg);
  client.request(methods::GET);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'request' sends an HTTP request on client 'client' whose timeout is set to more than 86400000 ms (option MaxReasonableTimeoutMs)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the timeout is set to a longer value here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the http_client_config
}
