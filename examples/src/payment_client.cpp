// Charges a customer through a payment provider's HTTP API.
//
// The anti-pattern: the client is configured in its constructor, but never
// with a timeout, so one slow response from the provider holds the request
// thread forever; under load every worker ends up waiting on the provider.
#include "http_client.h"
#include <chrono>
#include <thread>

HttpClient::HttpClient(std::string base_url)
    : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT_MS, 2000L); // connect only
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

CURLcode HttpClient::post_json(const std::string &path, const std::string &body) {
  std::string url = base_url_ + path;
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
  return curl_easy_perform(curl_);
}

bool charge(HttpClient &client, const std::string &payload) {
  for (int attempt = 0;; ++attempt) {
    if (client.post_json("/v1/charges", payload) == CURLE_OK)
      return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}
