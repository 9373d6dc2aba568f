//===--- Grpc.cpp - gRPC C++ client calls ---------------------------------===//
//
// Facts (grpc src/cpp/client/client_context.cc; grpc.io/blog/deadlines): a
// grpc::ClientContext starts with an infinite deadline (gpr_inf_future);
// ClientContext::set_deadline(time_point) bounds the one call the context is
// used for. Every generated stub method takes the context as its first
// `grpc::ClientContext *` parameter: sync unary and streaming calls,
// Async*/PrepareAsync*, and the callback API behind `stub->async()`.
// FromServerContext / FromCallbackServerContext copy the server call's
// deadline. CompletionQueue::AsyncNext waits until its deadline argument;
// CompletionQueue::Next has none: it blocks until an event or shutdown
// (grpcpp/completion_queue.h), so it is bounded only by the deadlines of
// the calls started on that queue. It is reported when such calls are in
// sight and none of their contexts gets a deadline. A ServerCompletionQueue
// waits for clients by design and is left alone.
//
// Look-alikes that bound nothing a call waits on: set_wait_for_ready,
// set_idempotent, set_fail_fast, set_compression_algorithm, AddMetadata,
// Channel::WaitForConnected (bounds only the connect wait it performs).
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum GrpcSlot : unsigned { Deadline };
} // namespace

LibraryModel makeGrpcModel() {
  LibraryModel M;
  M.Name = "gRPC";
  RequestCall Stub;
  Stub.HandleArg = NoArg;
  Stub.Verb = "starts a gRPC call";
  Stub.HandleType = "grpc::ClientContext";
  for (llvm::StringRef F : {"*::Stub::*", "*::StubInterface::*"}) {
    Stub.Function = F;
    M.Requests.push_back(Stub);
  }
  RequestCall Wait;
  Wait.Function = "grpc::CompletionQueue::AsyncNext";
  Wait.HandleArg = ObjectArg;
  Wait.Verb = "waits for a gRPC event";
  Wait.BoundArg = 2;
  Wait.BoundArgSlot = Deadline;
  Wait.Noun = "completion queue";
  Wait.Advice = "pass a finite deadline to AsyncNext on '%0', or use Next "
                "when every call carries its own deadline";
  M.Requests.push_back(Wait);
  RequestCall Next;
  Next.Function = "grpc::CompletionQueue::Next";
  Next.HandleArg = ObjectArg;
  Next.Verb = "waits for a gRPC event";
  Next.Noun = "completion queue";
  Next.WaitsForCallsVia = "grpc::CompletionQueue";
  Next.ExcludedHandleTypes = "grpc::ServerCompletionQueue";
  Next.Consequence = "Next blocks until a call completes or the queue shuts "
                     "down, so a stalled server blocks this thread forever";
  Next.Advice = "set a deadline on the context of each call started on '%0', "
                "or wait with AsyncNext and a finite deadline";
  M.Requests.push_back(Next);
  M.Slots = {{"deadline", /*ZeroMeansNever=*/false}};
  M.BoundingGroups = {{Deadline}};
  M.SlotSetters = {{"grpc::ClientContext::set_deadline", ObjectArg, Deadline}};
  M.HandleTypes = {"grpc::ClientContext"};
  M.BoundedCreators = {"grpc::ClientContext::FromServerContext",
                       "grpc::ClientContext::FromCallbackServerContext"};
  M.HandleNoun = "context";
  M.Consequence = "gRPC's default deadline is infinite (no bound at all), so "
                  "a stalled server or a lost connection blocks this call "
                  "forever";
  M.DefaultBehaviour = "a grpc::ClientContext has no deadline by default";
  M.FixAdvice = "set a deadline on '%0' before this call "
                "(set_deadline(std::chrono::system_clock::now() + timeout)); "
                "a context serves one call, so set it on each new context";
  return M;
}

} // namespace model
} // namespace resilience
