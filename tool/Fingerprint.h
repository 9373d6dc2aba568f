//===--- Fingerprint.h - Identity of a finding across edits ---------------===//
//
// A finding's fingerprint must survive unrelated edits (lines inserted above
// it) so that baselines and SARIF partialFingerprints keep matching. It is a
// hash of the check, the file, the flagged line's text with whitespace
// normalized, and the occurrence index among findings with those same three
// values; never of the line number.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_FINGERPRINT_H
#define RESILIENCE_TIDY_TOOL_FINGERPRINT_H

#include "Finding.h"
#include <string>
#include <vector>

namespace resilience {

/// Trims the line and collapses runs of spaces and tabs to one space.
std::string normalizeLineText(const std::string &Line);

/// 32 lowercase hex digits.
std::string fingerprint(const std::string &Check, const std::string &Path,
                        const std::string &LineText, unsigned Occurrence);

/// Fills Finding::Fingerprint; Findings must already be sorted
/// (sortFindings) so occurrence indexes follow source order.
void assignFingerprints(std::vector<Finding> &Findings);

} // namespace resilience

#endif
