//===--- NolintTest.cpp - Reading NOLINT directives and their reasons -----===//

#include "Nolint.h"
#include "gtest/gtest.h"

using namespace resilience;

TEST(Nolint, KindsListsAndReasons) {
  std::string Text = "a(); // NOLINT\n"
                     "// NOLINTNEXTLINE(resilience-*, bugprone-x): retried upstream\n"
                     "b();\n"
                     "/* NOLINT(resilience-missing-timeout):   proxy deadline */\n"
                     "// NOLINTBEGIN(resilience-*)\n"
                     "// NOLINTEND(resilience-*)\n";
  auto D = findNolintDirectives(Text);
  ASSERT_EQ(D.size(), 5u);
  EXPECT_EQ(D[0].Type, NolintDirective::SameLine);
  EXPECT_TRUE(D[0].AllChecks);
  EXPECT_EQ(D[0].Line, 1u);
  EXPECT_EQ(D[0].Offset, 8u);
  EXPECT_EQ(D[0].Reason, "");
  EXPECT_EQ(D[1].Type, NolintDirective::NextLine);
  EXPECT_EQ(D[1].Line, 2u);
  ASSERT_EQ(D[1].Globs.size(), 2u);
  EXPECT_EQ(D[1].Globs[1], "bugprone-x");
  EXPECT_EQ(D[1].Reason, "retried upstream");
  EXPECT_EQ(D[2].Reason, "proxy deadline");
  EXPECT_EQ(D[3].Type, NolintDirective::Begin);
  EXPECT_EQ(D[4].Type, NolintDirective::End);
}

TEST(Nolint, NotDirectives) {
  // An unknown suffix, and a list that is not closed on its line.
  auto D = findNolintDirectives("// NOLINTFOO\n// NOLINT(resilience-*\n)\n");
  EXPECT_TRUE(D.empty());
}

TEST(Nolint, NamesChecksByGlob) {
  auto D = findNolintDirectives("// NOLINT(resilience-*-timeout, cert-*)\n");
  ASSERT_EQ(D.size(), 1u);
  EXPECT_TRUE(nolintNames(D[0], "resilience-missing-timeout"));
  EXPECT_TRUE(nolintNames(D[0], "cert-err58-cpp"));
  EXPECT_FALSE(nolintNames(D[0], "resilience-unbounded-retry"));
}

TEST(Nolint, FindsTheSuppressor) {
  std::string Text = "x(); // NOLINT(resilience-a): one\n" // 1
                     "// NOLINTNEXTLINE(resilience-b)\n"    // 2
                     "y();\n"                               // 3
                     "// NOLINTBEGIN(resilience-a): block\n" // 4
                     "z();\n"                               // 5
                     "// NOLINTEND(resilience-a)\n"         // 6
                     "w();\n";                              // 7
  auto D = findNolintDirectives(Text);
  ASSERT_NE(findSuppressor(D, "resilience-a", 1), nullptr);
  EXPECT_EQ(findSuppressor(D, "resilience-a", 1)->Reason, "one");
  EXPECT_EQ(findSuppressor(D, "resilience-b", 1), nullptr);
  EXPECT_NE(findSuppressor(D, "resilience-b", 3), nullptr);
  EXPECT_EQ(findSuppressor(D, "resilience-a", 3), nullptr);
  ASSERT_NE(findSuppressor(D, "resilience-a", 5), nullptr);
  EXPECT_EQ(findSuppressor(D, "resilience-a", 5)->Reason, "block");
  EXPECT_EQ(findSuppressor(D, "resilience-a", 7), nullptr);
}

TEST(Nolint, DisableKeepsLength) {
  std::string Text = "a(); // NOLINT\n// NOLINTNEXTLINE(x)\n";
  std::string Off = disableNolint(Text);
  EXPECT_EQ(Off.size(), Text.size());
  EXPECT_EQ(Off, "a(); // NOLINX\n// NOLINXNEXTLINE(x)\n");
  EXPECT_TRUE(findNolintDirectives(Off).empty());
}
