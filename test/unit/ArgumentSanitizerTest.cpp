#include "ArgumentSanitizer.h"
#include "gtest/gtest.h"

using resilience::sanitizeCompileArgs;
using Args = std::vector<std::string>;

TEST(ArgumentSanitizer, KeepsOrdinaryFlags) {
  Args In = {"clang++", "-std=c++17", "-Iinc", "-DX=1", "-Xclang",
             "-fno-color-diagnostics", "-c", "a.cpp"};
  EXPECT_EQ(sanitizeCompileArgs(In), In);
}

TEST(ArgumentSanitizer, DropsDriverPluginFlags) {
  Args Dropped;
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-fplugin=/tmp/evil.so", "-fpass-plugin=/x.so",
                                 "-fplugin-arg-evil-x", "a.c"},
                                true, &Dropped),
            (Args{"clang", "a.c"}));
  EXPECT_EQ(Dropped.size(), 3u);
}

TEST(ArgumentSanitizer, DropsXclangLoadWithItsValue) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang", "-load", "-Xclang",
                                 "/tmp/evil.so", "-O2", "a.c"}),
            (Args{"clang", "-O2", "a.c"}));
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang", "-plugin", "-Xclang", "evil", "a.c"}),
            (Args{"clang", "a.c"}));
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang=-load", "-Xclang=/tmp/e.so", "a.c"}),
            (Args{"clang", "a.c"}));
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang", "-fplugin=/e.so", "a.c"}),
            (Args{"clang", "a.c"}));
}

TEST(ArgumentSanitizer, DropsCc1LoadAndMllvm) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-load", "/e.so", "-mllvm", "-x=1", "a.c"}),
            (Args{"clang", "a.c"}));
}

TEST(ArgumentSanitizer, DropsFlagsThatWriteFiles) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-ftime-trace", "-ftime-trace=/tmp/x.json",
                                 "-save-temps=obj", "a.c"}),
            (Args{"clang", "a.c"}));
}

TEST(ArgumentSanitizer, ExtraArgsHaveNoCompilerName) {
  EXPECT_EQ(sanitizeCompileArgs({"-fplugin=/e.so", "-DX"}, /*HasCompiler=*/false),
            (Args{"-DX"}));
}

TEST(ArgumentSanitizer, DanglingXclangIsDropped) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "a.c", "-Xclang"}), (Args{"clang", "a.c"}));
}
