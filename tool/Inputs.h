//===--- Inputs.h - Reading what a pull request controls, with limits -----===//
//
// Compile databases, configuration files, baselines and diffs come with the
// pull request. They are read with a size limit (a link to /dev/zero is an
// error, not an out-of-memory abort), only from regular files or pipes, and
// a malformed one is an error (exit 2), never silently replaced by defaults.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_INPUTS_H
#define RESILIENCE_TIDY_TOOL_INPUTS_H

#include "DiffFilter.h"
#include "Reporters/Escape.h"
#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy {
class ClangTidyOptionsProvider;
}

namespace resilience {

/// Size limits of the inputs read whole.
constexpr size_t MaxDatabaseBytes = size_t(1) << 30;
constexpr size_t MaxConfigBytes = size_t(16) << 20;
constexpr size_t MaxTextInputBytes = size_t(256) << 20;

/// Reads Path ('-': standard input) up to Limit bytes. A longer input, a
/// directory or a device other than a pipe is an error (its reason, without
/// the path, in Error).
bool readBounded(const std::string &Path, size_t Limit, std::string &Text,
                 std::string &Error);

/// The real file system, except that a file that is not regular (a device,
/// a directory) or larger than Limit cannot be opened for reading: for the
/// `.clang-tidy` files and response files the engine reads itself.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
boundedFileSystem(size_t Limit);

/// Parses every `.clang-tidy` in the directories above each file (once per
/// directory); the first that cannot be read or parsed is an error.
bool checkConfigFiles(const std::vector<std::string> &Files,
                      std::string &Error);

/// Why a named input cannot be analyzed ("" if it can): missing, or not a
/// regular file (a FIFO, a directory, a device).
std::string unreadableInput(const std::string &Path);

/// Wraps a configuration provider so that the `ExtraArgs` and
/// `ExtraArgsBefore` of `.clang-tidy` files and `--config`, which the engine
/// adds to every command, are sanitized like the database's commands.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
sanitizingProvider(std::unique_ptr<clang::tidy::ClangTidyOptionsProvider> Inner,
                   bool NoteDropped = false);

/// Checks, before any analysis: every `.clang-tidy` above the files parses,
/// each file has a check enabled, and no output is one of the inputs
/// (the files, and the named configuration, baseline, diff and database)
/// or another output. False with Error set (one line).
bool checkInputs(const std::vector<std::string> &Files,
                 clang::tidy::ClangTidyOptionsProvider &Provider,
                 const std::vector<std::string> &Outputs,
                 const std::vector<std::string> &NamedInputs,
                 std::string &Error);

} // namespace resilience

#endif
