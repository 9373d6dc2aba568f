//===--- Zmq.cpp - ZeroMQ: libzmq's C API and cppzmq -----------------------===//
//
// Facts (zmq.h of Debian 12's libzmq3-dev 4.3.4, zmq.hpp of cppzmq-dev
// 4.9.0; zmq_setsockopt(3), zmq_socket(3), zmq_poll(3)):
// - zmq_recv, zmq_msg_recv, zmq_recvmsg and cppzmq's socket_t::recv wait
//   for a message until ZMQ_RCVTIMEO expires; zmq_send, zmq_send_const,
//   zmq_msg_send, zmq_sendmsg and socket_t::send block, on the socket types
//   that block, until ZMQ_SNDTIMEO expires. Both default to -1: forever.
//   0 returns EAGAIN at once (a bound); -1 set explicitly is forever.
//   cppzmq sets them with set(zmq::sockopt::rcvtimeo, ms) or the older
//   setsockopt(ZMQ_RCVTIMEO, ms).
// - ZMQ_DONTWAIT (ZMQ_NOBLOCK, cppzmq's recv_flags::dontwait /
//   send_flags::dontwait) makes one call non-blocking.
// - zmq_poll(items, n, timeout) and zmq::poll wait for the sockets in the
//   zmq_pollitem_t array (field `socket`, events ZMQ_POLLIN for input);
//   -1 waits forever, and it is zmq::poll's default.
//
// Which socket waits are findings (the socket type, chosen at creation by
// zmq_socket(ctx, type) or zmq::socket_t(ctx, type)):
// - receives are judged on REQ and DEALER sockets only: a client waiting
//   for a reply. REP, ROUTER, PULL, SUB, XSUB, XPUB, PAIR and STREAM
//   sockets receive what peers send when they send it; a server or a
//   worker parked there is idle by design, not stuck in a request.
// - sends are judged on DEALER and PUSH: once every peer is at its
//   high-water mark (a consumer that stalled or died) zmq_send blocks
//   (zmq_socket(3)). A REQ socket holds one request at a time, and its
//   connect makes the pipe at once (ZMQ_IMMEDIATE is 0 by default), so its
//   send queues rather than blocks; PUB and XPUB drop instead, ROUTER drops
//   unless ZMQ_ROUTER_MANDATORY, REP answers a request it already holds.
// A socket whose type the analysis cannot read (a parameter) is not judged.
//
// A socket connected or bound to an inproc:// endpoint talks to a thread of
// the same process, not over a network: not judged.
//
// Not reported: zmq_ctx_term and socket close (ZMQ_LINGER: a shutdown
// concern), zmq_proxy (a device runs forever by design), and the draft
// zmq_poller API (absent unless ZMQ_BUILD_DRAFT_API).
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum ZmqSlot : unsigned {
  Receive,
  Send,
  NonBlocking,
  ReadyWait,
  ReceiveKind,
  SendKind,
  InProcess
};
enum ZmqGroup : unsigned {
  ByReceiveTimeout,
  BySendTimeout,
  ByNonBlocking,
  ByReadyWait,
  ByInProcess
};
} // namespace

