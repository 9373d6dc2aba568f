// RUN: mkdir -p %t.gen && protoc -I%S/../resilience-missing-timeout/Inputs --cpp_out=%t.gen --grpc_out=%t.gen --plugin=protoc-gen-grpc=$(which grpc_cpp_plugin) %S/../resilience-missing-timeout/Inputs/greeter.proto
// RUN: %check_resilience %s resilience-retry-amplification %t -- --quiet -- -std=c++17 -I%t.gen
// Retry layers around gRPC calls on a stub generated from greeter.proto.
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <grpcpp/grpcpp.h>
#include "greeter.grpc.pb.h"

using demo::Greeter;
using demo::HelloReply;
using demo::HelloRequest;

static void deadline(grpc::ClientContext &ctx) {
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

static void pause_ms(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// ---- positives ------------------------------------------------------------

// Two layers in different functions: 4 x 3 = 12 calls of SayHello.
grpc::Status say_hello_with_retries(Greeter::Stub &stub, const HelloRequest &req,
                                    HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
    pause_ms(100 << attempt);
  }
  return s;
}

grpc::Status greet_handler(Greeter::Stub &stub, const HelloRequest &req,
                           HelloReply *reply) {
  grpc::Status s;
  for (int i = 0; i < 4; ++i) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'say_hello_with_retries' retries a call that retries again: up to 4 x 3 = 12 requests per call reach 'Stub::SayHello'; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: each attempt calls 'say_hello_with_retries' here
  // CHECK-MESSAGES: :[[@LINE-17]]:3: note: 'Stub::SayHello' is retried again by this loop (up to 3 attempts)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
    s = say_hello_with_retries(stub, req, reply);
    if (s.ok())
      return s;
    pause_ms(200);
  }
  return s;
}

// A lambda layer: the inner retry is a lambda called by the outer loop.
grpc::Status lambda_layer(Greeter::Stub &stub, const HelloRequest &req,
                          HelloReply *reply) {
  auto call_with_retry = [&]() {
    grpc::Status s;
    int n = 0;
    while (n < 5) {
      grpc::ClientContext ctx;
      deadline(ctx);
      s = stub.SayHello(&ctx, req, reply);
      if (s.ok())
        break;
      ++n;
      pause_ms(50 * n);
    }
    return s;
  };
  grpc::Status s;
  for (int attempt = 0; attempt < 2; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'call_with_retry' retries a call that retries again: up to 2 x 5 = 10 requests per call reach 'Stub::SayHello'; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
  // CHECK-MESSAGES: :[[@LINE+3]]:9: note: each attempt calls 'call_with_retry' here
  // CHECK-MESSAGES: :[[@LINE-15]]:5: note: 'Stub::SayHello' is retried again by this loop (up to 5 attempts)
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
    s = call_with_retry();
    if (s.ok())
      break;
    pause_ms(500);
  }
  return s;
}

// A library retry policy under a hand loop: the channel's service config
// retries every SayHello up to 4 times, the loop 3 times around it.
static const char kRetryingConfig[] = R"({
  "methodConfig": [{
    "name": [{"service": "demo.Greeter"}],
    "retryPolicy": {
      "maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "1s",
      "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})";

class GreeterClient {
public:
  explicit GreeterClient(const std::string &target) {
    grpc::ChannelArguments args;
    args.SetServiceConfigJSON(kRetryingConfig);
    auto channel = grpc::CreateCustomChannel(
        target, grpc::InsecureChannelCredentials(), args);
    stub_ = Greeter::NewStub(channel);
  }

  grpc::Status Greet(const HelloRequest &req, HelloReply *reply) {
    grpc::Status s;
    for (int attempt = 0; attempt < 3; ++attempt) {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: retry loop around 'Stub::SayHello' retries a call that retries again: up to 3 x 4 = 12 requests per call reach the dependency; when the dependency slows down, every layer retries at once and multiplies the load on it [resilience-retry-amplification]
    // CHECK-MESSAGES: :[[@LINE+5]]:11: note: each attempt calls 'Stub::SayHello' here
    // CHECK-MESSAGES: :[[@LINE-11]]:5: note: this configures gRPC to retry every request on the handle by itself (up to 4 attempts)
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: retry at one layer only: let the inner layers try once, or hand one overall deadline down and check it on every layer
      grpc::ClientContext ctx;
      deadline(ctx);
      s = stub_->SayHello(&ctx, req, reply);
      if (s.ok())
        return s;
      pause_ms(100 << attempt);
    }
    return s;
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
};

// ---- negatives ------------------------------------------------------------

// The channel's retries are switched off: one layer only.
class NoLibraryRetries {
public:
  explicit NoLibraryRetries(const std::string &target) {
    grpc::ChannelArguments args;
    args.SetServiceConfigJSON(kRetryingConfig);
    args.SetInt("grpc.enable_retries", 0);
    stub_ = Greeter::NewStub(grpc::CreateCustomChannel(
        target, grpc::InsecureChannelCredentials(), args));
  }
  grpc::Status Greet(const HelloRequest &req, HelloReply *reply) {
    grpc::Status s;
    for (int attempt = 0; attempt < 3; ++attempt) {
      grpc::ClientContext ctx;
      deadline(ctx);
      s = stub_->SayHello(&ctx, req, reply);
      if (s.ok())
        return s;
      pause_ms(100 << attempt);
    }
    return s;
  }

private:
  std::unique_ptr<Greeter::Stub> stub_;
};

// A plain channel: gRPC does not retry without a retryPolicy.
grpc::Status plain_channel(const std::string &target, const HelloRequest &req,
                           HelloReply *reply) {
  auto stub = Greeter::NewStub(
      grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub->SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
    pause_ms(100 << attempt);
  }
  return s;
}

// The inner layer is bounded to one attempt.
grpc::Status single_attempt(Greeter::Stub &stub, const HelloRequest &req,
                            HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 1; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
  }
  return s;
}

grpc::Status outer_of_single(Greeter::Stub &stub, const HelloRequest &req,
                             HelloReply *reply) {
  grpc::Status s;
  for (int i = 0; i < 4; ++i) {
    s = single_attempt(stub, req, reply);
    if (s.ok())
      return s;
    pause_ms(100 << i);
  }
  return s;
}

// One overall deadline handed down and checked on both layers.
using Clock = std::chrono::steady_clock;
grpc::Status until(Greeter::Stub &stub, const HelloRequest &req,
                   HelloReply *reply, Clock::time_point end) {
  grpc::Status s;
  while (Clock::now() < end) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
    pause_ms(100);
  }
  return s;
}

grpc::Status shared_budget(Greeter::Stub &stub, const HelloRequest &req,
                           HelloReply *reply) {
  const Clock::time_point end = Clock::now() + std::chrono::seconds(5);
  grpc::Status s;
  while (Clock::now() < end) {
    s = until(stub, req, reply, end);
    if (s.ok())
      return s;
    pause_ms(100);
  }
  return s;
}

// An outer loop around a function that tries once.
grpc::Status once(Greeter::Stub &stub, const HelloRequest &req,
                  HelloReply *reply) {
  grpc::ClientContext ctx;
  deadline(ctx);
  return stub.SayHello(&ctx, req, reply);
}

grpc::Status one_layer(Greeter::Stub &stub, const HelloRequest &req,
                       HelloReply *reply) {
  grpc::Status s;
  for (int i = 0; i < 4; ++i) {
    s = once(stub, req, reply);
    if (s.ok())
      return s;
    pause_ms(100 << i);
  }
  return s;
}
