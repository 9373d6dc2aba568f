//===--- ArgumentSanitizer.cpp - Compile commands that cannot load code ---===//

#include "ArgumentSanitizer.h"
#include "llvm/ADT/StringRef.h"
#include <cstring>

namespace resilience {

namespace {

/// Driver flags (joined form) that load code or write files.
bool isUnsafeJoined(llvm::StringRef A) {
  return A.starts_with("-fplugin=") || A.starts_with("-fpass-plugin=") ||
         A.starts_with("-fplugin-arg-") || A.starts_with("--plugin") ||
         A.starts_with("-ftime-trace") || A.starts_with("-load=") ||
         A.starts_with("-plugin-arg-") || A.starts_with("-add-plugin=") ||
         A.starts_with("-mllvm=") || A == "-save-temps" ||
         A.starts_with("-save-temps=") || A == "-cc1" || A == "-cc1as";
}

/// Flags whose value is the next argument.
bool isUnsafeWithValue(llvm::StringRef A) {
  return A == "-load" || A == "-plugin" || A == "-add-plugin" ||
         A == "-fplugin" || A == "-fpass-plugin" || A == "-mllvm";
}

} // namespace

std::vector<std::string>
sanitizeCompileArgs(const std::vector<std::string> &Args, bool HasCompiler,
                    std::vector<std::string> *Dropped) {
  std::vector<std::string> Out;
  auto Drop = [&](const std::string &A) {
    if (Dropped)
      Dropped->push_back(A);
  };
  size_t I = 0;
  if (HasCompiler && !Args.empty()) {
    Out.push_back(Args[0]);
    I = 1;
  }
  for (; I < Args.size(); ++I) {
    llvm::StringRef A(Args[I]);
    // -Xclang passes the next argument to the compiler itself: look at it.
    if (A == "-Xclang") {
      if (I + 1 >= Args.size()) {
        Drop(Args[I]);
        continue;
      }
      llvm::StringRef Next(Args[I + 1]);
      if (isUnsafeJoined(Next) || isUnsafeWithValue(Next)) {
        Drop(Args[I]);
        Drop(Args[I + 1]);
        I += 1;
        // The value travels in the following "-Xclang <value>" pair.
        if (isUnsafeWithValue(Next) && I + 2 < Args.size() &&
            Args[I + 1] == "-Xclang") {
          Drop(Args[I + 1]);
          Drop(Args[I + 2]);
          I += 2;
        }
        continue;
      }
      Out.push_back(Args[I]);
      Out.push_back(Args[I + 1]);
      I += 1;
      continue;
    }
    if (A.starts_with("-Xclang=")) {
      llvm::StringRef Inner = A.drop_front(strlen("-Xclang="));
      if (isUnsafeJoined(Inner) || isUnsafeWithValue(Inner)) {
        Drop(Args[I]);
        if (isUnsafeWithValue(Inner) && I + 1 < Args.size() &&
            llvm::StringRef(Args[I + 1]).starts_with("-Xclang")) {
          Drop(Args[I + 1]);
          I += 1;
        }
        continue;
      }
      Out.push_back(Args[I]);
      continue;
    }
    if (isUnsafeWithValue(A)) {
      Drop(Args[I]);
      if (I + 1 < Args.size()) {
        Drop(Args[I + 1]);
        I += 1;
      }
      continue;
    }
    if (isUnsafeJoined(A)) {
      Drop(Args[I]);
      continue;
    }
    Out.push_back(Args[I]);
  }
  return Out;
}

} // namespace resilience
