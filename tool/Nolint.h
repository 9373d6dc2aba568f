//===--- Nolint.h - NOLINT comments and the reasons given for them --------===//
//
// clang-tidy applies NOLINT inside its engine, so the suppressed findings
// never reach the driver. The driver reads the comments itself for two
// things: --require-nolint-reason (a NOLINT covering resilience checks must
// say why, after a colon: `NOLINT(resilience-missing-timeout): retried by
// the caller`), and the justification of suppressed results in SARIF.
// Directives are found as clang-tidy finds them: anywhere on a line.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_NOLINT_H
#define RESILIENCE_TIDY_TOOL_NOLINT_H

#include <string>
#include <vector>

namespace resilience {

struct NolintDirective {
  enum Kind { SameLine, NextLine, Begin, End };
  Kind Type = SameLine;
  unsigned Offset = 0; // of "NOLINT" in the file
  unsigned Line = 0;   // 1-based
  bool AllChecks = true;
  std::vector<std::string> Globs; // when !AllChecks
  std::string Reason;             // after ':', trimmed; empty if none
};

std::vector<NolintDirective> findNolintDirectives(const std::string &Text);

/// Whether the directive names Check (no list names every check).
bool nolintNames(const NolintDirective &D, const std::string &Check);

/// The directive that keeps a finding of Check on Line from being shown:
/// NOLINT on that line, NOLINTNEXTLINE on the one before, or an enclosing
/// NOLINTBEGIN/NOLINTEND. Null if none.
const NolintDirective *findSuppressor(const std::vector<NolintDirective> &All,
                                      const std::string &Check, unsigned Line);

/// Text of the same length with every directive made inert (NOLINT ->
/// NOLINX), so offsets and lines stay, for the pass that finds what NOLINT
/// suppressed.
std::string disableNolint(const std::string &Text);

} // namespace resilience

#endif
