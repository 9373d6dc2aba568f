//===--- ReviewTest.cpp - Review items: parsing, folding, hostile text -----===//

#include "Fingerprint.h"
#include "Reporters/Reporters.h"
#include "Reporters/ReviewText.h"
#include "Review/ReviewModel.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace resilience;

static Span at(const std::string &Path, unsigned Line, unsigned Col) {
  Span S;
  S.Path = Path;
  S.Relative = true;
  S.Begin = Position{Line, Col, Col};
  S.End = Position{Line, Col + 3, Col + 3};
  return S;
}

/// What the emitter sends for a loop on lines 10-14 of Path.
static Finding emitted(const std::string &Path, const std::string &Call,
                       const char *Backoff, const char *Cap, const char *Key,
                       const std::string &Rewrite) {
  llvm::json::Object Facts{
      {"call", Call},
      {"payment", std::string(Key) != "not-needed"},
      {"guardrails",
       llvm::json::Array{
           llvm::json::Object{{"name", "backoff"}, {"status", Backoff}, {"summary", "`sleep(1)`: fixed"}},
           llvm::json::Object{{"name", "cap"}, {"status", Cap}, {"summary", "no cap"}},
           llvm::json::Object{{"name", "key"}, {"status", Key}, {"summary", "no key"}}}},
      {"folds", llvm::json::Array{
                    llvm::json::Object{{"check", "resilience-unbounded-retry"}, {"scope", "header"}},
                    llvm::json::Object{{"check", "resilience-missing-idempotency-key"}, {"scope", "loop"}}}},
      {"rewrite", Rewrite}};
  std::string Msg;
  llvm::raw_string_ostream OS(Msg);
  OS << llvm::json::Value(std::move(Facts));
  OS.flush();
  Finding F;
  F.Check = ReviewDiagnosticName;
  F.Level = Severity::Note;
  F.Message = Msg;
  F.Where = at(Path, 10, 3);
  F.Notes.push_back({at(Path, 14, 3), "loop-end"});
  F.Notes.push_back({at(Path, 12, 5), "evidence:backoff"});
  return F;
}

static Finding finding(const std::string &Check, const std::string &Path,
                       unsigned Line, unsigned Col) {
  Finding F;
  F.Check = Check;
  F.Message = Check + " message";
  F.Where = at(Path, Line, Col);
  return F;
}

TEST(Review, ParsesFactsAndEvidence) {
  ReviewItem I;
  std::vector<FoldRule> Folds;
  ASSERT_TRUE(parseReviewFinding(
      emitted("a.cpp", "post", "missing", "present", "missing", "x\n"), I, Folds));
  EXPECT_EQ(I.Loop.Begin.Line, 10u);
  EXPECT_EQ(I.Loop.End.Line, 14u);
  EXPECT_TRUE(I.Payment);
  ASSERT_EQ(I.Guardrails.size(), 3u);
  ASSERT_TRUE(I.Guardrails[0].Evidence.has_value());
  EXPECT_EQ(I.Guardrails[0].Evidence->Begin.Line, 12u);
  EXPECT_EQ(I.verdict(), "1 of 3 guardrails");
  EXPECT_EQ(Folds.size(), 2u);
}

TEST(Review, VerdictCountsOnlyNeededGuardrails) {
  ReviewItem I;
  std::vector<FoldRule> Folds;
  ASSERT_TRUE(parseReviewFinding(
      emitted("a.cpp", "get", "present", "present", "not-needed", ""), I, Folds));
  EXPECT_EQ(I.verdict(), "2 of 2 guardrails; not a payment call, no key needed");
  EXPECT_TRUE(I.complete());
  ASSERT_TRUE(parseReviewFinding(
      emitted("a.cpp", "get", "unknown", "missing", "not-needed", ""), I, Folds));
  EXPECT_EQ(I.verdict(),
            "0 of 2 guardrails (1 out of sight); not a payment call, no key needed");
}

TEST(Review, RejectsWhatItDoesNotUnderstand) {
  ReviewItem I;
  std::vector<FoldRule> Folds;
  Finding F = emitted("a.cpp", "post", "missing", "present", "missing", "");
  F.Message = "not json";
  EXPECT_FALSE(parseReviewFinding(F, I, Folds));
  F = emitted("a.cpp", "post", "sort-of", "present", "missing", "");
  EXPECT_FALSE(parseReviewFinding(F, I, Folds));
}

TEST(Review, FoldsEachFindingIntoOneItemOnly) {
  Report R;
  R.Findings = {emitted("a.cpp", "post", "missing", "missing", "missing", ""),
                finding("resilience-unbounded-retry", "a.cpp", 10, 3),
                finding("resilience-unbounded-retry", "a.cpp", 20, 3),  // another loop
                finding("resilience-missing-idempotency-key", "a.cpp", 11, 9),
                finding("resilience-missing-idempotency-key", "b.cpp", 11, 9),
                finding("resilience-missing-timeout", "a.cpp", 11, 9)};
  extractReviewItems(R);
  ASSERT_EQ(R.Reviews.size(), 1u);
  ASSERT_EQ(R.Findings.size(), 5u);
  foldReviewItems(R);
  std::vector<bool> Folded = foldedFindings(R);
  EXPECT_EQ(Folded, (std::vector<bool>{true, false, true, false, false}));
}

TEST(Review, HostileTextStaysText) {
  ReviewItem I;
  std::vector<FoldRule> Folds;
  ASSERT_TRUE(parseReviewFinding(
      emitted("<img src=x>.cpp", "f<script>alert(1)</script>", "missing",
              "missing", "missing", "a ``` b\n```\n"),
      I, Folds));
  std::string Md = reviewCommentMarkdown(I, RewriteStyle::Suggestion, true);
  // Only inside a code span, which markdown renders literally.
  EXPECT_NE(Md.find("`f<script>alert(1)</script>`"), std::string::npos) << Md;
  EXPECT_EQ(Md.find("<script>"), Md.find("`f<script>") + 2) << Md;
  EXPECT_EQ(Md.find("<img"), std::string::npos) << Md;
  // The rewrite's own fences cannot close the suggestion block.
  EXPECT_NE(Md.find("````suggestion\n"), std::string::npos) << Md;
  Report R;
  R.Reviews.push_back(I);
  R.ReviewFolds.push_back(Folds);
  std::string Html;
  llvm::raw_string_ostream OS(Html);
  writeHtml(R, OS);
  OS.flush();
  EXPECT_EQ(Html.find("<script>alert"), std::string::npos);
  EXPECT_EQ(Html.find("<img src=x>"), std::string::npos);
  EXPECT_NE(Html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST(Review, CodeSpans) {
  EXPECT_EQ(inlineMarkdown("a `x|y` b_c"), "a `x|y` b\\_c");
  EXPECT_EQ(inlineMarkdown("`a``b`"), "`a``b`");
}
