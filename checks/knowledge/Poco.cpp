//===--- Poco.cpp - POCO's HTTP sessions and stream sockets ----------------===//
//
// Facts (pocoproject/poco Net/include/Poco/Net/HTTPSession.h, Socket.h):
// an HTTPClientSession (and HTTPSClientSession) starts with finite timeouts,
// HTTP_DEFAULT_CONNECTION_TIMEOUT 30 s and HTTP_DEFAULT_TIMEOUT 60 s for
// sends and receives; setTimeout(Timespan) changes them, and a zero Timespan
// reaches the socket as SO_RCVTIMEO 0, which means "never". So sessions are
// reported only for an explicit zero. A raw StreamSocket has no receive
// timeout unless setReceiveTimeout is called: receiveBytes can block
// forever.
//
// Look-alikes: setKeepAlive, setKeepAliveTimeout (how long an idle
// persistent connection is kept, not how long a reply may take), setLinger,
// setNoDelay.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum PocoSlot : unsigned { Receive };
} // namespace

LibraryModel makePocoSessionModel() {
  LibraryModel M;
  M.Name = "POCO";
  for (llvm::StringRef F : {"Poco::Net::HTTPClientSession::sendRequest",
                            "Poco::Net::HTTPClientSession::receiveResponse"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = ObjectArg;
    R.Verb = "sends an HTTP request";
    M.Requests.push_back(R);
  }
  M.Slots = {{"receive timeout", /*ZeroMeansNever=*/true}};
  M.BoundingGroups = {{Receive}};
  M.SlotSetters = {
      {"Poco::Net::HTTPSession::setTimeout", ObjectArg, Receive, 0, 0, {}, 1},
      {"Poco::Net::HTTPSession::setTimeout", ObjectArg, Receive, 2, 0, {}, 3},
  };
  M.HandleTypes = {"Poco::Net::HTTPClientSession",
                   "Poco::Net::HTTPSClientSession"};
  M.HandleNoun = "session";
  M.Unbounded = Severity::Finite;
  M.DefaultBehaviour = "POCO sessions wait 60 s per send or receive by default";
  M.FixAdvice = "give '%0' a positive Timespan, or keep POCO's default "
                "(60 s) by not setting it";
  return M;
}

LibraryModel makePocoSocketModel() {
  LibraryModel M;
  M.Name = "POCO";
  RequestCall R;
  R.Function = "Poco::Net::StreamSocket::receiveBytes";
  R.HandleArg = ObjectArg;
  R.Verb = "reads";
  M.Requests.push_back(R);
  M.Slots = {{"receive timeout", /*ZeroMeansNever=*/true}};
  M.BoundingGroups = {{Receive}};
  M.SlotSetters = {{"Poco::Net::Socket::setReceiveTimeout", ObjectArg, Receive}};
  M.HandleTypes = {"Poco::Net::StreamSocket"};
  M.HandleNoun = "socket";
  M.Consequence = "a POCO StreamSocket has no receive timeout by default (no "
                  "bound at all), so a silent peer blocks this thread forever";
  M.DefaultBehaviour = "a POCO StreamSocket never times out a receive";
  M.FixAdvice = "call setReceiveTimeout on '%0' before this call";
  return M;
}

} // namespace model
} // namespace resilience
