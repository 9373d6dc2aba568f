//===--- LibraryTable.h - What the checks know about network libraries ----===//
//
// Knowledge is data, matching is code: each library is described once, in
// knowledge/<Library>.cpp, and every check reads these tables.
//
// A library keeps the bound of a request on a *handle* (a CURL*, a
// grpc::ClientContext, ...). The bound lives in *slots* (libcurl: the total
// timeout, the connect timeout, the low-speed limit and time). Setter calls
// write slots; a request is bounded when some *bounding group* of slots holds
// finite values on the handle at the request.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_LIBRARYTABLE_H
#define RESILIENCE_TIDY_MODEL_LIBRARYTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace resilience {
namespace model {

/// Argument index meaning "the object a member function is called on"
/// (`cli` in `cli.Get(...)`, `*sock` in `sock->setRecvTimeout(...)`).
constexpr unsigned ObjectArg = ~0u;
/// Argument index meaning "no argument".
constexpr unsigned NoArg = ~0u - 1;

/// A bound written in the text of a string argument: a libpq connection
/// string ("host=db connect_timeout=5"), a URI ("...?connect_timeout=5"), a
/// statement ("SET statement_timeout = 5000"), or keyword/value arrays
/// (PQconnectdbParams: the keyword in the array at Arg, its value at the
/// same index of the array at ValuesArg). A value of 0 writes Zero, any other
/// value Finite; a keyword absent from fully known text leaves the slot
/// alone; text the analysis cannot see puts the handle out of sight.
struct KeywordBound {
  unsigned Arg;
  llvm::StringRef Keyword; ///< "connect_timeout"
  unsigned Slot;
  unsigned ValuesArg = NoArg; ///< NoArg: Arg holds key=value text
  /// Only text that starts a statement with this word counts ("SET"): a
  /// query that merely mentions the keyword does not set it.
  llvm::StringRef Statement = {};
  /// The keyword loads settings from elsewhere (libpq's `service=`): when
  /// present, the handle's bound is out of sight.
  bool Opaque = false;
  /// Keys whose value, when out of sight, may hold this keyword too ('|'-
  /// separated: libpq's "options" carries "-c statement_timeout=...").
  llvm::StringRef Carriers = {};
};

/// A call that performs (or starts) network I/O on a handle.
///
/// `Function` is a qualified name without template arguments
/// ("curl_easy_perform", "httplib::Client::Get"); a `*` matches any run of
/// characters ("*::Stub::*" is every method of every generated gRPC stub).
struct RequestCall {
  llvm::StringRef Function; ///< fully qualified name, e.g. "curl_easy_perform"
  unsigned HandleArg;       ///< which argument is the handle, or ObjectArg
  /// How the diagnostic describes the call ("performs a transfer", ...).
  llvm::StringRef Verb;
  /// When set, the handle is the first argument whose type is this record
  /// (or one of several, separated by '|') or a pointer to it (a generated stub takes `grpc::ClientContext *` first,
  /// the callback API after `async()`); HandleArg is then ignored, and a call
  /// with no such argument is no request.
  llvm::StringRef HandleType = {};
  /// When set, the call carries its own bound in an argument: the argument at
  /// BoundArg (a deadline, a timeout in ms), or any argument whose type is
  /// BoundArgType (`cpr::Timeout`). Its value writes BoundArgSlot for this
  /// call only.
  unsigned BoundArg = NoArg;
  llvm::StringRef BoundArgType = {};
  unsigned BoundArgSlot = 0;
  /// Non-empty: no setting can bound this call (a synchronous Asio read);
  /// the text says why, for the message.
  llvm::StringRef NeverBounded = {};
  /// The bounding groups that apply to this call (indices into
  /// LibraryModel::BoundingGroups); empty means all of them. A socket's
  /// receive timeout bounds recv(), not send().
  std::vector<unsigned> Groups = {};
  /// How the message names this call's handle, when not the library's noun.
  llvm::StringRef Noun = {};
  /// The note's advice for this call, when not the library's FixAdvice.
  llvm::StringRef Advice = {};
  /// What follows the message's ';' for this call, when not the library's.
  llvm::StringRef Consequence = {};
  /// What follows the ';' when an explicit "never" or 0 is written for
  /// this call, when not the generic text.
  llvm::StringRef NeverConsequence = {};
  /// A second object whose bound also applies (the QNetworkRequest passed to
  /// a QNetworkAccessManager, which carries its own transfer timeout): a slot
  /// set on either one counts.
  unsigned AlsoHandleArg = NoArg;
  /// When set, the call waits for the requests that name its handle in an
  /// argument of this record type (CompletionQueue::Next waits for the calls
  /// started on its queue). It is reported only when such requests are in
  /// sight (in the function, or in the class for a field) and none of their
  /// own handles is bounded.
  llvm::StringRef WaitsForCallsVia = {};
  /// Handle types this request does not apply to ('|'-separated): a
  /// server's completion queue is meant to wait for clients.
  llvm::StringRef ExcludedHandleTypes = {};
  /// The call returns its handle: a fresh one, built from its arguments,
  /// when it has none (`PQconnectdb(conninfo)`, `redisConnect(ip, port)`),
  /// else the handle it was given (`mysql_real_connect(m, ...)`).
  bool ReturnsHandle = false;
  /// Bounds written by the text of string arguments; they apply to this call
  /// and stay on the handle for later calls.
  std::vector<KeywordBound> Keywords = {};
  /// The bound is a server-side one (PostgreSQL's statement_timeout): the
  /// finding is advisory, and a check option can turn it off.
  bool ServerSide = false;
  /// When set, the call is judged only on handles whose kind wrote this slot
  /// on every path (HandleKind): a ZeroMQ receive on a REQ or DEALER socket.
  unsigned KindSlot = NoArg;
};

/// A call that waits until the handles placed in a set are ready, bounded
/// by its own timeout argument: poll(fds, n, timeout), select(..., timeout).
/// A handle enters a set by an assignment or initializer of the set record's
/// SetField (`pfd.fd = fd`, `{fd, POLLIN, 0}`) or through SetMacro
/// (`FD_SET(fd, &rfds)`). Flow-insensitive: any such placement in the
/// function counts.
struct ReadinessWait {
  llvm::StringRef Function;
  std::vector<unsigned> SetArgs; ///< the arguments holding sets
  unsigned TimeoutArg;
  unsigned Slot;                 ///< written with the timeout's value
  llvm::StringRef SetRecord;     ///< "pollfd", "fd_set"
  llvm::StringRef SetField = {}; ///< "fd"
  llvm::StringRef SetMacro = {}; ///< "FD_SET"
  /// How the message describes a wait that never ends ("with a negative
  /// timeout").
  llvm::StringRef NeverText = {};
  /// The set record's field of awaited events, and the flags that wait for
  /// input: a set whose events are written without any of them (POLLOUT
  /// only) does not gate a read.
  llvm::StringRef EventsField = {};
  std::vector<llvm::StringRef> ReadEvents = {};
};

/// A call that writes one option of a handle: setter(handle, option, value).
struct OptionSetter {
  llvm::StringRef Function;
  unsigned HandleArg;
  unsigned OptionArg;
  unsigned ValueArg;
};

/// Values a SlotSetter may always write (the same bits as SlotValue).
constexpr uint8_t WritesFinite = 2;
constexpr uint8_t WritesNever = 8;

/// A call that writes one slot directly, the C++ way: a member function of
/// the handle (`ctx.set_deadline(tp)`, `cli.set_read_timeout(5)`) or a free
/// function taking it. The written value is ValueArg's (classified as finite,
/// zero or "never"), or Fixed when the call always writes the same thing
/// (`expires_never()` writes Never, `setTimeout()` with no value Finite).
struct SlotSetter {
  llvm::StringRef Function; ///< qualified name, `*` allowed
  unsigned HandleArg;       ///< ObjectArg for member functions
  unsigned Slot;
  unsigned ValueArg = 0;
  uint8_t Fixed = 0;        ///< a SlotValue, or 0 to classify ValueArg
  /// When set, only calls whose ValueArg has this record type write the slot
  /// (`ws.set_option(stream_base::timeout)`, not a decorator option).
  llvm::StringRef ValueType = {};
  /// When set, only overloads with this many parameters match
  /// (HTTPSession::setTimeout(timeout) vs setTimeout(connect, send, receive)).
  unsigned Arity = NoArg;
};

/// A flag that, written in an argument of a call, makes I/O unable to block:
/// SOCK_NONBLOCK in socket()'s type (the created handle), O_NONBLOCK in
/// fcntl(fd, F_SETFL, ...) (the handle at HandleArg), MSG_DONTWAIT in recv()'s
/// flags (that request only). The flag is recognized by its macro name.
struct FlagArgument {
  llvm::StringRef Function;
  unsigned Arg;
  llvm::StringRef Flag;
  unsigned Slot;              ///< written Finite
  unsigned HandleArg = NoArg; ///< the handle it applies to, if not the result
};

/// A handle whose kind is chosen when it is made (a ZeroMQ socket's type):
/// only some kinds wait on a peer in a request path. A handle made in sight
/// with one of the judged kinds gets Slot written Finite; requests whose
/// KindSlot is that slot are judged only on such handles (a server's socket
/// parks in a receive by design, and a socket whose type the analysis cannot
/// read is not judged).
struct HandleKind {
  /// A creator function, or a handle type (its constructor).
  llvm::StringRef Creator;
  unsigned Arg; ///< the argument that names the kind
  /// The kinds that are judged, '|'-separated, as written (macro names or
  /// enumerators such as "socket_type::req").
  llvm::StringRef Judged;
  /// A slot that is in no bounding group: it records the kind, not a bound.
  unsigned Slot;
};

/// How bad the unbounded case is, for the message and for filtering.
enum class Severity {
  Never,      ///< nothing bounds the call: it can wait forever
  PerRead,    ///< only a per-read or inactivity bound: a trickle never ends
  LongDefault, ///< the library's default bound applies, and it is long
  Finite      ///< the default is a sane bound: only explicit "never" counts
};

/// One option that writes a slot of the handle's bound.
struct BoundOption {
  llvm::StringRef Name; ///< the option's enumerator, e.g. "CURLOPT_TIMEOUT_MS"
  unsigned Slot;        ///< index into LibraryModel::Slots
};

/// One place a bound is kept on the handle.
struct BoundSlot {
  llvm::StringRef Name;        ///< e.g. "total timeout"
  bool ZeroMeansNever;         ///< an explicit 0 disables the bound
  bool NegativeMeansNever = false; ///< an explicit -1 waits forever
  /// An explicit 0 is no bound the library can use (cpprestsdk's timer
  /// expires at once): reported as a zero timeout, not as "never".
  bool ZeroUnusable = false;
  /// A value longer than the check's MaxReasonableTimeoutMs is reported as
  /// an absurd bound (a finite default replaced by hours).
  bool CheckAbsurd = false;
  /// A null pointer (select's timeval) waits forever.
  bool NullMeansNever = false;
  /// An explicit 0 switches the mode off: the slot is as if never set
  /// (CURLOPT_CONNECT_ONLY set to 0 is an ordinary transfer again).
  bool ZeroMeansUnset = false;
  /// The slot records a wait for readiness made before the request (poll,
  /// select): a finite one bounds the request, and a "never" one is a
  /// finding even when another group bounds the request, since the thread
  /// waits there first. The next request on the handle uses it up.
  bool WaitBefore = false;
};

/// A set of slots that, all set to finite values, bound the request.
using BoundingGroup = std::vector<unsigned>;

/// Everything the checks know about one library's deadlines.
struct LibraryModel {
  llvm::StringRef Name;                  ///< "libcurl"
  std::vector<RequestCall> Requests;
  std::vector<llvm::StringRef> Creators; ///< return a fresh, unbounded handle
  std::vector<llvm::StringRef> Copiers;  ///< return a copy of argument 0's options
  std::vector<llvm::StringRef> Resetters;///< clear every option of argument 0
  std::vector<OptionSetter> Setters;
  std::vector<BoundSlot> Slots;
  std::vector<BoundOption> Options;
  std::vector<BoundingGroup> BoundingGroups;
  /// Slots that bound only one phase (a connect timeout): set alone they do
  /// not bound the request, and the message says so.
  std::vector<unsigned> PartialSlots;
  /// Functions whose names start with these prefixes belong to the library:
  /// passing the handle to them does not configure a bound unless the table
  /// says so (so `curl_easy_getinfo(h, ...)` does not hide a finding).
  std::vector<llvm::StringRef> OwnPrefixes;
  /// What happens when nothing is set, for the message ("libcurl's default
  /// total timeout is 0: never").
  llvm::StringRef DefaultBehaviour;
  /// The option the fix-it inserts; its value comes from the check's
  /// `DefaultTimeoutMs` option, never guessed.
  llvm::StringRef FixOption;
  /// How to write the fix value as a literal of the option's type ("L").
  llvm::StringRef FixLiteralSuffix;
  /// Human advice for the note, "%0" is the handle's name.
  llvm::StringRef FixAdvice;

