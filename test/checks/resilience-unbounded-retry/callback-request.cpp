// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// A loop whose next request comes back from a retry callback
// (`request = shouldRetry(status, response); if (!request) throw ...;`)
// repeats the same operation: the callback decides whether to go again, it
// does not advance to another target. A pagination loop, whose next request
// is read from the response, is not a retry.
#include <curl/curl.h>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

struct Request {
  std::string url;
};
struct Response {
  long status = 0;
  std::string next;
};

static Response send_request(CURL *h, const Request &r) {
  curl_easy_setopt(h, CURLOPT_URL, r.url.c_str());
  Response resp;
  if (curl_easy_perform(h) == CURLE_OK)
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp.status);
  return resp;
}

using RetryCallback =
    std::function<std::optional<Request>(long, const Response &)>;

// ---- positives ---------------------------------------------------------------

Response call_with_callback(CURL *h, Request first,
                            const RetryCallback &shouldRetry) {
  std::optional<Request> request = first;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'send_request' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'send_request' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'send_request' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    Response response = send_request(h, *request);
    if (response.status == 200)
      return response;
    request = shouldRetry(response.status, response);
    if (!request)
      throw std::runtime_error("gave up");
  }
}

std::optional<Request> ShouldRetryRequest(long status, const Request &r);

Response call_with_policy_function(CURL *h, Request first) {
  std::optional<Request> request = first;
  while (request) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'send_request' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'send_request' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'send_request' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    Response response = send_request(h, *request);
    if (response.status == 200)
      return response;
    request = ShouldRetryRequest(response.status, *request);
  }
  throw std::runtime_error("gave up");
}

// ---- traps: the next request is another page ---------------------------------

void fetch_all_pages(CURL *h, Request first) {
  Request request = first;
  while (true) {
    Response response = send_request(h, request);
    if (response.status != 200 || response.next.empty())
      return;
    request.url = response.next;
  }
}

std::optional<Request> nextPage(const Response &r);

void fetch_pages_through_a_function(CURL *h, Request first) {
  std::optional<Request> request = first;
  while (request) {
    Response response = send_request(h, *request);
    if (response.status != 200)
      return;
    request = nextPage(response);
  }
}
