//===--- Collect.h - From the engine's results to plain findings ----------===//

#ifndef RESILIENCE_TIDY_TOOL_COLLECT_H
#define RESILIENCE_TIDY_TOOL_COLLECT_H

#include "Finding.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include <vector>

namespace resilience {

/// True for an error of the compiler itself (the file did not parse), as
/// opposed to a finding of a check.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

/// The absolute, dot-free path of a diagnostic's file, which the engine
/// gives relative to the build directory of the compile command.
std::string absolutePath(const std::string &File, const std::string &BuildDir);

/// Turns every finding of Errors into a Finding (Origin: its position in
/// Errors) and every file that failed to compile into one
/// Problem. Findings come back sorted and fingerprinted.
void collect(const std::vector<clang::tidy::ClangTidyError> &Errors,
             const std::string &SourceRoot, std::vector<Finding> &Findings,
             std::vector<Problem> &Problems);

/// Path relative to Root (ending in '/') if under it, else unchanged.
std::string relativeTo(const std::string &Abs, const std::string &Root,
                       bool &Relative);

} // namespace resilience

#endif
