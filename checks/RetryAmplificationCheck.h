//===--- RetryAmplificationCheck.h - resilience-retry-amplification -------===//

#ifndef RESILIENCE_TIDY_RETRYAMPLIFICATIONCHECK_H
#define RESILIENCE_TIDY_RETRYAMPLIFICATIONCHECK_H

#include "RetryCheckCommon.h"
#include "retry/RetryLayers.h"

namespace resilience {

/// Finds a retry loop whose retried call retries again below it: a retry
/// loop in a function, lambda or method it calls, a handle configured to
/// retry (a gRPC channel with a retryPolicy, evhttp_connection_set_retries),
/// or an in-house client declared as retrying. The attempts multiply: one
/// request becomes the product of the caps, exactly when the dependency is
/// struggling.
///
/// Option (besides the shared retry options):
///  - RetryingClients: in-house calls that retry by themselves, `name` or
///    `name=N` (N attempts); a name is a function or a method, and counts as
///    a request for the retry-loop recognizer.
class RetryAmplificationCheck : public RetryCheckBase {
public:
  RetryAmplificationCheck(llvm::StringRef Name,
                          clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) override;
  void onStartOfTranslationUnit() override;

private:
  void report(const model::RetrySummary &S,
              const clang::ast_matchers::MatchFinder::MatchResult &R) override;

  std::string RawClients;
  std::vector<model::RetryingClient> Clients;
  std::unique_ptr<model::RetryLayers> Layers;
  clang::ASTContext *LayersContext = nullptr;
};

} // namespace resilience

#endif
