//===--- Markdown.cpp - A summary for the job page or a PR comment ---------===//
//
// The retry-loop review items first (one per loop, with the guardrail
// checklist and a rewrite), then counts per check with links to the docs,
// then every other finding in a folded table (a finding a review item
// stands for is not listed again). Project text is escaped so it renders literally and cannot inject
// HTML or break out of its table cell.
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"
#include "ReviewText.h"
#include "Review/ReviewModel.h"
#include <map>

namespace resilience {

static std::string plural(unsigned N, const char *One, const char *Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many);
}

void writeMarkdown(const Report &R, llvm::raw_ostream &OS) {
  OS << "### resilience-tidy\n\n";
  if (R.Findings.empty())
    OS << "No findings";
  else
    OS << "**" << plural(R.Findings.size(), "finding", "findings") << "**";
  OS << " in " << plural(R.FilesAnalyzed, "file", "files") << " analyzed.";
  if (R.HiddenByDiff)
    OS << " " << plural(R.HiddenByDiff, "finding", "findings")
       << " outside the changed lines not shown.";
  if (R.HiddenByBaseline)
    OS << " " << plural(R.HiddenByBaseline, "finding", "findings")
       << " accepted by the baseline not shown.";
  if (R.StaleBaseline)
    OS << " " << plural(R.StaleBaseline, "baseline entry", "baseline entries")
       << " no longer found.";
  if (R.SuppressedByNolint)
    OS << " " << plural(R.SuppressedByNolint, "finding", "findings")
       << " suppressed by NOLINT.";
  if (!R.Reviews.empty()) {
    unsigned Incomplete = 0;
    for (const ReviewItem &I : R.Reviews)
      Incomplete += !I.complete();
    OS << " " << plural(R.Reviews.size(), "retry loop", "retry loops")
       << " reviewed, " << Incomplete << " missing a guardrail.";
  }
  OS << "\n\n";

  if (!R.Problems.empty()) {
    OS << "**The analysis is incomplete:**\n\n";
    for (const Problem &P : R.Problems) {
      OS << "- ";
      if (!P.Path.empty()) {
        OS << escapeMarkdown(P.Path);
        if (P.Line)
          OS << ":" << P.Line;
        OS << ": ";
      }
      OS << escapeMarkdown(P.Message) << "\n";
    }
    OS << "\n";
  }
  if (!R.Reviews.empty()) {
    OS << "#### Retry loops\n\n";
    for (const ReviewItem &I : R.Reviews)
      OS << reviewCommentMarkdown(I, RewriteStyle::Code, /*WithLocation=*/true)
         << "\n";
  }
  if (R.Findings.empty())
    return;

  std::map<std::string, unsigned> PerCheck;
  for (const Finding &F : R.Findings)
    ++PerCheck[F.Check];
  OS << "| Check | Findings |\n| --- | ---: |\n";
  for (const auto &C : PerCheck)
    OS << "| [" << escapeMarkdown(C.first) << "](" << docsUrl(R, C.first)
       << ") | " << C.second << " |\n";

  std::vector<bool> Folded = foldedFindings(R);
  unsigned Others = 0;
  for (bool B : Folded)
    Others += !B;
  if (!Others)
    return;
  OS << "\n<details><summary>"
     << (R.Reviews.empty() ? "All findings" : "Other findings")
     << "</summary>\n\n"
     << "| Location | Level | Check | Message |\n| --- | --- | --- | --- |\n";
  for (unsigned N = 0; N < R.Findings.size(); ++N) {
    if (Folded[N])
      continue;
    const Finding &F = R.Findings[N];
    OS << "| " << escapeMarkdown(F.Where.Path) << ":" << F.Where.Begin.Line
       << ":" << F.Where.Begin.CharColumn << " | " << severityName(F.Level)
       << " | " << escapeMarkdown(F.Check) << " | "
       << escapeMarkdown(F.Message) << " |\n";
  }
  OS << "\n</details>\n";
}

} // namespace resilience
