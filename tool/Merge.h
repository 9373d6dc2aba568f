//===--- Merge.h - resilience-tidy merge: one report from CI shards -------===//
//
//   resilience-tidy merge [--output=FILE] SHARD...
//
// Combines the reports of --shard=K/N runs into the report one run over
// every file would have written. The inputs must all be SARIF (read back
// into findings, deduplicated, sorted as a single run sorts them, written
// by the same SARIF writer) or all baselines (entries united and sorted).
// A header's finding reported by two shards appears once.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_MERGE_H
#define RESILIENCE_TIDY_TOOL_MERGE_H

#include "Finding.h"
#include <string>
#include <vector>

namespace resilience {

/// Reads one of our SARIF reports back into Into (findings, suppressed
/// findings, problems, rules and run properties); false with Error set.
bool readSarif(const std::string &Text, Report &Into, std::string &Error);

/// Merges several reports read by readSarif into the first: duplicates
/// dropped, everything sorted the way a single run orders it.
void mergeReports(std::vector<Report> &Shards, Report &Out);

/// The merge of several baseline files.
std::string mergeBaselines(const std::vector<std::string> &Texts);

/// The `merge` command; Args excludes the program name and "merge".
/// Returns the exit code (0, or 2 with a one-line error).
int runMerge(const std::vector<std::string> &Args);

} // namespace resilience

#endif
