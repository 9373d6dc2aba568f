//===--- OutputFile.cpp ---------------------------------------------------===//

#include "OutputFile.h"
#include "Interrupt.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace resilience {

namespace {

/// The descriptor a standard-stream path names (/dev/stdout, /dev/fd/1,
/// /proc/self/fd/1), or -1.
int streamDescriptor(llvm::StringRef Path) {
  if (Path == "/dev/stdout")
    return STDOUT_FILENO;
  if (Path == "/dev/stderr")
    return STDERR_FILENO;
  unsigned N = 0;
  if ((Path.consume_front("/dev/fd/") || Path.consume_front("/proc/self/fd/")) &&
      !Path.getAsInteger(10, N) && N <= 2 && N >= 1)
    return int(N);
  return -1;
}

bool writeTo(int FD, bool Close, const std::string &Path,
             llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
             std::string &Error) {
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/Close, /*unbuffered=*/false);
  Write(OS, FD);
  OS.flush();
  if (OS.has_error()) {
    Error = "cannot write '" + Path + "': " + OS.error().message();
    OS.clear_error();
    return false;
  }
  return true;
}

bool writeDirectly(const std::string &Path,
                   llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
                   std::string &Error) {
  int Stream = streamDescriptor(Path);
  if (Stream >= 0) {
    llvm::outs().flush();
    llvm::errs().flush();
    return writeTo(Stream, /*Close=*/false, Path, Write, Error);
  }
  int FD = ::open(Path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (FD < 0) {
    Error = "cannot write '" + Path + "': " + strerror(errno);
    return false;
  }
  return writeTo(FD, /*Close=*/true, Path, Write, Error);
}

} // namespace

bool writeAtomically(const std::string &Path,
                     llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
                     std::string &Error) {
  if (streamDescriptor(Path) >= 0)
    return writeDirectly(Path, Write, Error);
  struct stat St;
  if (::lstat(Path.c_str(), &St) == 0) {
    if (S_ISCHR(St.st_mode) || S_ISFIFO(St.st_mode))
      return writeDirectly(Path, Write, Error);
    if (S_ISDIR(St.st_mode)) {
      Error = "cannot write '" + Path + "': it is a directory";
      return false;
    }
    if (!S_ISREG(St.st_mode) && !S_ISLNK(St.st_mode)) {
      Error = "cannot write '" + Path +
              "': not a regular file, a character device or a FIFO";
      return false;
    }
  }
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%%%";
  int FD = -1;
  llvm::SmallString<256> Temp;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp)) {
    Error = "cannot write '" + Path + "': " + EC.message();
    return false;
  }
  std::string TempPath(Temp);
  registerTempFile(TempPath);
  bool Ok = writeTo(FD, /*Close=*/true, Path, Write, Error);
  if (Ok)
    if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
      Error = "cannot write '" + Path + "': " + EC.message();
      Ok = false;
    }
  if (!Ok)
    llvm::sys::fs::remove(Temp);
  unregisterTempFile(TempPath);
  return Ok;
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

std::string fileIdentity(const std::string &Path) {
  int Stream = streamDescriptor(Path);
  if (Stream >= 0)
    return "fd:" + std::to_string(Stream);
  struct stat St;
  if (::stat(Path.c_str(), &St) == 0)
    return "inode:" + std::to_string(St.st_dev) + ":" +
           std::to_string(St.st_ino);
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return "path:" + std::string(Abs);
}

bool checkOutputPaths(const std::vector<std::string> &Outputs,
                      const std::vector<std::string> &Inputs,
                      std::string &Error) {
  auto IsDevice = [](const std::string &P) {
    if (streamDescriptor(P) >= 0)
      return true;
    struct stat St;
    return ::stat(P.c_str(), &St) == 0 &&
           (S_ISCHR(St.st_mode) || S_ISFIFO(St.st_mode));
  };
  std::set<std::string> InputIds;
  for (const std::string &I : Inputs)
    if (!I.empty() && I != "-")
      InputIds.insert(fileIdentity(I));
  std::set<std::string> Seen;
  for (const std::string &O : Outputs) {
    if (O.empty() || O == "-")
      continue;
    std::string Id = fileIdentity(O);
    if (!IsDevice(O) && InputIds.count(Id)) {
      Error = "output '" + O + "' is one of the inputs; refusing to overwrite it";
      return false;
    }
    if (!IsDevice(O) && !Seen.insert(Id).second) {
      Error = "two reports would go to '" + O + "'; give each its own file";
      return false;
    }
  }
  return true;
}

} // namespace resilience
