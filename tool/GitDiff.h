//===--- GitDiff.h - The lines a branch changed, from git -----------------===//

#ifndef RESILIENCE_TIDY_TOOL_GITDIFF_H
#define RESILIENCE_TIDY_TOOL_GITDIFF_H

#include <string>

namespace resilience {

/// Runs `git diff -U0 <Base>...HEAD` in the repository containing Dir.
/// Sets Toplevel to the repository's root (the diff's paths are relative to
/// it) and Diff to the output. On failure returns false with Error set.
/// Base is passed as one argument after --end-of-options, and external diff
/// drivers and textconv filters are disabled, so neither a revision name
/// nor the repository's attributes can run anything.
bool gitDiff(const std::string &Dir, const std::string &Base,
             std::string &Toplevel, std::string &Diff, std::string &Error);

} // namespace resilience

#endif
