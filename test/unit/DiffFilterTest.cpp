//===--- DiffFilterTest.cpp - Reading changed lines from unified diffs ----===//

#include "DiffFilter.h"
#include "gtest/gtest.h"

using namespace resilience;

TEST(DiffFilter, ZeroContextHunks) {
  const char *Diff = "diff --git a/src/a.cpp b/src/a.cpp\n"
                     "index 1..2 100644\n"
                     "--- a/src/a.cpp\n"
                     "+++ b/src/a.cpp\n"
                     "@@ -3,0 +4,2 @@ void f() {\n"
                     "+one\n"
                     "+two\n"
                     "@@ -10 +12 @@\n"
                     "-old\n"
                     "+new\n"
                     "@@ -20,3 +22,0 @@\n"
                     "-gone\n"
                     "-gone\n"
                     "-gone\n";
  ChangedLines L = ChangedLines::parseUnifiedDiff(Diff);
  EXPECT_FALSE(L.contains("src/a.cpp", 3));
  EXPECT_TRUE(L.contains("src/a.cpp", 4));
  EXPECT_TRUE(L.contains("src/a.cpp", 5));
  EXPECT_FALSE(L.contains("src/a.cpp", 6));
  EXPECT_TRUE(L.contains("src/a.cpp", 12));
  EXPECT_FALSE(L.contains("src/a.cpp", 22));
  EXPECT_FALSE(L.contains("a.cpp", 4)); // paths are matched whole
}

TEST(DiffFilter, ContextLinesAreNotChanged) {
  const char *Diff = "--- a/x.c\n"
                     "+++ b/x.c\n"
                     "@@ -1,4 +1,5 @@\n"
                     " keep\n"
                     "-old\n"
                     "+new\n"
                     "+added\n"
                     " keep\n"
                     "\\ No newline at end of file\n"
                     " keep\n";
  ChangedLines L = ChangedLines::parseUnifiedDiff(Diff);
  EXPECT_FALSE(L.contains("x.c", 1));
  EXPECT_TRUE(L.contains("x.c", 2));
  EXPECT_TRUE(L.contains("x.c", 3));
  EXPECT_FALSE(L.contains("x.c", 4));
  EXPECT_FALSE(L.contains("x.c", 5));
}

TEST(DiffFilter, NewDeletedAndQuotedFiles) {
  const char *Diff = "--- /dev/null\n"
                     "+++ b/new.cpp\n"
                     "@@ -0,0 +1,2 @@\n"
                     "+a\n"
                     "+b\n"
                     "--- a/old.cpp\n"
                     "+++ /dev/null\n"
                     "@@ -1,2 +0,0 @@\n"
                     "-a\n"
                     "-b\n"
                     "--- \"a/sp ace\\tx\\303\\251.cpp\"\n"
                     "+++ \"b/sp ace\\tx\\303\\251.cpp\"\n"
                     "@@ -1 +1 @@\n"
                     "-x\n"
                     "+y\n";
  ChangedLines L = ChangedLines::parseUnifiedDiff(Diff);
  EXPECT_TRUE(L.contains("new.cpp", 1));
  EXPECT_TRUE(L.contains("new.cpp", 2));
  EXPECT_FALSE(L.hasFile("old.cpp"));
  EXPECT_TRUE(L.contains("sp ace\tx\xc3\xa9.cpp", 1));
}

TEST(DiffFilter, AHunkLineThatLooksLikeAHeader) {
  // "+++ b/..." inside a hunk is an added line starting with "++".
  const char *Diff = "--- a/f.cpp\n"
                     "+++ b/f.cpp\n"
                     "@@ -1,0 +2,2 @@\n"
                     "+++ b/evil.cpp\n"
                     "+x\n";
  ChangedLines L = ChangedLines::parseUnifiedDiff(Diff);
  EXPECT_TRUE(L.contains("f.cpp", 2));
  EXPECT_TRUE(L.contains("f.cpp", 3));
  EXPECT_FALSE(L.hasFile("evil.cpp"));
}

TEST(DiffFilter, UnquoteGitPath) {
  EXPECT_EQ(unquoteGitPath("plain"), "plain");
  EXPECT_EQ(unquoteGitPath("\"a\\\"b\\\\c\\n\""), "a\"b\\c\n");
  EXPECT_EQ(unquoteGitPath("\"\\303\\251\""), "\xc3\xa9");
}
