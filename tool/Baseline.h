//===--- Baseline.h - Accepting today's findings, reporting new ones ------===//
//
// A baseline file lists findings by fingerprint (Fingerprint.h), so it keeps
// matching when lines move. Format (documented in docs/ci.md), one finding
// per line, sorted, so that it diffs well in review:
//
//   # resilience-tidy baseline v1
//   <fingerprint> <check> <path>:<line>: <message>
//
// Only the first field is read back; the rest is for people. Lines starting
// with '#' and blank lines are ignored.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_BASELINE_H
#define RESILIENCE_TIDY_TOOL_BASELINE_H

#include "Finding.h"
#include <map>
#include <string>
#include <vector>

namespace resilience {

/// The text of a baseline file for these findings.
std::string formatBaseline(const std::vector<Finding> &Findings);

/// Fingerprint -> how many findings it stands for.
using Baseline = std::map<std::string, unsigned>;

/// Parses a baseline file; false with Error set when a line is malformed.
bool parseBaseline(const std::string &Text, Baseline &Out, std::string &Error);

/// Removes the findings the baseline accepts; returns how many were removed.
/// Stale is set to the number of baseline entries that matched nothing.
unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &Base,
                       unsigned &Stale);

} // namespace resilience

#endif