  // --- The C++ vocabulary (all optional; libcurl needs none of it). ---
  /// Member or free functions that write one slot each.
  std::vector<SlotSetter> SlotSetters = {};
  /// Records whose construction (other than a copy or move) makes a fresh,
  /// unbounded handle of this library: `grpc::ClientContext ctx;`,
  /// `httplib::Client cli(host)`, `std::make_shared<TSocket>(...)`.
  std::vector<llvm::StringRef> HandleTypes = {};
  /// Functions returning a handle that is already bounded on every slot
  /// (`grpc::ClientContext::FromServerContext` inherits the deadline).
  std::vector<llvm::StringRef> BoundedCreators = {};
  /// How the message names a handle ("handle", "context", "client").
  llvm::StringRef HandleNoun = "handle";
  /// What follows the ';' of the message when nothing bounds the request;
  /// empty keeps the generic text. It should name the library and say how
  /// long the call can wait.
  llvm::StringRef Consequence = {};
  /// Severity of a request that no group bounds.
  Severity Unbounded = Severity::Never;
  /// Only handles whose origin the analysis saw (a creator or a handle type
  /// of this library) are reported: an `int` is a socket only when it came
  /// from socket().
  bool RequireKnownOrigin = false;
  /// Flags in arguments that make I/O non-blocking.
  std::vector<FlagArgument> Flags = {};
  /// Functions and methods that return another view of the same handle
  /// (`beast::get_lowest_layer(ws)`, `stream.next_layer()`): a bound set
  /// through them is a bound on the handle.
  std::vector<llvm::StringRef> Accessors = {};
  /// Records built around a handle that act on it (a Thrift
  /// TBufferedTransport around a TSocket): a local initialized with one made
  /// from a handle is another name for that handle.
  std::vector<llvm::StringRef> Wrappers = {};
  /// Records that carry slots and hand them to a handle built from them
  /// (cpprestsdk's http_client_config, copied by the http_client
  /// constructor): a handle constructed with one takes its slots.
  std::vector<llvm::StringRef> ConfigTypes = {};
  /// Waits for readiness that bound later requests on the handles waited on.
  std::vector<ReadinessWait> ReadinessWaits = {};
  /// Options of Setters that load settings from outside the program (an
  /// option file, MYSQL_READ_DEFAULT_GROUP): the handle's bound is then out
  /// of sight.
  std::vector<llvm::StringRef> OpaqueOptions = {};
  /// Types (typedef or record names) whose values are connections of this
  /// library, for checks that look at containers of them (a pool of
  /// `redisContext *`). HandleTypes count too.
  std::vector<llvm::StringRef> ConnectionTypes = {};
  /// Handles whose kind, chosen at creation, decides which requests count.
  std::vector<HandleKind> Kinds = {};
};

/// Every library the checks know, in a fixed order. Built once and never
/// written afterwards: a check's own additions live in its LibrarySet.
llvm::ArrayRef<LibraryModel> builtinLibraries();

/// A user's own client, from `.clang-tidy` options: request functions and
/// timeout setters with the index of their handle argument (ObjectArg for
/// the object of a member function), and factories that return a handle
/// already bounded.
struct InHouseSpec {
  std::vector<std::pair<std::string, unsigned>> Requests;
  std::vector<std::pair<std::string, unsigned>> Setters;
  std::vector<std::string> Factories;
};

/// The table one check instance reads: the built-in entries followed by the
/// in-house client its options describe. Owned by the check, so two
/// instances with different options (per-directory `.clang-tidy`) each see
/// their own; pointers into it stay valid while the owner lives.
class LibrarySet {
public:
  LibrarySet() : LibrarySet(InHouseSpec()) {}
  explicit LibrarySet(const InHouseSpec &Spec);
  LibrarySet(const LibrarySet &) = delete;
  LibrarySet &operator=(const LibrarySet &) = delete;

  llvm::ArrayRef<LibraryModel> all() const { return Libraries; }

private:
  llvm::StringRef keep(const std::string &S);

  std::deque<std::string> Strings; ///< what the in-house StringRefs point to
  std::vector<LibraryModel> Libraries;
};

/// The library entries, one per file in knowledge/.
LibraryModel makeCurlModel();
LibraryModel makeGrpcModel();
LibraryModel makeHttplibModel();
LibraryModel makePosixSocketModel();
LibraryModel makeBeastModel();
LibraryModel makeCprModel();
LibraryModel makeThriftModel();
LibraryModel makeLibeventModel();
LibraryModel makeQtNetworkModel();
LibraryModel makePocoSessionModel();
LibraryModel makePocoSocketModel();
LibraryModel makeCpprestModel();
LibraryModel makeHiredisModel();
LibraryModel makeLibpqModel();
LibraryModel makeMariadbModel();
LibraryModel makeKafkaModel();
LibraryModel makeZmqModel();

} // namespace model
} // namespace resilience

#endif
