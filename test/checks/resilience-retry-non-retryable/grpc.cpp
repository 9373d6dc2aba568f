// RUN: mkdir -p %t.gen && protoc -I%S/../resilience-missing-timeout/Inputs --cpp_out=%t.gen --grpc_out=%t.gen --plugin=protoc-gen-grpc=$(which grpc_cpp_plugin) %S/../resilience-missing-timeout/Inputs/greeter.proto
// RUN: %check_resilience %s resilience-retry-non-retryable %t -- --quiet -- -std=c++17 -I%t.gen
// Retry loops around a stub generated from greeter.proto: which codes they
// retry.
#include <chrono>
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

grpc::Status retry_any_error(Greeter::Stub &stub, const HelloRequest &req,
                             HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Stub::SayHello' retries every non-OK gRPC status, including INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, ALREADY_EXISTS and FAILED_PRECONDITION that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+5]]:9: note: this test of the status does not look at its code
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED (test error_code(), or call a classifier named in option StatusClassifiers)
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
    pause_ms(100 << attempt);
  }
  return s;
}

grpc::Status do_while_not_ok(Greeter::Stub &stub, const HelloRequest &req,
                             HelloReply *reply) {
  grpc::Status s;
  int attempt = 0;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'Stub::SayHello' retries every non-OK gRPC status, including INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, ALREADY_EXISTS and FAILED_PRECONDITION that fail the same way on every attempt; the retries add load and delay the real error [resilience-retry-non-retryable]
  // CHECK-MESSAGES: :[[@LINE+6]]:12: note: this test of the status does not look at its code
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: retry only UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED (test error_code(), or call a classifier named in option StatusClassifiers)
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    pause_ms(50 << attempt);
  } while (!s.ok() && ++attempt < 4);
  return s;
}

// ---- negatives ------------------------------------------------------------

// Only UNAVAILABLE goes round again.
grpc::Status only_unavailable(Greeter::Stub &stub, const HelloRequest &req,
                              HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok() || s.error_code() != grpc::StatusCode::UNAVAILABLE)
      return s;
    pause_ms(100 << attempt);
  }
  return s;
}

// A switch over the code.
grpc::Status switch_on_code(Greeter::Stub &stub, const HelloRequest &req,
                            HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok())
      return s;
    switch (s.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      break;
    default:
      return s;
    }
    pause_ms(100 << attempt);
  }
  return s;
}

// A helper of this file decides which codes are transient.
static bool worth_another_try(const grpc::Status &s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

grpc::Status helper_decides(Greeter::Stub &stub, const HelloRequest &req,
                            HelloReply *reply) {
  grpc::Status s;
  for (int attempt = 0; attempt < 3; ++attempt) {
    grpc::ClientContext ctx;
    deadline(ctx);
    s = stub.SayHello(&ctx, req, reply);
    if (s.ok() || !worth_another_try(s))
      return s;
    pause_ms(100 << attempt);
  }
  return s;
}
