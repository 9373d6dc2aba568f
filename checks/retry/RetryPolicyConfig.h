//===--- RetryPolicyConfig.h - Library retry policies given as data -------===//
//
// Some libraries retry by themselves, configured by data rather than by a
// loop: a gRPC service config's "retryPolicy" (gRFC A6) and libevent's
// evhttp_connection_set_retries. Their parameters can recreate the same
// retry storm a hand-written loop does. Pure functions, no AST.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_RETRYPOLICYCONFIG_H
#define RESILIENCE_TIDY_MODEL_RETRYPOLICYCONFIG_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace resilience {
namespace model {

struct ServiceConfigFinding {
  enum Kind {
    NoMaxAttempts,       ///< no cap on attempts (unbounded-retry)
    NoInitialBackoff,    ///< no initialBackoff (backoff)
    ZeroInitialBackoff,  ///< initialBackoff is "0s" (backoff)
    MultiplierNotGrowing ///< backoffMultiplier <= 1 (backoff)
  };
  Kind K;
  /// Which "retryPolicy" of the text, counting from 0 in text order.
  unsigned Policy;
  /// The offending value as written, for the message ("1.0", "0s").
  std::string Value;
};

/// Whether \p Text is worth parsing: it mentions a retryPolicy.
bool mentionsRetryPolicy(llvm::StringRef Text);

/// Parses \p Json as a gRPC service config and reports every retryPolicy
/// parameter that allows immediate, fixed-interval or endless retries.
/// Text that is not JSON gives nothing.
std::vector<ServiceConfigFinding> checkServiceConfig(llvm::StringRef Json);

/// Byte offset of the \p N-th (from 0) `"retryPolicy"` key in \p Text.
size_t retryPolicyOffset(llvm::StringRef Text, unsigned N);

} // namespace model
} // namespace resilience

#endif
