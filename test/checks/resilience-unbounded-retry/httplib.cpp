// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Retry loops around cpp-httplib clients.
#include <httplib.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

using namespace std::chrono_literals;

// ---- positives ------------------------------------------------------------

void wait_until_healthy(httplib::Client &cli) {
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'Client::Get' has no attempt cap and no deadline; it retries for as long as the dependency is down [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE+2]]:16: note: 'Client::Get' is retried here
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: stop after a maximum number of attempts or an overall deadline
    auto res = cli.Get("/health");
    if (res && res->status == 200)
      return;
    sleep(1);
  }
}

int counter_never_compared(httplib::Client &cli, const std::string &body) {
  for (int i = 0;; ++i) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Post' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Post' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'Client::Post' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
  // CHECK-MESSAGES: :[[@LINE-4]]:12: note: 'i' counts the attempts but is never compared with a limit
    auto res = cli.Post("/orders", body, "application/json");
    if (res)
      return res->status;
    std::this_thread::sleep_for(100ms * (1 << i));
  }
}

int retry_on_5xx_only_hot(httplib::Client &cli) {
  for (int attempt = 0; attempt < 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' retries with no delay {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/items");
    if (!res || res->status >= 500)
      continue;
    return res->status;
  }
  return -1;
}

int error_enum_constant_delay_deadline(httplib::Client &cli) {
  auto start = std::chrono::steady_clock::now();
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Client::Get' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'Client::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    auto res = cli.Get("/v1/config");
    if (res.error() == httplib::Error::Success)
      return res->status;
    if (std::chrono::steady_clock::now() - start > 20s)
      return -1;
    std::this_thread::sleep_for(500ms);
  }
}

static bool retryable_status(int status) {
  return status == 429 || status == 502 || status == 503 || status == 504;
}

// The request comes in as a callable; its httplib::Result makes it one.
httplib::Result send_with_fixed_pause(const std::function<httplib::Result()> &send) {
  httplib::Result res = send();
  for (int attempt = 1; attempt < 4; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'send' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'send' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    res = send();
    if (res && !retryable_status(res->status))
      return res;
    std::this_thread::sleep_for(250ms);
  }
  return res;
}

// ---- correct loops: silent ------------------------------------------------

static long equal_jitter_ms(long base_ms, int attempt, long cap_ms) {
  static std::mt19937 gen(std::random_device{}());
  long half = std::min(base_ms << attempt, cap_ms) / 2;
  std::uniform_int_distribution<long> extra(0, half);
  return half + extra(gen);
}

httplib::Result send_with_equal_jitter(const std::function<httplib::Result()> &send) {
  httplib::Result res = send();
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (res && !retryable_status(res->status))
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(equal_jitter_ms(100, attempt, 8000)));
    res = send();
  }
  return res;
}

int capped_jittered(httplib::Client &cli) {
  long delay_ms = 100;
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto res = cli.Get("/v1/items");
    if (res && res->status < 500)
      return res->status;
    long wait = std::min(delay_ms << attempt, 10000L);
    wait = wait / 2 + std::rand() % (wait / 2 + 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
  return -1;
}

// ---- not retry loops: silent ----------------------------------------------

void keep_alive(httplib::Client &cli, const bool &running) {
  while (running) {
    auto res = cli.Get("/ping");
    if (!res)
      std::fprintf(stderr, "ping failed\n");
    std::this_thread::sleep_for(30s);
  }
}

int first_path_that_works(httplib::Client &cli, const std::vector<std::string> &paths) {
  for (size_t i = 0; i < paths.size(); ++i) {
    auto res = cli.Get(paths[i]);
    if (res && res->status == 200)
      return static_cast<int>(i);
  }
  return -1;
}

int paged(httplib::Client &cli) {
  int total = 0;
  for (int page = 1;; ++page) {
    auto res = cli.Get("/items?page=" + std::to_string(page));
    if (!res || res->status != 200)
      return -1;
    if (res->body == "[]")
      return total;
    total += 1;
  }
}

int each_client(std::vector<httplib::Client *> &clients) {
  int ok = 0;
  for (httplib::Client *c : clients)
    if (auto res = c->Get("/")) {
      ++ok;
      break;
    }
  return ok;
}
