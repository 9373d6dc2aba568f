// RUN: mkdir -p %t.gen && protoc -I%S/Inputs --cpp_out=%t.gen --grpc_out=%t.gen --plugin=protoc-gen-grpc=$(which grpc_cpp_plugin) %S/Inputs/greeter.proto
// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.Strict: true}}" -- -std=c++17 -I%t.gen
// With Strict, contexts configured out of sight are reported; contexts whose
// deadline the library itself guarantees are still clean.
#include <grpcpp/grpcpp.h>
#include "greeter.grpc.pb.h"

void given_context(demo::Greeter::Stub *stub, grpc::ClientContext *ctx) {
  demo::HelloRequest req;
  demo::HelloReply reply;
  stub->SayHello(ctx, req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'ctx' whose configuration is out of sight; no deadline is set on it in this translation unit;
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'ctx'
}

grpc::ClientContext *external_context();

void context_from_elsewhere(demo::Greeter::Stub *stub) {
  demo::HelloRequest req;
  demo::HelloReply reply;
  stub->SayHello(external_context(), req, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'SayHello' starts a gRPC call on context 'external_context()' whose configuration is out of sight
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set a deadline on 'external_context()'
}

// FromServerContext copies the server call's deadline: clean even in Strict.
void propagated(const grpc::ServerContext &server, demo::Greeter::Stub *stub) {
  auto ctx = grpc::ClientContext::FromServerContext(server);
  demo::HelloRequest req;
  demo::HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
}

void propagated_callback(const grpc::CallbackServerContext &server,
                         demo::Greeter::Stub *stub) {
  std::unique_ptr<grpc::ClientContext> ctx =
      grpc::ClientContext::FromCallbackServerContext(server);
  demo::HelloRequest req;
  demo::HelloReply reply;
  stub->SayHello(ctx.get(), req, &reply);
}
