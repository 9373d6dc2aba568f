//===--- FingerprintTest.cpp - Finding identity across edits --------------===//

#include "Fingerprint.h"
#include "gtest/gtest.h"

using namespace resilience;

static Finding make(const std::string &Path, unsigned Line, unsigned Col,
                    const std::string &Text) {
  Finding F;
  F.Check = "resilience-missing-timeout";
  F.Message = "m";
  F.Where.Path = Path;
  F.Where.Begin = Position{Line, Col, Col};
  F.LineText = Text;
  return F;
}

TEST(Fingerprint, NormalizesWhitespace) {
  EXPECT_EQ(normalizeLineText("  \tcurl_easy_perform( h );  \r"),
            "curl_easy_perform( h );");
  EXPECT_EQ(normalizeLineText("a  \t b"), "a b");
  EXPECT_EQ(normalizeLineText(""), "");
}

TEST(Fingerprint, IgnoresLineNumbersAndIndentation) {
  std::vector<Finding> Before = {make("a.cpp", 5, 3, "  curl_easy_perform(h);")};
  std::vector<Finding> After = {make("a.cpp", 9, 5, "    curl_easy_perform(h);")};
  assignFingerprints(Before);
  assignFingerprints(After);
  EXPECT_EQ(Before[0].Fingerprint, After[0].Fingerprint);
  EXPECT_EQ(Before[0].Fingerprint.size(), 32u);
}

TEST(Fingerprint, DependsOnCheckFileAndText) {
  std::string Base = fingerprint("c", "a.cpp", "x();", 0);
  EXPECT_NE(Base, fingerprint("d", "a.cpp", "x();", 0));
  EXPECT_NE(Base, fingerprint("c", "b.cpp", "x();", 0));
  EXPECT_NE(Base, fingerprint("c", "a.cpp", "y();", 0));
  EXPECT_NE(Base, fingerprint("c", "a.cpp", "x();", 1));
  // Field boundaries count: ("ab","c") is not ("a","bc").
  EXPECT_NE(fingerprint("ab", "c", "", 0), fingerprint("a", "bc", "", 0));
}

TEST(Fingerprint, SameLineTwiceGetsOccurrenceIndexes) {
  std::vector<Finding> F = {make("a.cpp", 10, 3, "p(a); p(a);"),
                            make("a.cpp", 10, 9, "p(a); p(a);"),
                            make("a.cpp", 12, 3, "p(a); p(a);")};
  assignFingerprints(F);
  EXPECT_NE(F[0].Fingerprint, F[1].Fingerprint);
  EXPECT_NE(F[1].Fingerprint, F[2].Fingerprint);
  EXPECT_EQ(F[0].Fingerprint, fingerprint(F[0].Check, "a.cpp", "p(a); p(a);", 0));
  EXPECT_EQ(F[2].Fingerprint, fingerprint(F[0].Check, "a.cpp", "p(a); p(a);", 2));
}

TEST(Fingerprint, SortOrderIsPathLineColumnCheckMessage) {
  std::vector<Finding> F = {make("b.cpp", 1, 1, ""), make("a.cpp", 2, 1, ""),
                            make("a.cpp", 1, 7, ""), make("a.cpp", 1, 3, "")};
  sortFindings(F);
  EXPECT_EQ(F[0].Where.Path, "a.cpp");
  EXPECT_EQ(F[0].Where.Begin.Column, 3u);
  EXPECT_EQ(F[1].Where.Begin.Column, 7u);
  EXPECT_EQ(F[2].Where.Begin.Line, 2u);
  EXPECT_EQ(F[3].Where.Path, "b.cpp");
}
