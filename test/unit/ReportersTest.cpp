//===--- ReportersTest.cpp - Every format on a hand-made report -----------===//
//
// The lit tests cover the formats end to end; this covers what the current
// checks never produce (fix-its, suppressed results, errors, files outside
// the source root, hostile messages). With RT_SARIF_DUMP=<file> set, the
// SARIF of the full report is also written there, for the lit test that
// validates it with the SARIF Multitool.
//
//===----------------------------------------------------------------------===//

#include "Fingerprint.h"
#include "Reporters/Reporters.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <cstdlib>
#include <fstream>

using namespace resilience;

static Span span(const std::string &Path, unsigned Line, unsigned Col,
                 unsigned EndCol) {
  Span S;
  S.Path = Path;
  S.Relative = Path.empty() || Path[0] != '/';
  S.Begin = Position{Line, Col, Col};
  S.End = Position{Line, EndCol, EndCol};
  return S;
}

static Report fullReport() {
  Report R;
  R.Checks = {"resilience-missing-timeout", "resilience-unbounded-retry"};
  R.SourceRoot = "/src/project/";
  R.ToolVersion = "1.2.3";
  R.DocsBaseUrl = "https://example.com/docs/checks/";
  R.InformationUri = "https://example.com/";
  R.FilesAnalyzed = 2;
  Finding A;
  A.Check = "resilience-missing-timeout";
  A.Message = "call on 'h'\n::set-output name=x::1 100%";
  A.Where = span("src/a.cpp", 4, 3, 20);
  A.LineText = "  curl_easy_perform(h);";
  A.Notes.push_back({span("src/a.cpp", 3, 3, 4), "configured here"});
  A.Edits.push_back({span("src/a.cpp", 4, 3, 3), "set_timeout(h); "});
  Finding B;
  B.Check = "resilience-unbounded-retry";
  B.Level = Severity::Error;
  B.Message = "retry loop | without a cap";
  B.Where = span("/elsewhere/b file.cpp", 7, 1, 6);
  B.LineText = "while (true) {";
  B.Suppressed = true;
  B.Justification = "the caller bounds it";
  R.Findings = {A, B};
  sortFindings(R.Findings);
  assignFingerprints(R.Findings);
  Problem P;
  P.Path = "src/broken.cpp";
  P.Relative = true;
  P.Line = 1;
  P.Column = 6;
  P.Message = "does not compile";
  R.Problems.push_back(P);
  return R;
}

static std::string render(OutputFormat F, const Report &R) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  writeReport(F, R, OS);
  OS.flush();
  return Out;
}

TEST(Reporters, FormatNames) {
  EXPECT_EQ(parseOutputFormat("sarif"), OutputFormat::Sarif);
  EXPECT_EQ(parseOutputFormat("gitlab"), OutputFormat::CodeClimate);
  EXPECT_FALSE(parseOutputFormat("SARIF").has_value());
}

TEST(Reporters, GitHubOneCommandPerLine) {
  std::string Out = render(OutputFormat::GitHub, fullReport());
  EXPECT_EQ(Out,
            "::error file=/elsewhere/b file.cpp,line=7,col=1,endLine=7,"
            "endColumn=6,title=resilience-unbounded-retry::retry loop | "
            "without a cap [resilience-unbounded-retry]\n"
            "::warning file=src/a.cpp,line=4,col=3,endLine=4,endColumn=20,"
            "title=resilience-missing-timeout::call on 'h'%0A::set-output "
            "name=x::1 100%25 [resilience-missing-timeout]%0Anote: "
            "src/a.cpp:3:3: configured here\n"
            "::error file=src/broken.cpp,line=1,col=6,title=resilience-tidy::"
            "does not compile\n");
}

