//===--- RetryKnowledge.h - What the retry checks know about calls --------===//
//
// The names the retry-loop recognizer looks for, as data: which calls wait,
// which produce randomness, which make a delay grow or cap it, which ask a
// retry policy, and which remote operations the network library table does
// not list yet. The recognizer (RetryLoop) only matches; this says what.
//
// A name "a::b::f" matches a declaration whose qualified name (without
// template arguments or inline namespaces) ends in "a::b::f" on a "::"
// boundary; a leading "::" demands the whole name ("::connect" is POSIX
// connect, never QObject::connect).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_RETRYKNOWLEDGE_H
#define RESILIENCE_TIDY_MODEL_RETRYKNOWLEDGE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class NamedDecl;
}

namespace resilience {
namespace model {

/// A wait whose length is set by a separate call on the same object
/// (`timer.expires_after(d); timer.wait();`).
struct TimerWait {
  llvm::StringRef WaitMethod;                 ///< "boost::asio::basic_waitable_timer::wait"
  std::vector<llvm::StringRef> ExpirySetters; ///< "expires_after", ...
};

/// A library call that makes the library retry by itself `count` times,
/// where a negative count means forever.
struct RetryCountSetter {
  llvm::StringRef Function;
  unsigned CountArg;
  llvm::StringRef Library;
  /// The handle that retries (an argument index).
  unsigned HandleArg = 0;
};

struct RetryKnowledge {
  std::vector<RetryCountSetter> RetryCountSetters;
  /// Calls that hand a gRPC service-config JSON to the library, and the
  /// channel-argument setters (key, value) with the key that means "service
  /// config". A JSON literal passed straight to any other call (a parser's
  /// test, a log line) is not a service config.
  std::vector<llvm::StringRef> ServiceConfigSetters;
  std::vector<llvm::StringRef> ChannelArgSetters;
  llvm::StringRef ServiceConfigArg;
  /// Integer channel-argument setters (key, value) and the key that turns
  /// the library's retries off when 0.
  std::vector<llvm::StringRef> ChannelIntSetters;
  llvm::StringRef RetryEnableArg;
  /// The library's ceiling on a retry policy's attempts.
  unsigned MaxPolicyAttempts = 0;
  /// Calls whose result carries the retry settings of their arguments: a
  /// channel made from channel arguments, a stub made from a channel
  /// (unqualified names match a generated class's method).
  std::vector<llvm::StringRef> HandleFactories;
  /// Calls that block the thread for their argument's duration.
  std::vector<llvm::StringRef> SleepFunctions;
  std::vector<TimerWait> TimerWaits;
  /// Calls whose result is random.
  std::vector<llvm::StringRef> RandomFunctions;
  /// Classes whose objects produce random numbers when called
  /// (`dist(gen)`) or constructed (`std::random_device{}()`).
  std::vector<llvm::StringRef> RandomTypes;
  /// Calls that make a value grow exponentially in their argument.
  std::vector<llvm::StringRef> GrowthFunctions;
  /// Calls that put a ceiling on a value.
  std::vector<llvm::StringRef> CeilingFunctions;
  /// Calls that read a clock: comparing with them bounds a loop in time.
  std::vector<llvm::StringRef> ClockFunctions;
  /// Types of values that are points in time or durations.
  std::vector<llvm::StringRef> TimeTypes;
  /// Methods of retry-policy objects that decide whether to try again.
  std::vector<llvm::StringRef> RetryPolicyMethods;
  /// Name patterns (`*` is any run, compared without case) of functions,
  /// methods and callbacks that decide whether to try again: a test of one
  /// is the loop's policy, and a request it hands back is the same request
  /// again, not the next item.
  std::vector<llvm::StringRef> RetryPolicyNamePatterns;
  /// Library helpers that compute a capped, jittered, growing delay.
  std::vector<llvm::StringRef> BackoffHelpers;
  /// For functions only declared in the translation unit (their body is
  /// elsewhere): a name containing one of these (case-insensitive) is taken
  /// for a backoff helper, or else (returning void) for a sleep of its
  /// argument. This keeps
  /// `platform_sleep_ms(delay)` from reading as "no delay at all".
  std::vector<llvm::StringRef> BackoffNameHints;
  std::vector<llvm::StringRef> SleepNameHints;
  /// Remote operations for libraries the table does not describe yet.
  std::vector<llvm::StringRef> ExtraRemoteOperations;
  /// A call that takes one of these (by pointer or reference) and returns
  /// a value is a remote call: generated gRPC stubs take a
  /// grpc::ClientContext*, invokers wrapping them a grpc::ClientContext&.
  std::vector<llvm::StringRef> RemoteContextTypes;
  /// Invoking a callable (`fn()` on a std::function or a lambda) that
  /// returns one of these runs a request wrapped by the caller.
  std::vector<llvm::StringRef> RemoteResultTypes;
  /// Reads or writes of successive chunks: repeating them is progress, not
  /// a retry, even when a library table lists them as requests.
  std::vector<llvm::StringRef> StreamOperations;
  /// Calls that drive an event loop or wait for peers: a loop around them
  /// serves events, it does not retry.
  std::vector<llvm::StringRef> EventLoopCalls;
  /// Method names (unqualified) that test an outcome for success or
  /// failure: `status.ok()`, `reply.error()`.
  std::vector<llvm::StringRef> SuccessTests;
  std::vector<llvm::StringRef> FailureTests;
  /// Error codes: a value of one of these types that a remote call fills
  /// in through a reference argument (`http::write(s, req, ec)`) or returns
  /// is the attempt's outcome, and its truthiness means failure
  /// (`if (!ec) break;` leaves on success).
  std::vector<llvm::StringRef> ErrorCodeTypes;
  /// Field names (lowercased, ending in one of these) of a struct the
  /// request fills in through a pointer that hold its error
  /// (`io.xml_error != XML_ERROR_NONE`, `st.last_err`): tests of them read
  /// the attempt's outcome.
  std::vector<llvm::StringRef> ErrorFieldSuffixes;

