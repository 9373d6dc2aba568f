//===--- Reporters.h - The output formats besides clang-tidy's text -------===//
//
// Each reporter writes one Report to a stream. The text format is not here:
// it is clang-tidy's own printer (clang::tidy::handleErrors), so that the
// standalone tool prints byte for byte what the plugin prints.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_REPORTERS_REPORTERS_H
#define RESILIENCE_TIDY_TOOL_REPORTERS_REPORTERS_H

#include "Finding.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>
#include <string>

namespace resilience {

enum class OutputFormat {
  Text,
  Sarif,
  GitHub,
  CodeClimate,
  RdJson,
  Markdown,
  Review,
  Html
};

std::optional<OutputFormat> parseOutputFormat(const std::string &Name);

/// SARIF 2.1.0, one run.
void writeSarif(const Report &R, llvm::raw_ostream &OS);
/// GitHub Actions workflow commands (::warning file=...::message).
void writeGitHub(const Report &R, llvm::raw_ostream &OS);
/// GitLab Code Quality (a Code Climate issue array).
void writeCodeClimate(const Report &R, llvm::raw_ostream &OS);
/// reviewdog's Diagnostic Format (rdjson).
void writeRdJson(const Report &R, llvm::raw_ostream &OS);
/// A summary for $GITHUB_STEP_SUMMARY or a pull-request comment.
void writeMarkdown(const Report &R, llvm::raw_ostream &OS);

/// The retry-loop review items and the body of one pull-request review
/// (Review.cpp).
void writeReview(const Report &R, llvm::raw_ostream &OS);
/// One self-contained HTML page: summaries, findings, review items,
/// filters that work without a server (Html.cpp).
void writeHtml(const Report &R, llvm::raw_ostream &OS);

/// Formats that show the retry-loop review items (the tool asks the checks
/// for them only when one of these is requested).
bool showsReviewItems(OutputFormat F);

/// Dispatches on F; F must not be Text.
void writeReport(OutputFormat F, const Report &R, llvm::raw_ostream &OS);

/// The documentation page of a check.
std::string docsUrl(const Report &R, const std::string &Check);

} // namespace resilience

#endif
