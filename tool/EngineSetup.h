//===--- EngineSetup.h - The engine's configuration and compile commands --===//
//
// What the clang-tidy engine reads before it analyzes anything, built from
// the command line: the configuration provider (the `.clang-tidy` files, or
// --config / --config-file, with the command line's overrides, reduced to
// the resilience checks) and the compilation database (a build directory's
// compile_commands.json, the arguments after `--`, or the commands a
// worker's parent hands it), every command sanitized. A configuration or a
// database that cannot be read is one line on stderr and exit 2.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_ENGINESETUP_H
#define RESILIENCE_TIDY_TOOL_ENGINESETUP_H

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resilience {

/// One line, then exit 2: the tool could not do its job.
[[noreturn]] void fail(const llvm::Twine &Message);

/// Where the configuration comes from (the command line's options).
struct ConfigSources {
  std::string Checks;     ///< --checks, "" when not given
  std::string Config;     ///< --config
  std::string ConfigFile; ///< --config-file
  std::optional<std::string> HeaderFilter; ///< --header-filter, when given
  /// A requested format shows retry-loop review items: the review emitter
  /// is enabled too.
  bool ReviewItems = false;
  /// --verbose in the parent: a note for each flag dropped from a
  /// configuration's ExtraArgs/ExtraArgsBefore (workers print nothing).
  bool NoteDroppedFlags = false;
};

/// The configuration provider the engine uses: the project's, with only the
/// resilience checks of what it enables (CheckFilter.h). \p ConfigText
/// holds the text of --config-file, read on first use (workers get this
/// text, not the path, which may be a pipe).
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
createOwnOptionsProvider(const ConfigSources &S, std::string &ConfigText,
                         llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS);

/// Where the compile commands come from (the command line's options).
struct DatabaseSources {
  /// A worker's --internal-worker-commands: the commands its parent loaded
  /// and sanitized.
  std::string WorkerCommands;
  /// The compiler arguments after `--`, if there was a `--`.
  bool HaveFixedArgs = false;
  std::vector<std::string> FixedArgs;
  std::string BuildPath;            ///< -p
  std::vector<std::string> Sources; ///< the files named
  std::vector<std::string> ExtraArgs, ExtraArgsBefore;
  /// One note per flag the sanitizer drops (--verbose, not in a worker).
  bool NoteDroppedFlags = false;
};

/// The compilation database, with --extra-arg(-before) added and every
/// command sanitized (ArgumentSanitizer.h).
std::unique_ptr<clang::tooling::CompilationDatabase>
loadDatabase(const DatabaseSources &S);

} // namespace resilience

#endif
