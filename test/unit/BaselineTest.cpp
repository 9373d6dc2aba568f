//===--- BaselineTest.cpp - Baseline file format and matching -------------===//

#include "Baseline.h"
#include "Fingerprint.h"
#include "gtest/gtest.h"

using namespace resilience;

static Finding make(const std::string &Text, unsigned Line) {
  Finding F;
  F.Check = "resilience-missing-timeout";
  F.Message = "msg\nwith a line break";
  F.Where.Path = "src/a.cpp";
  F.Where.Begin = Position{Line, 3, 3};
  F.LineText = Text;
  return F;
}

TEST(Baseline, RoundTripSurvivesLinesInsertedAbove) {
  std::vector<Finding> Today = {make("perform(h);", 5), make("perform(a);", 9)};
  assignFingerprints(Today);
  std::string File = formatBaseline(Today);
  Baseline Base;
  std::string Error;
  ASSERT_TRUE(parseBaseline(File, Base, Error)) << Error;
  EXPECT_EQ(Base.size(), 2u);

  std::vector<Finding> Tomorrow = {make("perform(h);", 8), make("perform(n);", 11),
                                   make("perform(a);", 12)};
  assignFingerprints(Tomorrow);
  unsigned Stale = 7;
  EXPECT_EQ(applyBaseline(Tomorrow, Base, Stale), 2u);
  ASSERT_EQ(Tomorrow.size(), 1u);
  EXPECT_EQ(Tomorrow[0].LineText, "perform(n);");
  EXPECT_EQ(Stale, 0u);
}

TEST(Baseline, CountsStaleEntriesAndDuplicates) {
  std::vector<Finding> Today = {make("p(h);", 5), make("p(h);", 6)};
  assignFingerprints(Today);
  Baseline Base;
  std::string Error;
  ASSERT_TRUE(parseBaseline(formatBaseline(Today), Base, Error));
  std::vector<Finding> Later = {make("p(h);", 7)};
  assignFingerprints(Later);
  unsigned Stale = 0;
  EXPECT_EQ(applyBaseline(Later, Base, Stale), 1u);
  EXPECT_TRUE(Later.empty());
  EXPECT_EQ(Stale, 1u);
}

TEST(Baseline, FileIsSortedOneEntryPerLine) {
  std::vector<Finding> F = {make("b();", 1), make("a();", 2), make("c();", 3)};
  assignFingerprints(F);
  std::string File = formatBaseline(F);
  std::vector<std::string> Lines;
  size_t Pos = 0, Eol;
  while ((Eol = File.find('\n', Pos)) != std::string::npos) {
    Lines.push_back(File.substr(Pos, Eol - Pos));
    Pos = Eol + 1;
  }
  ASSERT_EQ(Lines.size(), 5u); // two comment lines, three entries
  EXPECT_EQ(Lines[0], "# resilience-tidy baseline v1");
  EXPECT_TRUE(std::is_sorted(Lines.begin() + 2, Lines.end()));
  EXPECT_NE(Lines[2].find("src/a.cpp:"), std::string::npos);
  EXPECT_NE(Lines[2].find("msg with a line break"), std::string::npos);
}

TEST(Baseline, RejectsMalformedLines) {
  Baseline Base;
  std::string Error;
  EXPECT_TRUE(parseBaseline("# comment\n\n   \n", Base, Error));
  EXPECT_TRUE(Base.empty());
  EXPECT_FALSE(parseBaseline("# ok\nDEADBEEF x\n", Base, Error));
  EXPECT_EQ(Error, "line 2: expected a 32-digit fingerprint, found 'DEADBEEF'");
}
