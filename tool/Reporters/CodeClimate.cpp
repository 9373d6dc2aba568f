//===--- CodeClimate.cpp - GitLab Code Quality report ----------------------===//
//
// GitLab reads an array of Code Climate issues from the job artifact named
// in `artifacts:reports:codequality`; it needs description, check_name,
// fingerprint, severity, location.path and location.lines.begin.
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"
#include "ReviewText.h"
#include "Review/ReviewModel.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using llvm::json::Array;
using llvm::json::Object;

namespace resilience {

// Streamed, one issue's JSON at a time.
void writeCodeClimate(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.array([&] {
  // One entry per retry loop that misses a guardrail; it stands for the
  // loop's individual findings, which are not listed again.
  for (const ReviewItem &I : R.Reviews) {
    if (I.complete())
      continue;
    J.value(Object{
        {"type", "issue"},
        {"check_name", ReviewEntryName},
        {"description", toValidUtf8(reviewPlainMessage(I))},
        {"content",
         Object{{"body", toValidUtf8(reviewCommentMarkdown(
                             I, RewriteStyle::Code, /*WithLocation=*/false))}}},
        {"categories", Array{"Bug Risk"}},
        {"severity", "major"},
        {"fingerprint", I.Fingerprint},
        {"location",
         Object{{"path", toValidUtf8(I.Loop.Path)},
                {"lines", Object{{"begin", I.Loop.Begin.Line},
                                 {"end", I.Loop.End.Line}}}}}});
  }
  std::vector<bool> Folded = foldedFindings(R);
  for (unsigned N = 0; N < R.Findings.size(); ++N) {
    if (Folded[N])
      continue;
    const Finding &F = R.Findings[N];
    std::string Body;
    for (const Note &N : F.Notes)
      Body += "note: " + N.Where.Path + ":" + std::to_string(N.Where.Begin.Line) +
              ": " + N.Message + "\n";
    Body += "See " + docsUrl(R, F.Check);
    J.value(Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", toValidUtf8(F.Message)},
        {"content", Object{{"body", toValidUtf8(Body)}}},
        {"categories", Array{"Bug Risk"}},
        {"severity", F.Level == Severity::Error ? "critical" : "major"},
        {"fingerprint", F.Fingerprint},
        {"location",
         Object{{"path", toValidUtf8(F.Where.Path)},
                {"lines", Object{{"begin", F.Where.Begin.Line},
                                 {"end", F.Where.End.Line ? F.Where.End.Line
                                                          : F.Where.Begin.Line}}}}}});
  }
  });
  OS << "\n";
}

} // namespace resilience
