// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t -- --config="{}" -- -I%S/Inputs
// Retry loops around cpr's free functions (declared in a stand-in header:
// cpr has no Debian package).
#include <cpr/cpr.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <thread>

cpr::Response post_until_2xx(const std::string &url) {
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'cpr::Post' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'cpr::Post' retries with no delay {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'cpr::Post' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    cpr::Response r = cpr::Post(cpr::Url{url}, cpr::Body{"{}"});
    if (r.status_code >= 200 && r.status_code < 300)
      return r;
  }
}

cpr::Response get_on_transport_errors(const std::string &url) {
  cpr::Response r;
  int attempts = 0;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'cpr::Get' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'cpr::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    r = cpr::Get(cpr::Url{url});
    if (!r.error)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100 << attempts));
  } while (++attempts < 5 && r.error.code == cpr::ErrorCode::OPERATION_TIMEDOUT);
  return r;
}

// Leaves as soon as the transport succeeded: `r.error` is the failure test.
cpr::Response until_no_transport_error(const std::string &url) {
  cpr::Response r;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'cpr::Get' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'cpr::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'cpr::Get' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    r = cpr::Get(cpr::Url{url});
    if (!r.error)
      return r;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

cpr::Response get_with_full_jitter(const std::string &url) {
  cpr::Response r;
  for (int attempt = 0; attempt < 5; ++attempt) {
    r = cpr::Get(cpr::Url{url});
    if (r.status_code == 200)
      break;
    long cap = std::min(50L << attempt, 3000L);
    std::this_thread::sleep_for(std::chrono::milliseconds(std::rand() % (cap + 1)));
  }
  return r;
}

// Pages: the next URL comes from the response.
int count_pages(std::string url) {
  int pages = 0;
  while (!url.empty()) {
    cpr::Response r = cpr::Get(cpr::Url{url});
    if (r.status_code != 200)
      break;
    ++pages;
    url = r.text;
  }
  return pages;
}
