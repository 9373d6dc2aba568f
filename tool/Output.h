//===--- Output.h - Everything after the engine: filters and reports ------===//

#ifndef RESILIENCE_TIDY_TOOL_OUTPUT_H
#define RESILIENCE_TIDY_TOOL_OUTPUT_H

#include "Finding.h"
#include "Reporters/Reporters.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <string>
#include <vector>

namespace resilience {

struct OutputRequest {
  OutputFormat Format = OutputFormat::Text;
  std::string Path; // empty: standard output
};

struct OutputOptions {
  std::vector<OutputRequest> Requests;
  std::string SourceRoot; // absolute, ending in '/'
  Severity FailOn = Severity::Warning;
  bool FailNever = false;
  std::string DiffBase, ChangedLines;
  std::string Baseline, BaselineWrite;
  std::string ExportFixes;
  std::string DocsUrl;
  std::string ToolVersion;
  bool Fix = false;
  bool Quiet = false;
};

/// Checks --format names (Outputs[i]: the file of Formats[i], empty for
/// standard output), checks --fail-on and resolves
/// --source-root. False with Error set on a bad combination.
bool parseOutputOptions(const std::vector<std::string> &Formats,
                        const std::vector<std::string> &Outputs,
                        const std::string &FailOn, const std::string &Root,
                        OutputOptions &Out, std::string &Error);

/// Filters the engine's results (diff, baseline), writes every requested
/// report and file (Suppressed, with their NOLINT reasons: SARIF only), prints the summary on stderr, and returns the exit code.
int report(const std::vector<clang::tidy::ClangTidyError> &Errors,
           const std::vector<std::pair<clang::tidy::ClangTidyError, std::string>>
               &Suppressed,
           std::vector<Problem> Problems, const std::vector<std::string> &Checks,
           unsigned FilesAnalyzed, unsigned SuppressedByNolint,
           clang::tidy::ClangTidyContext &Context,
           llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
           const OutputOptions &Options);

} // namespace resilience

#endif
