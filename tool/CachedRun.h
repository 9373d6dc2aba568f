//===--- CachedRun.h - Running the engine through the result cache --------===//
//
// The parent looks every file up before any worker starts (takeCached);
// what is left is analyzed, in process or by workers, and each analysis
// stores its own entry (analyzeAndStore), since only the process that ran
// the translation unit knows which files it read. See ResultCache.h.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_CACHEDRUN_H
#define RESILIENCE_TIDY_TOOL_CACHEDRUN_H

#include "ResultCache.h"
#include "Runner.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"

namespace resilience {

/// The cache of Dir, or of $RESILIENCE_TIDY_CACHE_DIR when Dir is empty;
/// null when neither names one. Salt: given to workers by their parent,
/// else the version and a hash of this executable.
std::unique_ptr<ResultCache> openCache(std::string Dir, std::string Salt,
                                       const std::string &Executable,
                                       llvm::StringRef Version);

/// The cache key of File: its compile commands and effective configuration.
std::string cacheKey(ResultCache &Cache, clang::tidy::ClangTidyContext &Context,
                     const clang::tooling::CompilationDatabase &DB,
                     const std::string &File);

/// Adds the cached results of Files to Into; returns the files not cached.
std::vector<std::string>
takeCached(ResultCache &Cache, clang::tidy::ClangTidyContext &Context,
           const clang::tooling::CompilationDatabase &DB,
           const std::vector<std::string> &Files, RunResult &Into);

/// Analyzes Files one at a time in process, recording what each read, and
/// stores each one's results.
RunResult analyzeAndStore(ResultCache &Cache,
                          clang::tidy::ClangTidyContext &Context,
                          const clang::tooling::CompilationDatabase &DB,
                          const std::vector<std::string> &Files, bool Fix);

/// One pass through the cache: the cached files' results are read back,
/// Analyze gets the others; Verbose: says how many came from the cache.
RunResult runThroughCache(
    ResultCache &Cache, clang::tidy::ClangTidyContext &Context,
    const clang::tooling::CompilationDatabase &DB,
    const std::vector<std::string> &Files, bool Verbose,
    llvm::function_ref<RunResult(const std::vector<std::string> &)> Analyze);

} // namespace resilience

#endif
