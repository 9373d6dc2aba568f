// RUN: mkdir -p %t.gen && protoc -I%S/Inputs --cpp_out=%t.gen --grpc_out=%t.gen --plugin=protoc-gen-grpc=$(which grpc_cpp_plugin) %S/Inputs/greeter.proto
// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17 -I%t.gen
// gRPC C++ clients over stubs generated from Inputs/greeter.proto.
#include <chrono>
#include <memory>
#include <grpcpp/grpcpp.h>
#include "greeter.grpc.pb.h"

using demo::Greeter;
using demo::HelloReply;
using demo::HelloRequest;

static std::chrono::system_clock::time_point in_ms(int ms) {
  return std::chrono::system_clock::now() + std::chrono::milliseconds(ms);
}

// ---- positives ------------------------------------------------------------

void sync_unary_without_deadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' that has no deadline; gRPC's default deadline is infinite (no bound at all), so a stalled server or a lost connection blocks this call forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'ctx' before this call (set_deadline(std::chrono::system_clock::now() + timeout)); a context serves one call, so set it on each new context
}

void deadline_of_max_means_never(Greeter::StubInterface *stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::time_point::max());
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' whose deadline is set to a value that gRPC reads as 'never'; nothing else bounds this call, so a stalled peer can hold it forever
  // CHECK-MESSAGES: :[[@LINE-5]]:3: note: the deadline is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set a deadline on 'ctx'
}

void async_and_prepare_async(std::unique_ptr<Greeter::Stub> &stub,
                             grpc::CompletionQueue *cq) {
  HelloRequest req;
  grpc::ClientContext a;
  auto r1 = stub->AsyncSayHello(&a, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'AsyncSayHello' starts a gRPC call on context 'a' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: set a deadline on 'a'
  grpc::ClientContext b;
  auto r2 = stub->PrepareAsyncSayHello(&b, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'PrepareAsyncSayHello' starts a gRPC call on context 'b' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: set a deadline on 'b'
  r2->StartCall();
}

void callback_api(Greeter::Stub *stub, HelloRequest *req, HelloReply *reply) {
  auto *ctx = new grpc::ClientContext();
  stub->async()->SayHello(ctx, req, reply, [ctx](grpc::Status) { delete ctx; });
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'ctx'
}

void server_streaming(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  HelloRequest req;
  auto reader = stub->ListHellos(&ctx, req);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'ListHellos' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: set a deadline on 'ctx'
  HelloReply reply;
  while (reader->Read(&reply)) {
  }
}

void deadline_on_another_context(Greeter::Stub *stub) {
  grpc::ClientContext first, second;
  first.set_deadline(in_ms(500));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&first, req, &reply);
  stub->SayHello(&second, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'second' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'second'
}

// Look-alikes: none of these bounds how long the call may wait.
void look_alike_settings(Greeter::Stub *stub, std::shared_ptr<grpc::Channel> ch) {
  ch->WaitForConnected(in_ms(100));
  grpc::ClientContext ctx;
  ctx.set_wait_for_ready(true);
  ctx.AddMetadata("grpc-timeout", "1S");
  ctx.set_compression_algorithm(GRPC_COMPRESS_GZIP);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'ctx'
}

static void tag_request(grpc::ClientContext *c) { c->AddMetadata("x-req", "1"); }

void helper_that_sets_no_deadline(Greeter::Stub *stub) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  tag_request(ctx.get());
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'ctx'
}

void async_next_without_deadline(grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  cq.AsyncNext(&tag, &ok, gpr_inf_future(GPR_CLOCK_REALTIME));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'AsyncNext' waits for a gRPC event on completion queue 'cq' whose deadline is set to a value that gRPC reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:27: note: the deadline is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: pass a finite deadline to AsyncNext on 'cq'
}

// A context kept in a class that no method gives a deadline.
class Pinger {
public:
  explicit Pinger(Greeter::Stub *s) : stub_(s) { ctx_.AddMetadata("who", "pinger"); }
  void ping() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(&ctx_, req, &reply);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'SayHello' starts a gRPC call on context 'ctx_' that has no deadline
    // CHECK-MESSAGES: :[[@LINE-2]]:5: note: set a deadline on 'ctx_'
  }

private:
  Greeter::Stub *stub_;
  grpc::ClientContext ctx_;
};

// ---- negatives ----------------------------------------------------------------

void with_deadline(Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(&ctx, req, &reply);
}

static void apply_deadline(grpc::ClientContext *c, int ms) { c->set_deadline(in_ms(ms)); }

void deadline_from_a_helper(Greeter::Stub *stub, grpc::CompletionQueue *cq) {
  grpc::ClientContext ctx;
  apply_deadline(&ctx, 300);
  HelloRequest req;
  auto r = stub->AsyncSayHello(&ctx, req, cq);
}

static std::unique_ptr<grpc::ClientContext> make_context() {
  auto ctx = std::make_unique<grpc::ClientContext>();
  ctx->set_deadline(in_ms(800));
  return ctx;
}

void context_from_a_factory(Greeter::Stub *stub) {
  std::unique_ptr<grpc::ClientContext> ctx = make_context();
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
}

void propagated_from_the_server(const grpc::ServerContext &server,
                                Greeter::Stub *stub) {
  auto ctx = grpc::ClientContext::FromServerContext(server);
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
}

class Caller {
public:
  explicit Caller(Greeter::Stub *s) : stub_(s) { ctx_.set_deadline(in_ms(250)); }
  void call() {
    HelloRequest req;
    HelloReply reply;
    stub_->SayHello(&ctx_, req, &reply);
  }

private:
  Greeter::Stub *stub_;
  grpc::ClientContext ctx_;
};

void fresh_context_per_attempt(Greeter::Stub *stub, int attempts) {
  for (int i = 0; i < attempts; ++i) {
    grpc::ClientContext ctx;
    if (i > 0)
      ctx.set_deadline(in_ms(100 * i));
    else
      ctx.set_deadline(in_ms(50));
    HelloRequest req;
    HelloReply reply;
    if (stub->SayHello(&ctx, req, &reply).ok())
      break;
  }
}

void async_next_with_deadline(grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  cq.AsyncNext(&tag, &ok, in_ms(100));
}

void callback_with_deadline(Greeter::Stub *stub, HelloRequest *req, HelloReply *reply) {
  auto *ctx = new grpc::ClientContext();
  ctx->set_deadline(in_ms(1000));
  stub->async()->SayHello(ctx, req, reply, [ctx](grpc::Status) { delete ctx; });
}

// A context handed in by the caller is configured out of sight: silent.
void uses_a_given_context(Greeter::Stub *stub, grpc::ClientContext *ctx) {
  HelloRequest req;
  HelloReply reply;
  stub->SayHello(ctx, req, &reply);
}
