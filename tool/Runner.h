//===--- Runner.h - Running the engine over translation units -------------===//
//
// In process (one clang::tidy::ClangTidyContext, one TU after the other), or
// one worker process per TU, N at a time: the engine's context is not
// thread-safe, and a process per TU also isolates crashes, so a TU that
// crashes the analyzer is reported and the others still are analyzed.
// Workers are this same executable with --internal-worker-output; they send
// their results back in clang's diagnostics YAML. The merged results are
// sorted and deduplicated as the engine does, so the output does not depend
// on the number of jobs.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_RUNNER_H
#define RESILIENCE_TIDY_TOOL_RUNNER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace resilience {

struct RunResult {
  std::vector<clang::tidy::ClangTidyError> Errors;
  unsigned SuppressedByNolint = 0;
  /// Files whose worker crashed or failed, with what happened.
  std::vector<std::pair<std::string, std::string>> Crashed;
};

/// Serializes a worker's results (what the parent reads back).
std::string serializeResults(const std::vector<clang::tidy::ClangTidyError> &Errors,
                             unsigned SuppressedByNolint);
bool deserializeResults(llvm::StringRef Text, RunResult &Into);

/// Sorts and deduplicates like the engine's diagnostic consumer.
void sortAndUnique(std::vector<clang::tidy::ClangTidyError> &Errors);

/// Runs Executable once per file, at most Jobs at a time. ArgsFor gives
/// the command line of the worker for a file and its result path.
RunResult runWorkers(
    const std::string &Executable, const std::vector<std::string> &Files,
    unsigned Jobs, bool Progress,
    llvm::function_ref<std::vector<std::string>(const std::string &File,
                                                const std::string &ResultPath)>
        ArgsFor);

} // namespace resilience

#endif
