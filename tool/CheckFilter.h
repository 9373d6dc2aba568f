//===--- CheckFilter.h - The standalone tool runs our checks only ---------===//
//
// A project's .clang-tidy usually enables other checks (clang-analyzer-*,
// bugprone-*, compiler warnings as clang-diagnostic-*). clang-tidy itself
// runs those; the standalone tool must not: it would run the whole static
// analyzer, report its findings and fail CI for them. This provider wraps
// another and ends every file's configuration with one more source whose
// Checks list is "-*" followed by exactly the resilience checks the merged
// configuration enables: the intersection of what the project asks for
// with resilience-*. CheckOptions and everything else pass through.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_CHECKFILTER_H
#define RESILIENCE_TIDY_TOOL_CHECKFILTER_H

#include "clang-tidy/ClangTidyOptions.h"
#include <memory>
#include <string>
#include <vector>

namespace resilience {

/// The resilience checks a merged Checks glob list enables, in the order
/// of All (every check the resilience module registers).
std::vector<std::string> enabledOwnChecks(llvm::StringRef MergedGlobs,
                                          const std::vector<std::string> &All);

class OwnChecksOnlyProvider : public clang::tidy::ClangTidyOptionsProvider {
public:
  /// Extra: checks the tool itself turns on (the retry-loop review emitter
  /// when a review format is asked for), whatever the configuration says.
  explicit OwnChecksOnlyProvider(
      std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner,
      std::vector<std::string> Extra = {});
  const clang::tidy::ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override;

private:
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner;
  std::vector<std::string> OwnChecks;
  std::vector<std::string> Extra;
};

} // namespace resilience

#endif
