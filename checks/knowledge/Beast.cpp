//===--- Beast.cpp - Boost.Beast and Boost.Asio streams -------------------===//
//
// Facts (boost/beast/core/basic_stream.hpp "@par Blocking I/O": "Timeouts are
// not available when performing blocking calls"; beast docs "By default,
// timeouts on websocket streams are disabled"): synchronous operations on an
// Asio socket, an SSL stream, a beast::tcp_stream or a websocket stream have
// no timeout at all; nothing set on the stream changes that. Asynchronous
// operations on a beast::basic_stream are bounded by expires_after /
// expires_at (expires_never and the constructor disable it). A websocket
// stream's asynchronous operations are bounded by
// set_option(stream_base::timeout{...}), e.g. timeout::suggested(role), or by
// the expiry of a tcp_stream underneath.
//
// Not modelled: raw Asio asynchronous operations (a steady_timer that closes
// the socket is not tied to the operation here), acceptor::accept (a server
// waiting for clients), resolver::resolve.
//
// Look-alikes: socket options (keep_alive, linger), websocket decorator,
// auto_fragment and read_message_max options bound nothing.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum BeastSlot : unsigned { Expiry, WebSocketTimeout };
enum BeastGroup : unsigned { ByExpiry, ByWebSocketTimeout };

// Streams whose operations this table knows, as the handle-type list.
constexpr const char *SyncStreams =
    "boost::asio::basic_stream_socket|boost::asio::basic_socket|"
    "boost::asio::ssl::stream|boost::beast::ssl_stream|"
    "boost::beast::basic_stream|boost::beast::websocket::stream";
constexpr const char *Blocking =
    "a synchronous Asio or Beast operation has no timeout at all "
    "(expires_after and websocket timeouts bound only asynchronous "
    "operations), so a stalled peer blocks this thread forever";
} // namespace

LibraryModel makeBeastModel() {
  LibraryModel M;
  M.Name = "Boost.Beast";
  auto Sync = [&](llvm::StringRef F, unsigned Handle, llvm::StringRef Type) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = Handle;
    R.HandleType = Type;
    R.Verb = "blocks";
    R.NeverBounded = Blocking;
    R.Noun = "stream";
    M.Requests.push_back(R);
  };
  // Free functions over any sync stream: the stream is a typed argument.
  for (llvm::StringRef F :
       {"boost::asio::read", "boost::asio::write", "boost::asio::read_until",
        "boost::asio::connect", "boost::beast::http::read",
        "boost::beast::http::read_header", "boost::beast::http::write",
        "boost::beast::http::write_header"})
    Sync(F, NoArg, SyncStreams);
  // Members of the streams themselves.
  for (llvm::StringRef F :
       {"boost::asio::basic_stream_socket::read_some",
        "boost::asio::basic_stream_socket::write_some",
        "boost::asio::basic_stream_socket::receive",
        "boost::asio::basic_stream_socket::send",
        "boost::asio::basic_socket::connect",
        "boost::asio::ssl::stream::handshake",
        "boost::asio::ssl::stream::read_some",
        "boost::asio::ssl::stream::write_some",
        "boost::beast::ssl_stream::handshake",
        "boost::beast::basic_stream::connect",
        "boost::beast::basic_stream::read_some",
        "boost::beast::basic_stream::write_some",
        "boost::beast::websocket::stream::handshake",
        "boost::beast::websocket::stream::read",
        "boost::beast::websocket::stream::read_some",
        "boost::beast::websocket::stream::write",
        "boost::beast::websocket::stream::write_some"})
    Sync(F, ObjectArg, "");

  // Asynchronous operations that a tcp_stream's expiry bounds.
  auto Async = [&](llvm::StringRef F, unsigned Handle, llvm::StringRef Type,
                   std::vector<unsigned> Groups, llvm::StringRef Advice) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = Handle;
    R.HandleType = Type;
    R.Verb = "starts an asynchronous operation";
    R.Groups = std::move(Groups);
    R.Noun = "stream";
    R.Advice = Advice;
    M.Requests.push_back(R);
  };
  constexpr const char *StreamAdvice =
      "call expires_after on '%0' (or on beast::get_lowest_layer of it) "
      "before each asynchronous operation";
  for (llvm::StringRef F :
       {"boost::beast::http::async_read", "boost::beast::http::async_read_header",
        "boost::beast::http::async_write", "boost::asio::async_read",
        "boost::asio::async_write", "boost::asio::async_read_until"})
    Async(F, NoArg, "boost::beast::basic_stream", {ByExpiry}, StreamAdvice);
  for (llvm::StringRef F : {"boost::beast::basic_stream::async_connect",
                            "boost::beast::basic_stream::async_read_some",
                            "boost::beast::basic_stream::async_write_some"})
    Async(F, ObjectArg, "", {ByExpiry}, StreamAdvice);
  for (llvm::StringRef F : {"boost::beast::websocket::stream::async_handshake",
                            "boost::beast::websocket::stream::async_read",
                            "boost::beast::websocket::stream::async_read_some",
                            "boost::beast::websocket::stream::async_write",
                            "boost::beast::websocket::stream::async_write_some"})
    Async(F, ObjectArg, "", {ByWebSocketTimeout, ByExpiry},
          "call set_option(websocket::stream_base::timeout::suggested("
          "beast::role_type::client)) on '%0' before this operation");

  M.Slots = {{"expiry", /*ZeroMeansNever=*/false},
             {"websocket timeout", false}};
  M.BoundingGroups = {{Expiry}, {WebSocketTimeout}};
  M.SlotSetters = {
      {"boost::beast::basic_stream::expires_after", ObjectArg, Expiry},
      {"boost::beast::basic_stream::expires_at", ObjectArg, Expiry},
      {"boost::beast::basic_stream::expires_never", ObjectArg, Expiry, NoArg,
       WritesNever},
      {"boost::beast::websocket::stream::set_option", ObjectArg,
       WebSocketTimeout, 0, 0, "boost::beast::websocket::stream_base::timeout"},
  };
  M.HandleTypes = {"boost::beast::basic_stream",
                   "boost::beast::websocket::stream"};
  M.Accessors = {"boost::beast::get_lowest_layer",
                 "boost::beast::websocket::stream::next_layer",
                 "boost::beast::ssl_stream::next_layer",
                 "boost::asio::ssl::stream::next_layer"};
  M.HandleNoun = "stream";
  M.Consequence = "a Beast stream never expires by default (no bound at all), "
                  "so a stalled peer leaves this operation, and whoever waits "
                  "on it, pending forever";
  M.DefaultBehaviour = "Beast streams never time out by default";
  M.FixAdvice = "use the asynchronous operation on a beast::tcp_stream with "
                "expires_after, or bound '%0' some other way";
  return M;
}

} // namespace model
} // namespace resilience
