#include "OptionValues.h"
#include "gtest/gtest.h"

using resilience::model::splitList;
using resilience::model::timeoutFixLiteral;

TEST(TimeoutFixLiteral, NumberGetsTheLiteralSuffix) {
  EXPECT_EQ(timeoutFixLiteral("5000", "L", "(long)"), "5000L");
  EXPECT_EQ(timeoutFixLiteral(" 250 ", "L", "(long)"), "250L");
  EXPECT_EQ(timeoutFixLiteral("007", "L", "(long)"), "7L");
}

TEST(TimeoutFixLiteral, ConstantNameIsCastNotGuessed) {
  EXPECT_EQ(timeoutFixLiteral("kHttpTimeoutMs", "L", "(long)"),
            "(long)kHttpTimeoutMs");
  EXPECT_EQ(timeoutFixLiteral("cfg::kTimeoutMs", "L", "(long)"),
            "(long)cfg::kTimeoutMs");
  EXPECT_EQ(timeoutFixLiteral("::kTimeout", "L", "(long)"), "(long)::kTimeout");
}

TEST(TimeoutFixLiteral, RejectsWhatWouldNotBeATimeout) {
  EXPECT_FALSE(timeoutFixLiteral("", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("0", "L", "(long)"));   // 0 means never
  EXPECT_FALSE(timeoutFixLiteral("000", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("-5", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("5s", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("1+1", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("a;b", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("cfg::", "L", "(long)"));
  EXPECT_FALSE(timeoutFixLiteral("9999999999999", "L", "(long)"));
}

TEST(SplitList, SemicolonsCommasAndBlanks) {
  EXPECT_EQ(splitList("a;b, c;;  ;d "),
            (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_TRUE(splitList("").empty());
  EXPECT_TRUE(splitList(" ; , ").empty());
}

TEST(ParseHandleFunctions, IndexesAndThis) {
  auto R = resilience::model::parseHandleFunctions(
      "corp::Http::Send:this; corp::fetch:1 ,::corp::get", 99);
  ASSERT_TRUE(R.has_value());
  ASSERT_EQ(R->size(), 3u);
  EXPECT_EQ((*R)[0].first, "corp::Http::Send");
  EXPECT_EQ((*R)[0].second, 99u);
  EXPECT_EQ((*R)[1].first, "corp::fetch");
  EXPECT_EQ((*R)[1].second, 1u);
  EXPECT_EQ((*R)[2].first, "corp::get");
  EXPECT_EQ((*R)[2].second, 0u);
}

TEST(ParseHandleFunctions, RejectsMalformedItems) {
  using resilience::model::parseHandleFunctions;
  EXPECT_FALSE(parseHandleFunctions("corp::fetch:x", 99).has_value());
  EXPECT_FALSE(parseHandleFunctions("corp::fetch:", 99).has_value());
  EXPECT_FALSE(parseHandleFunctions("corp fetch:1", 99).has_value());
  EXPECT_FALSE(parseHandleFunctions("corp::fetch:123", 99).has_value());
  EXPECT_TRUE(parseHandleFunctions("", 99)->empty());
}
