//===--- Inputs.cpp -------------------------------------------------------===//

#include "Inputs.h"
#include "ClangTidyCompat.h"
#include "ArgumentSanitizer.h"
#include "OutputFile.h"
#include "Reporters/Escape.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace resilience {

bool readBounded(const std::string &Path, size_t Limit, std::string &Text,
                 std::string &Error) {
  int FD = Path == "-" ? ::dup(STDIN_FILENO)
                       : ::open(Path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (FD < 0) {
    Error = strerror(errno);
    return false;
  }
  struct stat St;
  if (::fstat(FD, &St) != 0 ||
      !(S_ISREG(St.st_mode) || S_ISFIFO(St.st_mode) || S_ISSOCK(St.st_mode) ||
        (Path == "-" && S_ISCHR(St.st_mode)))) {
    ::close(FD);
    Error = "not a regular file or a pipe";
    return false;
  }
  Text.clear();
  char Buf[65536];
  for (;;) {
    ssize_t N = ::read(FD, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      Error = strerror(errno);
      ::close(FD);
      return false;
    }
    if (N == 0)
      break;
    if (Text.size() + size_t(N) > Limit) {
      ::close(FD);
      Error = "larger than the limit of " + std::to_string(Limit >> 20) +
              " MiB";
      return false;
    }
    Text.append(Buf, size_t(N));
  }
  ::close(FD);
  return true;
}

namespace {

class BoundedFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  BoundedFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                    size_t Limit)
      : ProxyFileSystem(std::move(FS)), Limit(Limit) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override {
    llvm::ErrorOr<llvm::vfs::Status> St = status(Path);
    if (!St)
      return St.getError();
    if (St->getType() != llvm::sys::fs::file_type::regular_file)
      return std::make_error_code(std::errc::invalid_argument);
    if (St->getSize() > Limit)
      return std::make_error_code(std::errc::file_too_large);
    return ProxyFileSystem::openFileForRead(Path);
  }

private:
  size_t Limit;
};

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
boundedFileSystem(size_t Limit) {
  return llvm::makeIntrusiveRefCnt<BoundedFileSystem>(
      llvm::vfs::getRealFileSystem(), Limit);
}

bool checkConfigFiles(const std::vector<std::string> &Files,
                      std::string &Error) {
  std::set<std::string> Seen;
  for (const std::string &F : Files) {
    llvm::SmallString<256> Dir(F);
    llvm::sys::fs::make_absolute(Dir);
    llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
    llvm::sys::path::remove_filename(Dir);
    for (llvm::StringRef D = Dir; !D.empty();
         D = llvm::sys::path::parent_path(D)) {
      if (!Seen.insert(D.str()).second)
        break; // this directory and those above it are checked
      llvm::SmallString<256> Path(D);
      llvm::sys::path::append(Path, ".clang-tidy");
      if (!llvm::sys::fs::exists(Path))
        continue;
      std::string Text;
      std::string P(Path);
      if (!readBounded(P, MaxConfigBytes, Text, Error)) {
        Error = "cannot read '" + escapeForMessage(P) + "': " + Error;
        return false;
      }
      std::string First;
      auto Parsed = clang::tidy::parseConfigurationWithDiags(
          llvm::MemoryBufferRef(Text, P), [&](const llvm::SMDiagnostic &Diag) {
            if (First.empty() && Diag.getKind() == llvm::SourceMgr::DK_Error)
              First = Diag.getMessage().str();
          });
      if (!Parsed || !First.empty()) {
        Error = escapeForMessage(P) + ": invalid configuration: " +
                escapeForMessage(First.empty() ? Parsed.getError().message()
                                               : First);
        return false;
      }
    }
  }
  return true;
}

std::string unreadableInput(const std::string &Path) {
  struct stat St;
  if (::stat(Path.c_str(), &St) != 0)
    return "no such file";
  if (!S_ISREG(St.st_mode))
    return S_ISDIR(St.st_mode) ? "a directory, not a source file"
                               : "not a regular file";
  return "";
}

namespace {

class SanitizingOptionsProvider : public clang::tidy::ClangTidyOptionsProvider {
public:
  SanitizingOptionsProvider(
      std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner,
      bool NoteDropped)
      : Inner(std::move(Inner)), NoteDropped(NoteDropped) {}
  const clang::tidy::ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    std::vector<OptionsSource> Raw = Inner->getRawOptions(FileName);
    for (OptionsSource &S : Raw)
      for (auto *List : {&S.first.ExtraArgs, &S.first.ExtraArgsBefore})
        if (*List) {
          std::vector<std::string> Dropped;
          **List = sanitizeCompileArgs(**List, /*HasCompiler=*/false,
                                       NoteDropped ? &Dropped : nullptr);
          for (const std::string &D : Dropped)
            if (Noted.insert(S.second + "\n" + D).second)
              llvm::errs() << "resilience-tidy: note: "
                           << escapeForMessage(S.second) << ": dropped '"
                           << escapeForMessage(D)
                           << "' from its ExtraArgs (not needed for analysis, "
                              "or unsafe on untrusted input)\n";
        }
    return Raw;
  }

private:
  std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner;
  bool NoteDropped;
  std::set<std::string> Noted;
};

} // namespace

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
sanitizingProvider(std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner,
                   bool NoteDropped) {
  return std::make_unique<SanitizingOptionsProvider>(std::move(Inner),
                                                     NoteDropped);
}

bool checkInputs(const std::vector<std::string> &Files,
                 clang::tidy::ClangTidyOptionsProvider &Provider,
                 const std::vector<std::string> &Outputs,
                 const std::vector<std::string> &NamedInputs,
                 std::string &Error) {
  if (!checkConfigFiles(Files, Error))
    return false;
  for (const std::string &F : Files)
    if (enabledCheckNames(Provider.getOptions(F)).empty()) {
      Error = "no checks enabled for '" + escapeForMessage(F) +
              "' (see the Checks of its .clang-tidy)";
      return false;
    }
  std::vector<std::string> Inputs = Files;
  for (const std::string &I : NamedInputs) {
    if (I.empty())
      continue;
    llvm::SmallString<256> P(I);
    if (llvm::sys::fs::is_directory(P))
      llvm::sys::path::append(P, "compile_commands.json");
    Inputs.push_back(std::string(P));
  }
  if (!checkOutputPaths(Outputs, Inputs, Error)) {
    Error = escapeForMessage(Error);
    return false;
  }
  return true;
}

} // namespace resilience
