//===--- Hiredis.cpp - hiredis, the C client of Redis ----------------------===//
//
// Facts (hiredis.h and net.c of Debian's 0.14.1; the same in 1.x):
// redisConnect(ip, port) and redisConnectUnix(path) connect in blocking mode
// with no timeout; redisConnectWithTimeout / redisConnectUnixWithTimeout
// bound the connect only. A blocking context's commands (redisCommand,
// redisvCommand, redisCommandArgv, and redisGetReply after
// redisAppendCommand) write and then read the socket with no timeout until
// redisSetTimeout(c, tv) puts SO_RCVTIMEO/SO_SNDTIMEO on it (1.x: also
// `options.command_timeout` of redisConnectWithOptions). The *NonBlock
// connects make a context whose commands only buffer: nothing blocks.
//
// Not modelled: redisConnectWithOptions (1.x only, absent from Debian 12's
// headers) and redisConnectFd (the descriptor was made elsewhere): their
// contexts are out of sight, so nothing is reported on them by default.
// redisAppendCommand only writes to a buffer. redisEnableKeepAlive bounds
// nothing a command waits on.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum HiredisSlot : unsigned { Command, Connect };
enum HiredisGroup : unsigned { ByCommandTimeout, ByConnectTimeout };
} // namespace

LibraryModel makeHiredisModel() {
  LibraryModel M;
  M.Name = "hiredis";
  RequestCall Conn;
  Conn.Function = "redisConnect";
  Conn.HandleArg = NoArg;
  Conn.Verb = "connects to Redis";
  Conn.Groups = {ByConnectTimeout};
  Conn.ReturnsHandle = true;
  Conn.Consequence = "it waits for the TCP connect with poll(-1), so a "
                        "Redis host that does not answer holds this thread "
                        "until the kernel gives up (about two minutes on "
                        "Linux)";
  Conn.Advice = "connect with redisConnectWithTimeout(ip, port, tv) and a "
                   "struct timeval of a second or two";
  M.Requests.push_back(Conn);
  for (llvm::StringRef F :
       {"redisCommand", "redisvCommand", "redisCommandArgv"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = 0;
    R.Verb = "sends a command";
    R.Groups = {ByCommandTimeout};
    M.Requests.push_back(R);
  }
  RequestCall Reply;
  Reply.Function = "redisGetReply";
  Reply.HandleArg = 0;
  Reply.Verb = "waits for a reply";
  Reply.Groups = {ByCommandTimeout};
  M.Requests.push_back(Reply);
  // The connect timeout's creators: the context they return has a bounded
  // connect and no command timeout.
  // redisConnectUnix's connect to a local socket fails at once when the
  // server is gone; it is not reported, its commands are.
  M.Creators = {"redisConnectWithTimeout", "redisConnectUnixWithTimeout",
                "redisConnectUnix"};
  M.Slots = {{"command timeout", /*ZeroMeansNever=*/true},
             {"connect timeout", true}};
  M.SlotSetters = {{"redisSetTimeout", 0, Command, 1}};
  M.BoundingGroups = {BoundingGroup{Command}, BoundingGroup{Connect}};
  M.HandleNoun = "context";
  M.ConnectionTypes = {"redisContext"};
  M.Consequence = "hiredis sets no socket timeout by default, so a Redis "
                  "server that stops answering (a failover, a long-running "
                  "command, a dead peer) blocks this thread forever";
  M.DefaultBehaviour = "hiredis never times out a command by default";
  M.FixAdvice = "call redisSetTimeout('%0', tv) after connecting, with a "
                "struct timeval of a few seconds";
  return M;
}

} // namespace model
} // namespace resilience