  // Polling: a loop that leaves on success only once the response's
  // content says so (`job_done(r->body)`, `op.done()`) repeats a request
  // that worked; it waits for a state, it does not retry a failure.
  /// Types that carry a response's content: its text or a parsed document.
  std::vector<llvm::StringRef> PayloadTypes;
  /// Field or method names (lowercased, underscores removed, ending in one
  /// of these) that read a state from a response: `done()`, `IsReady`,
  /// `job_state`, `phase`.
  std::vector<llvm::StringRef> StateFieldWords;
  /// Enumerator names (last word, lowercased, without a `k` prefix) that
  /// name a state of a job rather than an outcome of a call:
  /// `JOB_STATE_SUCCEEDED`, `Operation::DONE`, `kRunning`.
  std::vector<llvm::StringRef> StateValueWords;
  /// Calls (methods or functions) that ask whether content is there, not
  /// what it says: `body.empty()`, `strlen(buf)` test the outcome.
  std::vector<llvm::StringRef> PresenceMethods;
  /// Words (lowercase) in a callee, field or string literal that make a
  /// test of the content a test for failure (`is_error(body)`,
  /// `body.find("error")`, `s.error_message()`): repeating then retries.
  std::vector<llvm::StringRef> FailureWords;
};

/// The built-in knowledge, from knowledge/RetryKnowledge.cpp.
const RetryKnowledge &retryKnowledge();

/// A list of name patterns (see the file comment) with a matcher.
class NameList {
public:
  NameList() = default;
  void add(llvm::StringRef Pattern);
  void add(llvm::ArrayRef<llvm::StringRef> Patterns) {
    for (llvm::StringRef P : Patterns)
      add(P);
  }
  void add(const std::vector<std::string> &Patterns) {
    for (const std::string &P : Patterns)
      add(P);
  }
  bool matches(const clang::NamedDecl *D) const;
  bool matchesName(llvm::StringRef QualifiedName) const;
  bool empty() const { return Patterns.empty(); }

private:
  std::vector<std::string> Patterns;
};

/// "ns::Class::method" with no template arguments and no inline or
/// anonymous namespaces.
std::string plainQualifiedName(const clang::NamedDecl *D);

} // namespace model
} // namespace resilience

#endif
