#include "ArgumentSanitizer.h"
#include "gtest/gtest.h"

using resilience::sanitizeCompileArgs;
using Args = std::vector<std::string>;

namespace {
Args withConfigOff(Args A) {
  A.insert(A.begin() + 1, "--no-default-config");
  return A;
}
} // namespace

TEST(ArgumentSanitizer, KeepsWhatTheAnalysisNeeds) {
  Args In = {"clang++", "-std=c++17", "-Iinc", "-I", "inc2", "-isystem", "/sys",
             "-iquote", "q", "-idirafter", "d", "-DX=1", "-D", "Y", "-UZ",
             "-x", "c++", "-Wall", "-Wno-unused", "-fno-exceptions", "-fPIC",
             "-fms-compatibility-version=19", "--target=x86_64-linux-gnu",
             "-march=native", "-m64", "-include", "pre.h", "-isysroot", "/s",
             "--sysroot=/r", "-nostdinc++", "-O2", "-pthread", "-c", "a.cpp"};
  EXPECT_EQ(sanitizeCompileArgs(In), withConfigOff(In));
}

TEST(ArgumentSanitizer, DropsDriverPluginFlags) {
  Args Dropped;
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-fplugin=/tmp/evil.so", "-fpass-plugin=/x.so",
                                 "-fplugin-arg-evil-x", "a.c"},
                                true, &Dropped),
            withConfigOff({"clang", "a.c"}));
  EXPECT_EQ(Dropped.size(), 3u);
}

TEST(ArgumentSanitizer, DropsXclangWithItsValue) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang", "-load", "-Xclang",
                                 "/tmp/evil.so", "-O2", "a.c"}),
            withConfigOff({"clang", "-O2", "a.c"}));
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang", "-fno-color-diagnostics", "a.c"}),
            withConfigOff({"clang", "a.c"}));
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-Xclang=-load", "-Xclang=/tmp/e.so", "a.c"}),
            withConfigOff({"clang", "a.c"}));
}

TEST(ArgumentSanitizer, DropsCc1LoadAndMllvm) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-load", "/e.so", "-mllvm", "-x=1", "a.c"}),
            withConfigOff({"clang", "/e.so", "a.c"}));
}

TEST(ArgumentSanitizer, DropsEveryFlagThatWritesAFile) {
  Args Dropped;
  Args In = {"clang", "-ftime-trace", "-ftime-trace=/tmp/x.json", "-save-temps=obj",
             "-Wp,-MD,/tmp/dep", "-Wp,-MT,cmd;", "-Xpreprocessor", "-MF",
             "-Xpreprocessor", "/tmp/f", "-MD", "-MF", "/tmp/g", "-MMD", "-MT",
             "t", "--serialize-diagnostics", "/tmp/s", "-Xclang",
             "-dependency-file", "-Xclang", "/tmp/h", "-Xclang",
             "-stats-file=/tmp/st", "-fmodules", "-fmodules-cache-path=/tmp/mc",
             "-o", "/tmp/o", "--config=/tmp/c.cfg", "--config", "/tmp/c2.cfg",
             "--config-user-dir=/tmp", "--config-system-dir=/tmp", "-H",
             "-fcrash-diagnostics-dir=/tmp/cr", "-fproc-stat-report=/tmp/p",
             "-fsave-optimization-record", "-foptimization-record-file=/tmp/r",
             "-B/tmp/bin", "--driver-mode=cl", "a.c"};
  EXPECT_EQ(sanitizeCompileArgs(In, true, &Dropped), withConfigOff({"clang", "a.c"}));
  EXPECT_EQ(Dropped.size(), 29u);
}

TEST(ArgumentSanitizer, ResponseFilesLeftAreDropped) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "@/tmp/args.rsp", "a.c"}),
            withConfigOff({"clang", "a.c"}));
}

TEST(ArgumentSanitizer, OnlyPlainCompilerNamesAreKept) {
  EXPECT_EQ(sanitizeCompileArgs({"/usr/bin/aarch64-linux-gnu-g++-12", "a.cpp"})[0],
            "/usr/bin/aarch64-linux-gnu-g++-12");
  EXPECT_EQ(sanitizeCompileArgs({"clang-cl", "a.cpp"})[0], "clang");
  EXPECT_EQ(sanitizeCompileArgs({"/x/evil wrapper++", "a.cpp"})[0], "clang++");
  EXPECT_EQ(sanitizeCompileArgs({"cpp", "a.cpp"})[0], "clang");
}

TEST(ArgumentSanitizer, ExtraArgsHaveNoCompilerName) {
  EXPECT_EQ(sanitizeCompileArgs({"-fplugin=/e.so", "-DX"}, /*HasCompiler=*/false),
            (Args{"-DX"}));
}

TEST(ArgumentSanitizer, DanglingFlagsAreDropped) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "a.c", "-Xclang"}), withConfigOff({"clang", "a.c"}));
  // "-I" at the end of ExtraArgsBefore would take the command's next word.
  EXPECT_EQ(sanitizeCompileArgs({"-DX", "-I"}, false), (Args{"-DX"}));
  EXPECT_EQ(sanitizeCompileArgs({"-MF"}, false), (Args{}));
}

TEST(ArgumentSanitizer, DoubleDashKeepsInputsOnly) {
  EXPECT_EQ(sanitizeCompileArgs({"clang", "-DX", "--", "a.c", "-MD"}),
            withConfigOff({"clang", "-DX", "a.c"}));
}
