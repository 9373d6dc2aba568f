//===--- ResilienceModule.cpp - The one list of resilience checks ---------===//
//
// Compiled into both front ends: the clang-tidy plugin registers this module
// with the host's registry when it is loaded, and the standalone driver links
// it directly.
//
//===----------------------------------------------------------------------===//

#include "LLVMCompat.h"
#include "MissingIdempotencyKeyCheck.h"
#include "MissingTimeoutCheck.h"
#include "RetryAmplificationCheck.h"
#include "RetryNonRetryableCheck.h"
#include "RetryWithoutBackoffCheck.h"
#include "RetryWithoutJitterCheck.h"
#include "UnboundedRetryCheck.h"
#include "UnboundedWaitCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Basic/Version.h"
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace resilience {

/// A plugin is tied to the clang-tidy it was built against: there is no ABI
/// stability between LLVM releases, and a mismatched host crashes later with
/// a heap error. Compare "major.minor" of the running clang with ours, using
/// only C strings so that the check itself cannot trip over the ABI, and
/// name the plugin file that fits the host (ResilienceTidyModule-<major>.so).
static void refuseForeignHost() {
  std::string Running = clang::getClangFullVersion();
  char Want[32];
  std::snprintf(Want, sizeof(Want), "version %d.%d.", CLANG_VERSION_MAJOR,
                CLANG_VERSION_MINOR);
  if (std::strstr(Running.c_str(), Want))
    return;
  const char *At = std::strstr(Running.c_str(), "version ");
  int HostMajor = At ? std::atoi(At + 8) : 0;
  char Fits[64] = "";
  if (HostMajor > 0)
    std::snprintf(Fits, sizeof(Fits), " (ResilienceTidyModule-%d.so)",
                  HostMajor);
  std::fprintf(stderr,
               "error: resilience-tidy's plugin ResilienceTidyModule-%d.so "
               "was built for clang-tidy %d.%d and cannot run in this "
               "clang-tidy (%s); run it in clang-tidy-%d, load the plugin "
               "built for this clang-tidy%s, or use the standalone "
               "resilience-tidy\n",
               CLANG_VERSION_MAJOR, CLANG_VERSION_MAJOR, CLANG_VERSION_MINOR,
               Running.c_str(), CLANG_VERSION_MAJOR, Fits);
  std::fflush(stderr);
  std::_Exit(2);
}

class ResilienceModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    refuseForeignHost();
    F.registerCheck<MissingTimeoutCheck>("resilience-missing-timeout");
    F.registerCheck<RetryWithoutBackoffCheck>(
        "resilience-retry-without-backoff");
    F.registerCheck<RetryWithoutJitterCheck>("resilience-retry-without-jitter");
    F.registerCheck<UnboundedRetryCheck>("resilience-unbounded-retry");
    F.registerCheck<UnboundedWaitCheck>("resilience-unbounded-wait");
    F.registerCheck<MissingIdempotencyKeyCheck>(
        "resilience-missing-idempotency-key");
    F.registerCheck<RetryAmplificationCheck>("resilience-retry-amplification");
    F.registerCheck<RetryNonRetryableCheck>("resilience-retry-non-retryable");
  }
};

} // namespace resilience

static clang::tidy::ClangTidyModuleRegistry::Add<resilience::ResilienceModule>
    X("resilience", "Checks for network calls that can hang, retry "
                           "storms and payments without idempotency keys.");

// Lets the standalone driver force this file to be linked.
volatile int ResilienceModuleAnchorSource = 0;
