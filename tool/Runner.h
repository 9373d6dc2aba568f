//===--- Runner.h - Running the engine over translation units -------------===//
//
// Every translation unit is analyzed in a worker process, N at a time (one
// file and -j 1 too): the engine's context is not thread-safe, and a process
// per TU isolates crashes and hangs, so a TU that crashes the analyzer or
// runs past --file-timeout is reported and the others still are analyzed.
// Workers are this same executable with --internal-worker-output. The parent
// hands each worker the compile commands it already loaded and sanitized (and
// the configuration text it already read), so a worker re-reads no path the
// user named: `--config-file=<(...)` works with any -j. A worker's standard
// output and error go to files the parent reads: only the parent writes to
// the report streams, and whatever a worker prints is reported as a tool
// problem, never passed through. Results come back byte for byte (any file
// name encoding survives); the merged results are sorted and deduplicated as the engine does,
// so the output does not depend on the number of jobs.
//
#ifndef RESILIENCE_TIDY_TOOL_RUNNER_H
#define RESILIENCE_TIDY_TOOL_RUNNER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <memory>
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace resilience {

struct RunResult {
  std::vector<clang::tidy::ClangTidyError> Errors;
  unsigned SuppressedByNolint = 0;
  /// Files whose worker crashed, timed out or failed, with what happened.
  std::vector<std::pair<std::string, std::string>> Crashed;
};

/// Serializes a worker's results (what the parent reads back).
std::string serializeResults(const std::vector<clang::tidy::ClangTidyError> &Errors,
                             unsigned SuppressedByNolint);
bool deserializeResults(llvm::StringRef Text, RunResult &Into);

/// Removes the engine's complaints about the configuration (an invalid
/// option value, "clang-tidy-config") from Errors and returns their
/// messages, each once: they are configuration errors of the run, not
/// findings in code.
std::vector<std::string>
takeConfigurationErrors(std::vector<clang::tidy::ClangTidyError> &Errors);

/// Sorts and deduplicates like the engine's diagnostic consumer.
void sortAndUnique(std::vector<clang::tidy::ClangTidyError> &Errors);

/// Where a worker finds its input and puts its result.
struct WorkerPaths {
  std::string File;         // the file to analyze
  std::string ResultPath;   // where the worker writes its results
  std::string CommandsPath; // the compile commands (serializeCommands)
  std::string ConfigPath;   // the configuration text, if any was given
};

/// Compile commands in a byte-exact form (any byte in a file name or an
/// argument survives), for the parent to hand them to a worker.
std::string
serializeCommands(const std::vector<clang::tooling::CompileCommand> &Commands);
bool deserializeCommands(llvm::StringRef Text,
                         std::vector<clang::tooling::CompileCommand> &Out);

/// The commands of File in DB (its absolute path, as the engine asks),
/// each distinct command once: a database listing a file twice with the
/// same flags gets it analyzed once.
std::vector<clang::tooling::CompileCommand>
uniqueCommands(const clang::tooling::CompilationDatabase &DB,
               const std::string &File);

/// A compilation database holding just the given commands (a worker's).
std::unique_ptr<clang::tooling::CompilationDatabase>
makeListedDatabase(std::vector<clang::tooling::CompileCommand> Commands);

struct RunOptions {
  unsigned Jobs = 1;
  bool Progress = false;
  unsigned TimeoutSeconds = 0; // 0: none
  std::string ConfigText;      // written once for every worker, if set
};

/// Runs Executable once per file, at most Jobs at a time. CommandsFor gives
/// the compile commands of a file; ArgsFor the command line of its worker.
RunResult runWorkers(
    const std::string &Executable, const std::vector<std::string> &Files,
    const RunOptions &Options,
    llvm::function_ref<std::vector<clang::tooling::CompileCommand>(
        const std::string &File)>
        CommandsFor,
    llvm::function_ref<std::vector<std::string>(const WorkerPaths &)> ArgsFor);

} // namespace resilience

#endif
