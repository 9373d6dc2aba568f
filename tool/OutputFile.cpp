//===--- OutputFile.cpp ---------------------------------------------------===//

#include "OutputFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <unistd.h>

namespace resilience {

bool writeAtomically(const std::string &Path,
                     llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
                     std::string &Error) {
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%%%";
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS, FD);
    OS.flush();
    if (OS.has_error()) {
      Error = "cannot write '" + Path + "': " + OS.error().message();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    llvm::sys::fs::remove(Temp);
    return false;
  }
  return true;
}

void withStdoutTo(int FD, llvm::function_ref<void()> Print) {
  llvm::outs().flush();
  int Saved = ::dup(STDOUT_FILENO);
  ::dup2(FD, STDOUT_FILENO);
  Print();
  llvm::outs().flush();
  ::dup2(Saved, STDOUT_FILENO);
  ::close(Saved);
}

} // namespace resilience
