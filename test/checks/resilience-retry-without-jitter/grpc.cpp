// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Retry loops around gRPC calls. The stub is written by hand the way protoc
// generates it: each method takes a grpc::ClientContext*, which is what makes
// it a remote call.
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/sync_stream.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

struct GetRequest { std::string key; };
struct GetReply { std::string value; };
struct ListRequest { std::string page_token; };
struct ListReply { std::vector<std::string> items; std::string next_page_token; };

class KvStub {
public:
  grpc::Status Get(grpc::ClientContext *ctx, const GetRequest &req, GetReply *reply);
  grpc::Status List(grpc::ClientContext *ctx, const ListRequest &req, ListReply *reply);
};

void set_deadline(grpc::ClientContext &ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
}

// ---- positives ------------------------------------------------------------

grpc::Status constant_sleep(KvStub &stub, const GetRequest &req, GetReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'KvStub::Get' waits a fixed interval between attempts; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'KvStub::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    grpc::ClientContext ctx;
    set_deadline(ctx);
    s = stub.Get(&ctx, req, reply);
    if (s.ok())
      return s;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return s;
}

// Exponential without a ceiling and without jitter, retrying only
// UNAVAILABLE (the shape of a public build tool's gRPC retry helper).
grpc::Status pow_backoff_only_unavailable(KvStub &stub, const GetRequest &req,
                                          GetReply *reply, int limit) {
  int n = 0;
  while (true) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'KvStub::Get' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'KvStub::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    grpc::ClientContext ctx;
    grpc::Status s = stub.Get(&ctx, req, reply);
    if (s.ok())
      return s;
    if (s.error_code() != grpc::StatusCode::UNAVAILABLE || n >= limit)
      return s;
    double ms = 100 * std::pow(1.6, n);
    std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long>(ms)));
    ++n;
  }
}

grpc::Status do_while_capped_no_jitter(KvStub &stub, const GetRequest &req,
                                       GetReply *reply) {
  const int kMaxAttempts = 4;
  int attempt = 0;
  grpc::Status s;
  std::chrono::milliseconds delay(50);
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'KvStub::Get' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    grpc::ClientContext ctx;
    s = stub.Get(&ctx, req, reply);
    if (s.ok())
      break;
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  } while (++attempt < kMaxAttempts);
  return s;
}

grpc::Status forever_with_good_delays(KvStub &stub, const GetRequest &req,
                                      GetReply *reply) {
  std::mt19937 rng(42);
  std::chrono::milliseconds backoff(100);
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'KvStub::Get' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    grpc::ClientContext ctx;
    grpc::Status s = stub.Get(&ctx, req, reply);
    if (s.ok())
      return s;
    std::uniform_int_distribution<long> jitter(0, backoff.count());
    std::this_thread::sleep_for(backoff + std::chrono::milliseconds(jitter(rng)));
    backoff = std::min(backoff * 2, std::chrono::milliseconds(30000));
  }
}