TEST(Reporters, SarifCarriesFixesSuppressionsAndNotifications) {
  Report R = fullReport();
  std::string Out = render(OutputFormat::Sarif, R);
  if (const char *Dump = std::getenv("RT_SARIF_DUMP"))
    std::ofstream(Dump) << Out;
  auto Doc = llvm::json::parse(Out);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *Run =
      Doc->getAsObject()->getArray("runs")->front().getAsObject();
  const llvm::json::Array *Results = Run->getArray("results");
  ASSERT_EQ(Results->size(), 2u);

  // Sorted: the absolute path first.
  const llvm::json::Object *B = (*Results)[0].getAsObject();
  EXPECT_EQ(*B->getString("ruleId"), "resilience-unbounded-retry");
  EXPECT_EQ(*B->getInteger("ruleIndex"), 1);
  EXPECT_EQ(*B->getString("level"), "error");
  const llvm::json::Object *Loc = B->getArray("locations")
                                      ->front()
                                      .getAsObject()
                                      ->getObject("physicalLocation")
                                      ->getObject("artifactLocation");
  EXPECT_EQ(*Loc->getString("uri"), "file:///elsewhere/b%20file.cpp");
  EXPECT_EQ(Loc->getString("uriBaseId"), std::nullopt);
  const llvm::json::Object *Sup =
      B->getArray("suppressions")->front().getAsObject();
  EXPECT_EQ(*Sup->getString("kind"), "inSource");
  EXPECT_EQ(*Sup->getString("justification"), "the caller bounds it");

  const llvm::json::Object *A = (*Results)[1].getAsObject();
  const llvm::json::Object *Fix = A->getArray("fixes")->front().getAsObject();
  const llvm::json::Object *Change =
      Fix->getArray("artifactChanges")->front().getAsObject();
  EXPECT_EQ(*Change->getObject("artifactLocation")->getString("uri"),
            "src/a.cpp");
  const llvm::json::Object *Rep =
      Change->getArray("replacements")->front().getAsObject();
  EXPECT_EQ(*Rep->getObject("deletedRegion")->getInteger("startColumn"), 3);
  EXPECT_EQ(*Rep->getObject("insertedContent")->getString("text"),
            "set_timeout(h); ");
  EXPECT_EQ(A->getObject("partialFingerprints")
                ->getString("resilienceTidyFingerprint/v1")
                ->size(),
            32u);

  const llvm::json::Object *Inv =
      Run->getArray("invocations")->front().getAsObject();
  EXPECT_EQ(Inv->getBoolean("executionSuccessful"), false);
  EXPECT_EQ(Inv->getArray("toolExecutionNotifications")->size(), 1u);
  EXPECT_EQ(*Run->getObject("originalUriBaseIds")
                 ->getObject("SRCROOT")
                 ->getString("uri"),
            "file:///src/project/");
}

TEST(Reporters, RdJsonSuggestionsAndCodeClimateSeverity) {
  Report R = fullReport();
  std::string Rd = render(OutputFormat::RdJson, R);
  EXPECT_NE(Rd.find("\"suggestions\""), std::string::npos);
  EXPECT_NE(Rd.find("\"text\": \"set_timeout(h); \""), std::string::npos);
  EXPECT_NE(Rd.find("\"severity\": \"ERROR\""), std::string::npos);
  std::string Cc = render(OutputFormat::CodeClimate, R);
  EXPECT_NE(Cc.find("\"severity\": \"critical\""), std::string::npos);
  EXPECT_NE(Cc.find("\"severity\": \"major\""), std::string::npos);
  // JSON escaping keeps the hostile message inside its string.
  EXPECT_NE(Cc.find("call on 'h'\\n::set-output"), std::string::npos);
}

TEST(Reporters, MarkdownEscapesAndCounts) {
  Report R = fullReport();
  R.HiddenByDiff = 3;
  R.HiddenByBaseline = 1;
  R.StaleBaseline = 2;
  std::string Md = render(OutputFormat::Markdown, R);
  EXPECT_NE(Md.find("**2 findings** in 2 files analyzed. 3 findings outside "
                    "the changed lines not shown. 1 finding accepted by the "
                    "baseline not shown. 2 baseline entries no longer found."),
            std::string::npos)
      << Md;
  EXPECT_NE(Md.find("retry loop \\| without a cap"), std::string::npos);
  EXPECT_NE(Md.find("- src/broken.cpp:1: does not compile"), std::string::npos);
  EXPECT_NE(Md.find("| [resilience-unbounded-retry](https://example.com/docs/"
                    "checks/resilience-unbounded-retry.md) | 1 |"),
            std::string::npos);
}
