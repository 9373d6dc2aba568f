// Reads product data from the catalog service over cpp-httplib.
//
// The retry loop is written the way a reviewer wants it: a capped number of
// attempts, exponential backoff with a ceiling, random jitter, and only the
// failures a retry can fix are retried (no response, 408, 429, 5xx), so
// nothing is reported about it. The client, though, keeps cpp-httplib's defaults: 300
// seconds per read, with no overall bound on a response that trickles in.
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <thread>

namespace {
constexpr int kMaxAttempts = 4;
constexpr std::chrono::milliseconds kBaseDelay{100};
constexpr std::chrono::milliseconds kMaxDelay{2000};
} // namespace

std::optional<std::string> fetch_product(const std::string &id) {
  httplib::Client catalog("http://catalog.internal:8080");
  std::mt19937 rng{std::random_device{}()};
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto res = catalog.Get("/v1/products/" + id);
    if (res && res->status == 200)
      return res->body;
    if (res && res->status < 500 && res->status != 408 && res->status != 429)
      return std::nullopt; // a client error fails the same way every time
    auto backoff = std::min(kMaxDelay, kBaseDelay * (1 << attempt));
    std::uniform_int_distribution<long> jitter(0, backoff.count());
    std::this_thread::sleep_for(backoff + std::chrono::milliseconds(jitter(rng)));
  }
  return std::nullopt;
}