LibraryModel makeZmqModel() {
  LibraryModel M;
  M.Name = "ZeroMQ";
  // {function, handle argument, argument of the flags (NoArg: cppzmq's
  // several overloads, see below)}
  struct Call {
    llvm::StringRef Function;
    unsigned Handle;
    unsigned FlagsArg;
  };
  const Call Receives[] = {{"zmq_recv", 0, 3},
                           {"zmq_msg_recv", 1, 2},
                           {"zmq_recvmsg", 0, 2},
                           {"zmq::detail::socket_base::recv", ObjectArg, NoArg},
                           {"zmq::recv_multipart", 0, NoArg},
                           {"zmq::recv_multipart_n", 0, NoArg},
                           {"zmq::multipart_t::recv", 0, 1}};
  const Call Sends[] = {{"zmq_send", 0, 3},
                        {"zmq_send_const", 0, 3},
                        {"zmq_msg_send", 1, 2},
                        {"zmq_sendmsg", 0, 2},
                        {"zmq::detail::socket_base::send", ObjectArg, NoArg},
                        {"zmq::send_multipart", 0, NoArg},
                        {"zmq::multipart_t::send", 0, 1}};
  for (const Call &C : Receives) {
    RequestCall R;
    R.Function = C.Function;
    R.HandleArg = C.Handle;
    R.Verb = "waits for a message";
    R.Groups = {ByReceiveTimeout, ByNonBlocking, ByReadyWait, ByInProcess};
    R.KindSlot = ReceiveKind;
    R.NeverConsequence = "a peer that never answers blocks this thread "
                         "forever";
    M.Requests.push_back(R);
  }
  for (const Call &C : Sends) {
    RequestCall R;
    R.Function = C.Function;
    R.HandleArg = C.Handle;
    R.Verb = "sends a message";
    R.Groups = {BySendTimeout, ByNonBlocking, ByInProcess};
    R.KindSlot = SendKind;
    R.Consequence = "ZeroMQ's default ZMQ_SNDTIMEO is -1, so once every "
                    "peer is at its high-water mark (a consumer that stalled "
                    "or died) this call blocks forever";
    R.NeverConsequence = "once no peer can take the message this call "
                         "blocks forever";
    R.Advice = "set ZMQ_SNDTIMEO on '%0' (zmq_setsockopt, or cppzmq's "
               "set(zmq::sockopt::sndtimeo, ms)), or send with ZMQ_DONTWAIT";
    M.Requests.push_back(R);
  }
  // A flag on the call makes that call non-blocking.
  for (llvm::ArrayRef<Call> List : {llvm::ArrayRef<Call>(Receives),
                                    llvm::ArrayRef<Call>(Sends)})
    for (const Call &C : List)
      if (C.FlagsArg != NoArg)
        for (llvm::StringRef F : {"ZMQ_DONTWAIT", "ZMQ_NOBLOCK"})
          M.Flags.push_back({C.Function, C.FlagsArg, F, NonBlocking});
  // cppzmq: recv(msg, flags), recv(buf, flags), recv(buf, len, flags),
  // recv_multipart(s, out, flags), recv_multipart_n(s, out, n, flags), and
  // the same shapes for send.
  for (llvm::StringRef Dir : {"recv", "send"}) {
    for (unsigned Arg : {1u, 2u})
      for (llvm::StringRef F : {llvm::StringRef(Dir == "recv"
                                                    ? "recv_flags::dontwait"
                                                    : "send_flags::dontwait"),
                                llvm::StringRef("ZMQ_DONTWAIT"),
                                llvm::StringRef("ZMQ_NOBLOCK")})
        M.Flags.push_back({Dir == "recv" ? "zmq::detail::socket_base::recv"
                                         : "zmq::detail::socket_base::send",
                           Arg, F, NonBlocking});
  }
  M.Flags.push_back({"zmq::recv_multipart", 2, "recv_flags::dontwait",
                     NonBlocking});
  M.Flags.push_back({"zmq::recv_multipart_n", 3, "recv_flags::dontwait",
                     NonBlocking});
  M.Flags.push_back({"zmq::send_multipart", 2, "send_flags::dontwait",
                     NonBlocking});

  M.Creators = {"zmq_socket"};
  M.HandleTypes = {"zmq::socket_t"};
  // `{sock, 0, ZMQ_POLLIN, 0}` and `sock.handle()` name the socket.
  M.Accessors = {"zmq::detail::socket_base::handle",
                 "zmq::socket_t::operator void *",
                 "zmq::socket_t::operator socket_ref"};
  M.Setters = {{"zmq_setsockopt", 0, 1, 2},
               {"zmq::detail::socket_base::setsockopt", ObjectArg, 0, 1},
               {"zmq::detail::socket_base::set", ObjectArg, 0, 1}};
  M.Options = {{"ZMQ_RCVTIMEO", Receive}, {"ZMQ_SNDTIMEO", Send},
               {"rcvtimeo", Receive},     {"sndtimeo", Send}};
  BoundSlot Timeout{"receive timeout", /*ZeroMeansNever=*/false,
                    /*NegativeMeansNever=*/true};
  BoundSlot SendTimeout = Timeout;
  SendTimeout.Name = "send timeout";
  BoundSlot Wait{"readiness wait", false, true};
  Wait.WaitBefore = true;
  M.Slots = {Timeout,
             SendTimeout,
             {"non-blocking call", false},
             Wait,
             {"receiving socket type", false},
             {"sending socket type", false},
             {"in-process peer", false}};
  M.BoundingGroups = {{Receive}, {Send}, {NonBlocking}, {ReadyWait},
                      {InProcess}};
  // A socket connected or bound to an inproc:// endpoint talks to a thread
  // of the same process: no network between them, and a thread that hangs
  // there is reported where it hangs.
  for (llvm::StringRef F : {"zmq_connect", "zmq_bind"})
    M.Flags.push_back({F, 1, "inproc:", InProcess, /*HandleArg=*/0});
  for (llvm::StringRef F : {"zmq::detail::socket_base::connect",
                            "zmq::detail::socket_base::bind"})
    M.Flags.push_back({F, 0, "inproc:", InProcess, ObjectArg});
  // The socket types whose waits are judged (they write the kind slots);
  // a socket of any other type, or of a type out of sight, is not judged.
  llvm::StringRef Clients = "ZMQ_REQ|ZMQ_DEALER|ZMQ_XREQ|socket_type::req|"
                            "socket_type::dealer";
  llvm::StringRef Senders = "ZMQ_DEALER|ZMQ_XREQ|ZMQ_PUSH|"
                            "socket_type::dealer|socket_type::push";
  M.Kinds = {{"zmq_socket", 1, Clients, ReceiveKind},
             {"zmq_socket", 1, Senders, SendKind},
             {"zmq::socket_t", 1, Clients, ReceiveKind},
             {"zmq::socket_t", 1, Senders, SendKind}};
  std::vector<llvm::StringRef> In = {"ZMQ_POLLIN"};
  for (llvm::StringRef F : {"zmq_poll", "zmq::poll"})
    M.ReadinessWaits.push_back({F, {0}, 2, ReadyWait, "zmq_pollitem_t",
                                "socket", {}, "a timeout of -1", "events",
                                In});
  M.OwnPrefixes = {"zmq_", "zmq::"};
  M.HandleNoun = "socket";
  M.RequireKnownOrigin = true;
  M.Consequence = "ZeroMQ's default ZMQ_RCVTIMEO is -1, so a peer that "
                  "never answers (a crashed server, a lost request) blocks "
                  "this thread forever";
  M.DefaultBehaviour = "ZeroMQ never times out a receive by default";
  M.FixAdvice = "set ZMQ_RCVTIMEO on '%0' (zmq_setsockopt, or cppzmq's "
                "set(zmq::sockopt::rcvtimeo, ms)), or wait with a finite "
                "zmq_poll before receiving";
  return M;
}

} // namespace model
} // namespace resilience
