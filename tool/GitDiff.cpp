//===--- GitDiff.cpp ------------------------------------------------------===//

#include "GitDiff.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"
#include <optional>

namespace resilience {

static bool runGit(const std::string &Git, std::vector<llvm::StringRef> Args,
                   std::string &Out, std::string &Error) {
  llvm::SmallString<128> OutPath, ErrPath;
  if (llvm::sys::fs::createTemporaryFile("resilience-tidy-git", "out", OutPath) ||
      llvm::sys::fs::createTemporaryFile("resilience-tidy-git", "err", ErrPath)) {
    Error = "cannot create a temporary file";
    return false;
  }
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(Git, Args, std::nullopt, Redirects, 0, 0,
                                     &ExecError);
  auto OutBuf = llvm::MemoryBuffer::getFile(OutPath);
  auto ErrBuf = llvm::MemoryBuffer::getFile(ErrPath);
  llvm::sys::fs::remove(OutPath);
  llvm::sys::fs::remove(ErrPath);
  if (RC != 0) {
    std::string Msg = ErrBuf ? (*ErrBuf)->getBuffer().trim().str() : "";
    Error = Msg.empty() ? (ExecError.empty() ? "git failed" : ExecError) : Msg;
    return false;
  }
  Out = OutBuf ? (*OutBuf)->getBuffer().str() : "";
  return true;
}

bool gitDiff(const std::string &Dir, const std::string &Base,
             std::string &Toplevel, std::string &Diff, std::string &Error) {
  if (Base.empty() || Base[0] == '-') {
    Error = "invalid revision '" + Base + "'";
    return false;
  }
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "git not found in PATH";
    return false;
  }
  std::string Top;
  if (!runGit(*Git, {"git", "-C", Dir, "rev-parse", "--show-toplevel"}, Top,
              Error))
    return false;
  Toplevel = llvm::StringRef(Top).trim().str();
  std::string Range = Base + "...HEAD";
  return runGit(*Git,
                {"git", "-C", Toplevel, "diff", "-U0", "--no-color",
                 "--no-ext-diff", "--no-textconv",
                 "--src-prefix=a/", "--dst-prefix=b/", "--end-of-options",
                 Range, "--"},
                Diff, Error);
}

} // namespace resilience
