// RUN: mkdir -p %t.gen && protoc -I%S/Inputs --cpp_out=%t.gen --grpc_out=%t.gen --plugin=protoc-gen-grpc=$(which grpc_cpp_plugin) %S/Inputs/greeter.proto
// RUN: %check_resilience %s resilience-missing-timeout %t -- --quiet -- -std=c++17 -I%t.gen
// gRPC's CompletionQueue::Next blocks until an event or shutdown: it is as
// bounded as the calls started on its queue.
#include <chrono>
#include <memory>
#include <thread>
#include <grpcpp/grpcpp.h>
#include "greeter.grpc.pb.h"

using demo::Greeter;
using demo::HelloReply;
using demo::HelloRequest;

static std::chrono::system_clock::time_point in_ms(int ms) {
  return std::chrono::system_clock::now() + std::chrono::milliseconds(ms);
}

// ---- positives ------------------------------------------------------------

void local_queue_no_deadline(Greeter::Stub *stub) {
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  HelloRequest req;
  HelloReply reply;
  grpc::Status status;
  auto rpc = stub->PrepareAsyncSayHello(&ctx, req, &cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'PrepareAsyncSayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: set a deadline on 'ctx'
  rpc->StartCall();
  rpc->Finish(&reply, &status, (void *)1);
  void *tag;
  bool ok = false;
  cq.Next(&tag, &ok);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Next' waits for a gRPC event on completion queue 'cq' and no call started on it has a deadline; Next blocks until a call completes or the queue shuts down, so a stalled server blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-9]]:14: note: 'PrepareAsyncSayHello' starts a call on 'cq' here, with no deadline
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set a deadline on the context of each call started on 'cq', or wait with AsyncNext and a finite deadline
}

// The shape of gRPC's async client example: calls started in one method,
// the queue drained in another.
class AsyncGreeter {
public:
  explicit AsyncGreeter(std::shared_ptr<grpc::Channel> ch) : stub_(Greeter::NewStub(ch)) {}

  void SayHello(const HelloRequest &req) {
    auto *call = new Call;
    call->reader = stub_->PrepareAsyncSayHello(&call->context, req, &cq_);
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'PrepareAsyncSayHello' starts a gRPC call on context 'call->context' that has no deadline
    // CHECK-MESSAGES: :[[@LINE-2]]:20: note: set a deadline on 'call->context'
    call->reader->StartCall();
    call->reader->Finish(&call->reply, &call->status, call);
  }

  void CompleteRpcs() {
    void *got;
    bool ok = false;
    while (cq_.Next(&got, &ok))
      delete static_cast<Call *>(got);
    // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'Next' waits for a gRPC event on completion queue 'cq_' and no call started on it has a deadline
    // CHECK-MESSAGES: :[[@LINE-13]]:20: note: 'PrepareAsyncSayHello' starts a call on 'cq_' here, with no deadline
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: set a deadline on the context of each call started on 'cq_'
  }

private:
  struct Call {
    grpc::ClientContext context;
    HelloReply reply;
    grpc::Status status;
    std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> reader;
  };
  std::unique_ptr<Greeter::Stub> stub_;
  grpc::CompletionQueue cq_;
};

void infinite_deadline_is_none(Greeter::Stub *stub) {
  grpc::CompletionQueue cq;
  grpc::ClientContext ctx;
  ctx.set_deadline(std::chrono::system_clock::time_point::max());
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(&ctx, req, &cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'AsyncSayHello' starts a gRPC call on context 'ctx' whose deadline is set to a value that gRPC reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: the deadline is set to 'never' here
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: set a deadline on 'ctx'
  void *tag;
  bool ok;
  cq.Next(&tag, &ok);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Next' waits for a gRPC event on completion queue 'cq' and no call started on it has a deadline
  // CHECK-MESSAGES: :[[@LINE-8]]:14: note: 'AsyncSayHello' starts a call on 'cq' here, with no deadline
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set a deadline on the context
}

// The queue drained on another thread, by a lambda.
void drained_by_a_thread(Greeter::Stub *stub) {
  grpc::CompletionQueue cq;
  std::thread poller([&cq] {
    void *tag;
    bool ok;
    while (cq.Next(&tag, &ok)) {
    }
    // CHECK-MESSAGES: :[[@LINE-2]]:12: warning: 'Next' waits for a gRPC event on completion queue 'cq' and no call started on it has a deadline
    // CHECK-MESSAGES: :[[@LINE+5]]:17: note: 'AsyncListHellos' starts a call on 'cq' here, with no deadline
    // CHECK-MESSAGES: :[[@LINE-4]]:12: note: set a deadline on the context
  });
  grpc::ClientContext ctx;
  HelloRequest req;
  auto stream = stub->AsyncListHellos(&ctx, req, &cq, (void *)1);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'AsyncListHellos' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: set a deadline on 'ctx'
  poller.join();
}

void queue_behind_a_unique_ptr(Greeter::Stub *stub) {
  auto cq = std::make_unique<grpc::CompletionQueue>();
  auto ctx = std::make_unique<grpc::ClientContext>();
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(ctx.get(), req, cq.get());
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'AsyncSayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: set a deadline on 'ctx'
  void *tag;
  bool ok;
  cq->Next(&tag, &ok);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Next' waits for a gRPC event on completion queue 'cq' and no call started on it has a deadline
  // CHECK-MESSAGES: :[[@LINE-7]]:14: note: 'AsyncSayHello' starts a call on 'cq' here, with no deadline
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: set a deadline on the context
}

// ---- negatives ----------------------------------------------------------------

void every_call_has_a_deadline(Greeter::Stub *stub) {
  grpc::CompletionQueue cq;
  grpc::ClientContext a, b;
  a.set_deadline(in_ms(300));
  b.set_deadline(in_ms(300));
  HelloRequest req;
  auto r1 = stub->AsyncSayHello(&a, req, &cq);
  auto r2 = stub->PrepareAsyncSayHello(&b, req, &cq);
  void *tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
}

// One call with a deadline: Next is not reported (the call without one is).
void some_call_has_a_deadline(Greeter::Stub *stub) {
  grpc::CompletionQueue cq;
  grpc::ClientContext a, b;
  a.set_deadline(in_ms(300));
  HelloRequest req;
  auto r1 = stub->AsyncSayHello(&a, req, &cq);
  auto r2 = stub->AsyncSayHello(&b, req, &cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'AsyncSayHello' starts a gRPC call on context 'b' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: set a deadline on 'b'
  void *tag;
  bool ok;
  cq.Next(&tag, &ok);
}

// A server's queue waits for clients by design.
void server_queue(grpc::ServerCompletionQueue *cq) {
  void *tag;
  bool ok;
  while (cq->Next(&tag, &ok)) {
  }
}

// Even when the server also starts a client call on its queue.
void server_queue_with_a_client_call(grpc::ServerCompletionQueue *cq,
                                     Greeter::Stub *stub) {
  grpc::ClientContext ctx;
  ctx.AddMetadata("x-from", "server");
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(&ctx, req, cq);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'AsyncSayHello' starts a gRPC call on context 'ctx' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:14: note: set a deadline on 'ctx'
  void *tag;
  bool ok;
  while (cq->Next(&tag, &ok)) {
  }
}

class Server {
public:
  void HandleRpcs() {
    void *tag;
    bool ok;
    while (cq_->Next(&tag, &ok)) {
    }
  }

private:
  std::unique_ptr<grpc::ServerCompletionQueue> cq_;
};

// No call on this queue is in sight: nothing to judge Next by.
void queue_from_the_caller(grpc::CompletionQueue &cq) {
  void *tag;
  bool ok;
  while (cq.Next(&tag, &ok)) {
  }
}

// The caller's context may carry a deadline.
void context_from_the_caller(Greeter::Stub *stub, grpc::ClientContext *ctx) {
  grpc::CompletionQueue cq;
  HelloRequest req;
  auto rpc = stub->AsyncSayHello(ctx, req, &cq);
  void *tag;
  bool ok;
  cq.Next(&tag, &ok);
}

// The call without a deadline is on another queue.
void unbounded_call_on_another_queue(Greeter::Stub *stub) {
  grpc::CompletionQueue mine, other;
  grpc::ClientContext a, b;
  a.set_deadline(in_ms(100));
  HelloRequest req;
  auto r1 = stub->AsyncSayHello(&a, req, &mine);
  auto r2 = stub->AsyncSayHello(&b, req, &other);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'AsyncSayHello' starts a gRPC call on context 'b' that has no deadline
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: set a deadline on 'b'
  void *tag;
  bool ok;
  mine.Next(&tag, &ok);
}

static void with_deadline(grpc::ClientContext *c) { c->set_deadline(in_ms(250)); }

class BoundedAsyncGreeter {
public:
  void SayHello(Greeter::Stub *stub, const HelloRequest &req) {
    auto *call = new Call;
    with_deadline(&call->context);
    call->reader = stub->PrepareAsyncSayHello(&call->context, req, &cq_);
    call->reader->StartCall();
  }
  void CompleteRpcs() {
    void *got;
    bool ok;
    while (cq_.Next(&got, &ok)) {
    }
  }

private:
  struct Call {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientAsyncResponseReader<HelloReply>> reader;
  };
  grpc::CompletionQueue cq_;
};
