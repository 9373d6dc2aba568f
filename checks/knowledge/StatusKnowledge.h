//===--- StatusKnowledge.h - Which failures a retry can fix, as data ------===//
//
// What the retry-classification analysis (retry/FailureClasses) knows: where
// each library exposes an HTTP status or an RPC status code, which statuses
// and codes a retry can fix, which HTTP methods are not idempotent, and the
// names of in-house helpers that classify a failure. Filled in by
// knowledge/StatusKnowledge.cpp; the analysis only matches.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_STATUSKNOWLEDGE_H
#define RESILIENCE_TIDY_MODEL_STATUSKNOWLEDGE_H

#include "llvm/ADT/StringRef.h"
#include <vector>

namespace resilience {
namespace model {

/// A call that stores an HTTP status into an output argument:
/// `curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code)`.
struct StatusOutput {
  llvm::StringRef Function; ///< "::curl_easy_getinfo"
  unsigned SelectorArg;     ///< the argument naming what is read
  llvm::StringRef Selector; ///< "CURLINFO_RESPONSE_CODE"
  unsigned OutArg;          ///< the argument receiving the status
};

struct StatusKnowledge {
  /// Fields and methods whose value is an HTTP status code (NameList
  /// patterns, see RetryKnowledge.h).
  std::vector<llvm::StringRef> HttpStatusMembers;
  std::vector<StatusOutput> HttpStatusOutputs;
  /// HTTP statuses a retry can fix: a timeout of the request (408), a rate
  /// limit (429), and server errors other than 501.
  std::vector<int> RetryableHttpStatuses;
  /// Client errors named in messages: they fail the same way every time.
  std::vector<int> PermanentHttpExamples;
  /// Types of an RPC status, and the methods reading its code.
  std::vector<llvm::StringRef> RpcStatusTypes;
  std::vector<llvm::StringRef> RpcCodeMethods;
  /// Types of an RPC code value (`grpc::StatusCode`).
  std::vector<llvm::StringRef> RpcCodeTypes;
  /// Enumerator names of the codes a retry can fix, and of those it never
  /// fixes (for messages).
  std::vector<llvm::StringRef> RetryableRpcCodes;
  std::vector<llvm::StringRef> PermanentRpcCodes;
  /// The enumerator meaning success.
  llvm::StringRef RpcOkCode;
  /// Substrings (lower case) of a function name that classify a failure
  /// (`IsRetryable(status)`, `is_transient(code)`).
  std::vector<llvm::StringRef> ClassifierNameHints;
  /// HTTP methods a server may apply twice when a request is repeated.
  std::vector<llvm::StringRef> NonIdempotentMethods;
};

/// The built-in knowledge.
const StatusKnowledge &statusKnowledge();

} // namespace model
} // namespace resilience

#endif
