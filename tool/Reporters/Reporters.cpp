//===--- Reporters.cpp - Format names and dispatch ------------------------===//

#include "Reporters.h"

namespace resilience {

std::optional<OutputFormat> parseOutputFormat(const std::string &Name) {
  if (Name == "text")
    return OutputFormat::Text;
  if (Name == "sarif")
    return OutputFormat::Sarif;
  if (Name == "github")
    return OutputFormat::GitHub;
  if (Name == "codeclimate" || Name == "gitlab")
    return OutputFormat::CodeClimate;
  if (Name == "rdjson")
    return OutputFormat::RdJson;
  if (Name == "markdown")
    return OutputFormat::Markdown;
  if (Name == "review")
    return OutputFormat::Review;
  if (Name == "html")
    return OutputFormat::Html;
  return std::nullopt;
}

void writeReport(OutputFormat F, const Report &R, llvm::raw_ostream &OS) {
  switch (F) {
  case OutputFormat::Text:
    break; // printed by clang-tidy's own printer, see Main.cpp
  case OutputFormat::Sarif:
    return writeSarif(R, OS);
  case OutputFormat::GitHub:
    return writeGitHub(R, OS);
  case OutputFormat::CodeClimate:
    return writeCodeClimate(R, OS);
  case OutputFormat::RdJson:
    return writeRdJson(R, OS);
  case OutputFormat::Markdown:
    return writeMarkdown(R, OS);
  case OutputFormat::Review:
    return writeReview(R, OS);
  case OutputFormat::Html:
    return writeHtml(R, OS);
  }
}

bool showsReviewItems(OutputFormat F) {
  return F == OutputFormat::Markdown || F == OutputFormat::Review ||
         F == OutputFormat::Html || F == OutputFormat::RdJson ||
         F == OutputFormat::CodeClimate;
}

std::string docsUrl(const Report &R, const std::string &Check) {
  return R.DocsBaseUrl + Check + ".md";
}

} // namespace resilience
