//===--- ReviewItem.h - One review comment per retry loop ------------------===//
//
// The retry checks report a loop's missing guardrails one at a time, each at
// its own line. A reviewer wants one comment per loop: which of the three
// guardrails (backoff with jitter, a cap on attempts, an idempotency key
// made once) are there, with the evidence, a verdict and a rewrite. The
// checks' emitter (checks/review/RetryLoopReview) sends the facts as one
// diagnostic per loop under an internal name; ReviewParse turns it into this
// record, and ReviewFold ties the individual findings of that loop to it, so
// the review outputs show the item instead of them (never both).
//
//===----------------------------------------------------------------------===//

// Finding.h defines the records an item is made of, then includes this
// file for Report; included first, this file lets Finding.h do that.
#ifndef RESILIENCE_TIDY_TOOL_FINDING_H
#include "Finding.h"
#else
#ifndef RESILIENCE_TIDY_TOOL_REVIEW_REVIEWITEM_H
#define RESILIENCE_TIDY_TOOL_REVIEW_REVIEWITEM_H

#include <optional>
#include <string>
#include <vector>

namespace resilience {

/// The diagnostic name the emitter uses. Not a check: clang-tidy's plugin
/// does not register it, and the tool never prints it as a finding.
inline constexpr const char *ReviewDiagnosticName = "review-retry-loop";

enum class GuardrailKind { Backoff, Cap, Key };
enum class GuardrailStatus { Present, Missing, Unknown, NotNeeded };

struct Guardrail {
  GuardrailKind Kind = GuardrailKind::Backoff;
  GuardrailStatus Status = GuardrailStatus::Missing;
  /// One line for the checklist: "fixed 100 ms delay: does not grow, no
  /// cap, no jitter".
  std::string Summary;
  /// Where the evidence is: the delay, the bound, the key's creation.
  std::optional<Span> Evidence;
};

struct ReviewItem {
  /// The loop: Begin at its keyword, End.Line its last line.
  Span Loop;
  std::string Call;        ///< the retried call, as the checks name it
  std::optional<Span> CallAt;
  bool Payment = false;    ///< a payment or other non-idempotent POST
  std::string PaymentWhat; ///< "POST to payment endpoint '...' via libcurl"
  std::vector<Guardrail> Guardrails; ///< backoff, cap, key, in this order
  /// The rewritten text of lines Loop.Begin.Line .. Loop.End.Line, whole
  /// lines with their indentation and final newline; empty if none.
  std::string Rewrite;
  /// Edits that are safe to apply as they are (a fix-it), possibly empty.
  std::vector<Edit> FixIt;
  /// Indices into Report::Findings of the individual findings this item
  /// stands for in the review outputs (ReviewFold).
  std::vector<unsigned> Folded;
  /// Diff mode: every line of the loop is a changed line (a GitHub
  /// suggestion block may replace them), and the line to comment on.
  bool AllLinesChanged = false;
  unsigned AnchorLine = 0;
  std::string Fingerprint;

  unsigned met() const;    ///< guardrails present (or not needed)
  unsigned needed() const; ///< 3, or 2 when no key is needed
  bool complete() const { return met() == needed(); }
  /// "2 of 3 guardrails", "1 of 2 guardrails (not a payment call, no key
  /// needed)".
  std::string verdict() const;
  Severity level() const { return complete() ? Severity::Note : Severity::Warning; }
};

/// Which individual findings an item stands for: the emitter names each
/// check, and whether its finding sits on the loop keyword (the retry
/// checks) or anywhere in the loop (the idempotency key check).
struct FoldRule {
  std::string Check;
  bool WholeLoop = false;
};

const char *guardrailTitle(GuardrailKind K); // "exponential backoff with jitter"
const char *guardrailId(GuardrailKind K);    // "backoff", "cap", "key"
const char *statusName(GuardrailStatus S);   // "present", "not-needed", ...
const char *statusLabel(GuardrailStatus S);  // "present", "not needed", ...

} // namespace resilience

#endif
#endif
