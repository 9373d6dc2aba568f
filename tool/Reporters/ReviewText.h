//===--- ReviewText.h - A retry loop's review comment, in markdown ---------===//
//
// The same text is the item in the markdown summary, the body of the
// pull-request review comment (--format=review), and the description of
// the reviewdog and GitLab entries. Project text is escaped; the rewrite
// goes in a code fence longer than any backtick run it holds.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_REPORTERS_REVIEWTEXT_H
#define RESILIENCE_TIDY_TOOL_REPORTERS_REVIEWTEXT_H

#include "Finding.h"
#include <string>
#include <utility>
#include <vector>

namespace resilience {

enum class RewriteStyle {
  None,       ///< no rewrite shown
  Code,       ///< a ```cpp block to copy
  Suggestion, ///< a GitHub ```suggestion block replacing the loop's lines
};

/// Text with `code` spans, as markdown: the text between spans escaped,
/// each span a code span whose delimiters outrun any backticks inside.
std::string inlineMarkdown(const std::string &S);

/// S split at backtick pairs: (text, is a code span) pieces.
std::vector<std::pair<std::string, bool>> codeSpans(const std::string &S);

/// "Retry loop around `charge` (payment POST): 0 of 3 guardrails".
std::string reviewHeadline(const ReviewItem &I);

/// The headline, the checklist with evidence lines, and the rewrite.
/// WithLocation prefixes the headline with path:line.
std::string reviewCommentMarkdown(const ReviewItem &I, RewriteStyle Style,
                                  bool WithLocation);

/// The name review entries carry where a check name is expected (GitLab's
/// check_name, reviewdog's code).
inline constexpr const char *ReviewEntryName = "resilience-retry-loop-review";

/// One paragraph of plain text: "retry loop around 'charge' (payment POST):
/// 0 of 3 guardrails; missing: exponential backoff with jitter (fixed
/// delay ...), ...".
std::string reviewPlainMessage(const ReviewItem &I);

/// One line per guardrail, plain text (no markdown), for plain outputs.
std::string reviewChecklistText(const ReviewItem &I);

/// The language of a path's code block: "c" or "cpp".
const char *codeLanguage(const std::string &Path);

/// A fence of backticks longer than any run of backticks in Text.
std::string codeFence(const std::string &Text);

} // namespace resilience

#endif
