//===--- Thrift.cpp - Apache Thrift's C++ socket transport -----------------===//
//
// Facts (apache/thrift lib/cpp/src/thrift/transport/TSocket.cpp): a TSocket
// starts with connTimeout_, sendTimeout_ and recvTimeout_ at 0, which means
// "no timeout": connect, send and every read of a generated client block
// until the peer answers. setRecvTimeout(ms) sets SO_RCVTIMEO; 0 is never.
// TSSLSocket derives from TSocket.
//
// The request is opening the transport chain built on the socket
// (`transport->open()`): the buffered or framed transport and the protocol
// are wrappers of the socket, so a timeout set on the socket counts wherever
// it is set in the function. Generated clients are not matched by name (their
// classes are named after each service); every call they make goes through
// the transport opened here.
//
// Look-alikes: setLinger, setNoDelay, setKeepAlive, setMaxRecvRetries.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum ThriftSlot : unsigned { Receive, Connect, Send };
} // namespace

LibraryModel makeThriftModel() {
  LibraryModel M;
  M.Name = "Thrift";
  RequestCall Open;
  Open.Function = "apache::thrift::transport::T*::open";
  Open.HandleArg = ObjectArg;
  Open.Verb = "opens a Thrift transport";
  M.Requests.push_back(Open);
  M.Slots = {{"receive timeout", /*ZeroMeansNever=*/true},
             {"connect timeout", true},
             {"send timeout", true}};
  M.BoundingGroups = {{Receive}};
  M.PartialSlots = {Connect};
  M.SlotSetters = {
      {"apache::thrift::transport::TSocket::setRecvTimeout", ObjectArg, Receive},
      {"apache::thrift::transport::TSocket::setConnTimeout", ObjectArg, Connect},
      {"apache::thrift::transport::TSocket::setSendTimeout", ObjectArg, Send},
  };
  M.HandleTypes = {"apache::thrift::transport::TSocket",
                   "apache::thrift::transport::TSSLSocket"};
  M.Wrappers = {"apache::thrift::transport::TBufferedTransport",
                "apache::thrift::transport::TFramedTransport",
                "apache::thrift::protocol::TBinaryProtocolT",
                "apache::thrift::protocol::TCompactProtocolT"};
  M.RequireKnownOrigin = true;
  M.HandleNoun = "transport";
  M.Consequence = "a TSocket has no timeouts by default (no bound at all), "
                  "so every call made over it can block forever";
  M.DefaultBehaviour = "a TSocket never times out by default";
  M.FixAdvice = "call setConnTimeout and setRecvTimeout (milliseconds) on "
                "the TSocket under '%0' before opening it";
  return M;
}

} // namespace model
} // namespace resilience
