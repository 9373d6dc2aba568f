// RUN: %check_resilience %s resilience-retry-non-retryable,resilience-missing-idempotency-key %t -- --quiet -- -std=c++17
// A libcurl POST helper whose URL comes from its callers: a retried payment
// POST is resilience-missing-idempotency-key's finding alone; a retried POST
// to another endpoint is this check's.
#include <curl/curl.h>
#include <string>
#include <unistd.h>

class ApiClient {
public:
  explicit ApiClient(std::string base) : base_(std::move(base)) {
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, 5000L);
  }

  CURLcode post_json(const std::string &path, const std::string &body) {
    std::string url = base_ + path;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());
    return curl_easy_perform(curl_);
  }

private:
  std::string base_;
  CURL *curl_;
};

// ---- positive: a message posted again without a key ----------------------
bool send_message(ApiClient &api, const std::string &json) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (api.post_json("/v1/messages", json) == CURLE_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: POST to '{base_}{path}' via libcurl is retried without an idempotency key; when a response is lost after the server applied the request, the retry applies it again (a duplicate order, message or record) [resilience-retry-non-retryable]
    // CHECK-MESSAGES: :[[@LINE-13]]:12: note: the POST is sent here
    // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the request is retried by this loop
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: create a key once, before the loop, and send it on every attempt (an 'Idempotency-Key' header, if the server honours one), or retry only failures that prove the request was not applied
      return true;
    usleep(100000u << attempt);
  }
  return false;
}

// ---- negative: the payment case belongs to missing-idempotency-key --------
bool charge(ApiClient &api, const std::string &json) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (api.post_json("/v1/charges", json) == CURLE_OK)
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: POST to payment endpoint '{base_}/v1/charges' (Stripe) via libcurl in 'ApiClient::post_json' without an idempotency key; a retry after a timeout can charge the customer twice [resilience-missing-idempotency-key]
    // CHECK-MESSAGES: :[[@LINE-27]]:12: note: the POST is sent here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: create the key once per logical operation and send it as the 'Idempotency-Key' header on every attempt
      return true;
    usleep(100000u << attempt);
  }
  return false;
}

// ---- negative: the key is sent on every attempt ---------------------------
bool send_message_with_key(CURL *h, const std::string &json,
                           const std::string &key) {
  struct curl_slist *headers = nullptr;
  headers = curl_slist_append(headers, ("Idempotency-Key: " + key).c_str());
  curl_easy_setopt(h, CURLOPT_URL, "https://chat.example.com/v1/messages");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_POSTFIELDS, json.c_str());
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 5000L);
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (curl_easy_perform(h) == CURLE_OK)
      return true;
    usleep(100000u << attempt);
  }
  return false;
}
