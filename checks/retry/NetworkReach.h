//===--- NetworkReach.h - Which calls talk to a remote peer ---------------===//
//
// Two questions the retry checks ask of a call: is it a remote operation
// (directly: a request of a library in the table, an extra remote operation
// from the retry knowledge, a user-declared request function, or a call
// taking a grpc::ClientContext*), and, for a function defined in the
// translation unit, does it perform one transitively (an in-house wrapper).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_NETWORKREACH_H
#define RESILIENCE_TIDY_MODEL_NETWORKREACH_H

#include "knowledge/RetryKnowledge.h"
#include "llvm/ADT/DenseMap.h"
#include <functional>
#include <string>
#include <vector>

namespace clang {
class CallExpr;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace resilience {
namespace model {

/// What a single call does, judged from its callee alone.
enum class CallRole {
  Other,
  Remote,    ///< one fallible remote operation (a request)
  Stream,    ///< a read/write of the next chunk of a stream
  EventLoop, ///< drives an event loop or waits for peers
};

class RemoteCallClassifier {
public:
  /// \p UserRequests: extra request functions from the check's options.
  explicit RemoteCallClassifier(const std::vector<std::string> &UserRequests);
  CallRole classify(const clang::CallExpr *Call) const;

private:
  NameList Requests, Streams, EventLoops, ContextTypes, ResultTypes;
};

/// Memoized "does this function, defined in the translation unit, reach a
/// call satisfying the predicate". Functions in system headers are library
/// internals: they are not searched (the table names the library's entry
/// points).
class CallReach {
public:
  using Predicate = std::function<bool(const clang::CallExpr *)>;
  CallReach(const clang::SourceManager &SM, Predicate Direct)
      : SM(SM), Direct(std::move(Direct)) {}
  /// The defined, searchable function called by \p Call, or null.
  const clang::FunctionDecl *searchableCallee(const clang::CallExpr *Call) const;
  bool reaches(const clang::FunctionDecl *FD);

private:
  bool search(const clang::FunctionDecl *FD, unsigned Depth);
  const clang::SourceManager &SM;
  Predicate Direct;
  enum State : unsigned char { InProgress, Yes, No };
  llvm::DenseMap<const clang::FunctionDecl *, State> Memo;
};

} // namespace model
} // namespace resilience

#endif
