//===--- CachedRun.cpp ----------------------------------------------------===//

#include "CachedRun.h"
#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace clang::tidy;

namespace resilience {

std::unique_ptr<ResultCache> openCache(std::string Dir, std::string Salt,
                                       const std::string &Executable,
                                       llvm::StringRef Version) {
  if (Dir.empty())
    if (const char *Env = ::getenv("RESILIENCE_TIDY_CACHE_DIR"))
      Dir = Env;
  if (Dir.empty())
    return nullptr;
  if (Salt.empty()) {
    Salt = Version.str() + ";";
    if (auto Buf = llvm::MemoryBuffer::getFile(
            Executable, /*IsText=*/false, /*RequiresNullTerminator=*/false))
      Salt += contentHash((*Buf)->getBuffer());
  }
  return std::make_unique<ResultCache>(std::move(Dir), std::move(Salt));
}

RunResult runThroughCache(
    ResultCache &Cache, ClangTidyContext &Context,
    const clang::tooling::CompilationDatabase &DB,
    const std::vector<std::string> &Files, bool Verbose,
    llvm::function_ref<RunResult(const std::vector<std::string> &)> Analyze) {
  RunResult R;
  std::vector<std::string> Missing = takeCached(Cache, Context, DB, Files, R);
  if (Verbose)
    llvm::errs() << "resilience-tidy: " << Files.size() - Missing.size()
                 << " of " << Files.size() << " file(s) from the cache\n";
  if (!Missing.empty()) {
    RunResult A = Analyze(Missing);
    for (auto &E : A.Errors)
      R.Errors.push_back(std::move(E));
    R.SuppressedByNolint += A.SuppressedByNolint;
    R.Crashed = std::move(A.Crashed);
  }
  sortAndUnique(R.Errors);
  return R;
}

static std::string absolute(const std::string &File) {
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  return std::string(Abs);
}

std::string cacheKey(ResultCache &Cache, ClangTidyContext &Context,
                     const clang::tooling::CompilationDatabase &DB,
                     const std::string &File) {
  std::string Abs = absolute(File);
  std::vector<std::string> Parts;
  for (const clang::tooling::CompileCommand &C : DB.getCompileCommands(Abs)) {
    std::string Cmd = C.Directory + '\0' + C.Filename + '\0';
    for (const std::string &A : C.CommandLine)
      Cmd += A + '\0';
    Parts.push_back(std::move(Cmd));
  }
  Parts.push_back(configurationAsText(Context.getOptionsForFile(Abs)));
  return Cache.key(Abs, Parts);
}

std::vector<std::string>
takeCached(ResultCache &Cache, ClangTidyContext &Context,
           const clang::tooling::CompilationDatabase &DB,
           const std::vector<std::string> &Files, RunResult &Into) {
  std::vector<std::string> Missing;
  for (const std::string &F : Files) {
    std::string Results;
    RunResult One;
    if (Cache.lookup(cacheKey(Cache, Context, DB, F), Results) &&
        deserializeResults(Results, One)) {
      Into.SuppressedByNolint += One.SuppressedByNolint;
      for (auto &E : One.Errors)
        Into.Errors.push_back(std::move(E));
      continue;
    }
    Missing.push_back(F);
  }
  return Missing;
}

RunResult analyzeAndStore(ResultCache &Cache, ClangTidyContext &Context,
                          const clang::tooling::CompilationDatabase &DB,
                          const std::vector<std::string> &Files, bool Fix) {
  RunResult R;
  for (const std::string &F : Files) {
    auto Recorder = llvm::makeIntrusiveRefCnt<RecordingFileSystem>(
        llvm::vfs::getRealFileSystem());
    auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(Recorder);
    unsigned NolintBefore = Context.getStats().ErrorsIgnoredNOLINT;
    llvm::sys::TimePoint<> Started = std::chrono::system_clock::now();
    std::vector<ClangTidyError> Errors =
        runClangTidy(Context, DB, {F}, FS, /*ApplyAnyFix=*/Fix);
    unsigned Nolint = Context.getStats().ErrorsIgnoredNOLINT - NolintBefore;
    bool Compiled = true;
    for (const ClangTidyError &E : Errors)
      if (E.DiagLevel == ClangTidyError::Error &&
          llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-"))
        Compiled = false;
    // A file that did not compile is not cached: its error may come from
    // something outside the files it read (a missing header, say).
    if (Compiled)
      Cache.store(cacheKey(Cache, Context, DB, F), Recorder->take(),
                  serializeResults(Errors, Nolint), Started);
    R.SuppressedByNolint += Nolint;
    for (auto &E : Errors)
      R.Errors.push_back(std::move(E));
  }
  sortAndUnique(R.Errors);
  return R;
}

} // namespace resilience
