//===--- PosixSocket.cpp - Blocking BSD sockets ----------------------------===//
//
// Facts (socket(7), recv(2), send(2), fcntl(2)): a socket is blocking unless
// made otherwise (SOCK_NONBLOCK at creation or in accept4, O_NONBLOCK through
// fcntl F_SETFL, FIONBIO through ioctl); a blocking recv/read waits forever
// for a silent peer unless SO_RCVTIMEO is set, and a blocking send/write
// waits forever on a full send buffer unless SO_SNDTIMEO is set. A zero
// timeval means "never". MSG_DONTWAIT makes one call non-blocking.
//
// The handle is the descriptor: an `int` is taken for a socket only when the
// analysis saw it come from socket()/accept()/accept4() (RequireKnownOrigin),
// so reads of files and pipes are never reported.
//
// poll(2), select(2): a negative poll timeout and a null select/ppoll/pselect
// timeout wait forever. A read after such a wait on its descriptor waits
// there first, whatever SO_RCVTIMEO or non-blocking mode says; a read after
// a finite wait finds data (or the wait timed out). The descriptor is tied
// to the wait by the set it is put in: a pollfd's fd field, FD_SET.
//
// Deliberately not reported: connect() (the kernel gives up after its SYN
// retries, about 127 s on Linux), accept() (a server waiting for clients is
// doing its job), a wait with no read after it on a socket of known origin
// (an event loop over many clients), and epoll_wait(), whose descriptors
// are registered elsewhere.
//
// Look-alikes that bound nothing: SO_KEEPALIVE, TCP_KEEPIDLE, SO_LINGER,
// SO_RCVLOWAT, TCP_USER_TIMEOUT (bounds unacknowledged sends, not a silent
// peer's reply).
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum SocketSlot : unsigned { Receive, Send, NonBlocking, ReadyWait };
enum SocketGroup : unsigned {
  ByReceiveTimeout,
  BySendTimeout,
  ByNonBlocking,
  ByReadyWait
};
} // namespace

LibraryModel makePosixSocketModel() {
  LibraryModel M;
  M.Name = "the POSIX sockets API";
  for (llvm::StringRef F : {"recv", "recvfrom", "recvmsg", "read"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = 0;
    R.Verb = "reads";
    R.Groups = {ByReceiveTimeout, ByNonBlocking, ByReadyWait};
    M.Requests.push_back(R);
  }
  for (llvm::StringRef F : {"send", "sendto", "sendmsg", "write"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = 0;
    R.Verb = "writes";
    R.Groups = {BySendTimeout, ByNonBlocking};
    R.Consequence = "a blocking socket has no timeout by default (no bound "
                    "at all), so once a peer stops reading and the send "
                    "buffer fills, this call waits forever";
    R.Advice = "set SO_SNDTIMEO on '%0' with setsockopt, or make it "
               "non-blocking and wait with a finite poll timeout";
    M.Requests.push_back(R);
  }
  M.Creators = {"socket", "accept", "accept4"};
  M.Setters = {{"setsockopt", 0, 2, 3}};
  BoundSlot Wait{"readiness wait", /*ZeroMeansNever=*/false,
                 /*NegativeMeansNever=*/true};
  Wait.NullMeansNever = true;
  Wait.WaitBefore = true;
  M.Slots = {{"receive timeout", /*ZeroMeansNever=*/true},
             {"send timeout", true},
             {"non-blocking mode", false},
             Wait};
  // Only input waits gate a read: select's readfds, a pollfd asking for
  // input.
  std::vector<llvm::StringRef> In = {"POLLIN", "POLLRDNORM", "POLLRDBAND",
                                     "POLLPRI"};
  M.ReadinessWaits = {
      {"poll", {0}, 2, ReadyWait, "pollfd", "fd", {}, "a negative timeout",
       "events", In},
      {"ppoll", {0}, 2, ReadyWait, "pollfd", "fd", {}, "a null timeout",
       "events", In},
      {"select", {1}, 4, ReadyWait, "fd_set", {}, "FD_SET", "a null timeout"},
      {"pselect", {1}, 4, ReadyWait, "fd_set", {}, "FD_SET", "a null timeout"},
  };
  M.Options = {{"SO_RCVTIMEO", Receive}, {"SO_SNDTIMEO", Send}};
  M.BoundingGroups = {{Receive}, {Send}, {NonBlocking}, {ReadyWait}};
  M.Flags = {
      {"socket", 1, "SOCK_NONBLOCK", NonBlocking},
      {"accept4", 3, "SOCK_NONBLOCK", NonBlocking},
      {"fcntl", 2, "O_NONBLOCK", NonBlocking, /*HandleArg=*/0},
      {"ioctl", 1, "FIONBIO", NonBlocking, /*HandleArg=*/0},
  };
  for (llvm::StringRef F : {"recv", "recvfrom", "recvmsg", "send", "sendto",
                            "sendmsg"})
    M.Flags.push_back({F, F.ends_with("msg") ? 2u : 3u, "MSG_DONTWAIT",
                       NonBlocking});
  M.HandleNoun = "socket";
  M.RequireKnownOrigin = true;
  M.Consequence = "a blocking socket has no timeout by default (no bound at "
                  "all), so a silent peer blocks this thread forever";
  M.DefaultBehaviour = "a blocking socket never times out by default";
  M.FixAdvice = "set SO_RCVTIMEO on '%0' with setsockopt, or make it "
                "non-blocking and wait with a finite poll timeout";
  return M;
}

} // namespace model
} // namespace resilience