bool stub_call_in_condition(KvStub &stub, grpc::ClientContext &ctx,
                            const GetRequest &req, GetReply *reply) {
  int tries = 0;
  while (!stub.Get(&ctx, req, reply).ok() && tries++ < 5)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'KvStub::Get' retries immediately {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'KvStub::Get' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
    ;
  return tries <= 5;
}

// A generic helper: the RPC is a callable taking the context by reference;
// the metadata hook takes it too but returns nothing, so it is not the call.
void retry_invocation(
    const std::function<grpc::Status(grpc::ClientContext &)> &invoke,
    const std::function<void(grpc::ClientContext *)> &attach_metadata,
    int limit, int base_delay_ms) {
  int attempts = 0;
  grpc::Status status;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'invoke' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'invoke' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    grpc::ClientContext context;
    attach_metadata(&context);
    status = invoke(context);
    if (status.ok())
      return;
    if (attempts < limit) {
      int delay = static_cast<int>(base_delay_ms * std::pow(2.0, attempts));
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
    attempts++;
  } while (attempts < limit + 1);
}

// The delay comes from a configuration object defined elsewhere: its growth
// and jitter are unknown, so only the missing cap is reported.
struct RetrySettings {
  unsigned SleepSecondsFor(unsigned attempt) const;
};

grpc::Status opaque_delay_forever(const std::function<grpc::Status()> &call,
                                  const RetrySettings &settings) {
  for (unsigned attempt = 1;; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'call' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    grpc::Status status = call();
    if (status.ok() || status.error_code() != grpc::StatusCode::UNAVAILABLE)
      return status;
    std::this_thread::sleep_for(std::chrono::seconds(settings.SleepSecondsFor(attempt)));
  }
}

// ---- correct loops: silent ------------------------------------------------

// The settings compute the delay (named like a sleep, but returning a value:
// it does not wait); the attempts are capped.
grpc::Status opaque_delay_capped(const std::function<grpc::Status()> &call,
                                 const RetrySettings &settings, unsigned max) {
  grpc::Status status;
  for (unsigned attempt = 1; attempt <= max; ++attempt) {
    status = call();
    if (status.ok())
      break;
    unsigned secs = settings.SleepSecondsFor(attempt);
    std::this_thread::sleep_for(std::chrono::seconds(secs));
  }
  return status;
}

// Initial 1 s doubled up to 60 s, plus a uniform jitter, at most N attempts
// (the shape of a public build system's remote retry).
grpc::Status reference_retry(KvStub &stub, const GetRequest &req,
                             GetReply *reply, unsigned max_attempts) {
  std::random_device rd;
  std::mt19937 gen(rd());
  grpc::Status s;
  for (unsigned attempt = 1; attempt <= max_attempts; ++attempt) {
    grpc::ClientContext ctx;
    set_deadline(ctx);
    s = stub.Get(&ctx, req, reply);
    if (s.ok() || (s.error_code() != grpc::StatusCode::UNAVAILABLE &&
                   s.error_code() != grpc::StatusCode::DEADLINE_EXCEEDED))
      return s;
    unsigned backoff = std::min(1u << (attempt - 1), 60u);
    std::uniform_int_distribution<unsigned> dist(0, 3 * backoff);
    std::this_thread::sleep_for(std::chrono::seconds(backoff + dist(gen)));
  }
  return s;
}

grpc::Status deadline_and_full_jitter(KvStub &stub, const GetRequest &req,
                                      GetReply *reply) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::minstd_rand rng;
  int attempt = 0;
  grpc::Status s;
  while (std::chrono::steady_clock::now() < deadline) {
    grpc::ClientContext ctx;
    s = stub.Get(&ctx, req, reply);
    if (s.ok())
      break;
    long cap = std::min(5000L, 50L << attempt++);
    std::uniform_int_distribution<long> full(0, cap);
    std::this_thread::sleep_for(std::chrono::milliseconds(full(rng)));
  }
  return s;
}

// The delay budget doubles each time and the loop gives up once it passes a
// limit: that comparison is both the cap and the ceiling.
grpc::Status debt_doubles_until_limit(KvStub &stub, const GetRequest &req,
                                      GetReply *reply) {
  grpc::Status s;
  int debt_s = 1;
  while (true) {
    grpc::ClientContext ctx;
    s = stub.Get(&ctx, req, reply);
    if (s.error_code() == grpc::StatusCode::UNAVAILABLE) {
      double wait_s = debt_s + static_cast<double>(std::rand()) / RAND_MAX;
      if (debt_s < 32)
        debt_s *= 2;
      else
        break;
      std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
      continue;
    }
    break;
  }
  return s;
}

// ---- not retry loops: silent ----------------------------------------------

// Pagination: the next request carries the page token of the last reply.
std::vector<std::string> list_all(KvStub &stub) {
  std::vector<std::string> out;
  ListRequest req;
  ListReply reply;
  for (;;) {
    grpc::ClientContext ctx;
    grpc::Status s = stub.List(&ctx, req, &reply);
    if (!s.ok())
      break;
    out.insert(out.end(), reply.items.begin(), reply.items.end());
    if (s.ok() && reply.next_page_token.empty())
      break;
    req.page_token = reply.next_page_token;
  }
  return out;
}

// Different keys, one call each.
int count_present(KvStub &stub, const std::vector<std::string> &keys) {
  int found = 0;
  GetRequest req;
  GetReply reply;
  for (size_t i = 0; i < keys.size(); ++i) {
    req.key = keys[i];
    grpc::ClientContext ctx;
    if (stub.Get(&ctx, req, &reply).ok()) {
      ++found;
      break;
    }
  }
  return found;
}

// Fan-out over replicas.
bool any_replica(std::vector<KvStub> &replicas, const GetRequest &req, GetReply *reply) {
  for (KvStub &r : replicas) {
    grpc::ClientContext ctx;
    if (r.Get(&ctx, req, reply).ok())
      return true;
  }
  return false;
}

// A completion-queue event loop.
void drain(grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
    if (!ok)
      continue;
  }
}

// Reading a server stream message by message.
int read_stream(grpc::ClientReader<grpc::ByteBuffer> *reader) {
  grpc::ByteBuffer msg;
  int n = 0;
  while (reader->Read(&msg))
    ++n;
  grpc::Status s = reader->Finish();
  return s.ok() ? n : -1;
}
