//===--- EngineSetup.cpp - The engine's configuration and compile commands ===//

#include "EngineSetup.h"
#include "ArgumentSanitizer.h"
#include "CheckFilter.h"
#include "ClangTidyCompat.h"
#include "Inputs.h"
#include "Reporters/Escape.h"
#include "Review/ReviewItem.h"
#include "Runner.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace resilience {

/// One line, then exit 2: the tool could not do its job.
[[noreturn]] void fail(const Twine &Message) {
  std::string Text = Message.str();
  // Keep it to one line: the first line of a multi-line library message.
  Text = Text.substr(0, Text.find('\n'));
  errs() << "resilience-tidy: error: " << resilience::escapeForMessage(Text)
         << "\n";
  exit(2);
}

namespace {

const char *const DefaultChecks = "-*,resilience-*";

/// Keeps only the allowed flags of every command of a database (see
/// ArgumentSanitizer.h); with --verbose, one note per dropped flag.
tooling::ArgumentsAdjuster sanitizer(bool NoteDropped) {
  return [NoteDropped](const tooling::CommandLineArguments &Args,
                       StringRef File) {
    std::vector<std::string> Dropped;
    auto Kept = resilience::sanitizeCompileArgs(Args, /*HasCompiler=*/true,
                                                &Dropped);
    if (NoteDropped)
      for (const std::string &D : Dropped)
        errs() << "resilience-tidy: note: "
               << resilience::escapeForMessage(File) << ": dropped '"
               << resilience::escapeForMessage(D) << "'\n";
    return Kept;
  };
}

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(const ConfigSources &S, std::string &ConfigText,
                      IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks;
  Defaults.HeaderFilterRegex = "";
  Defaults.SystemHeaders = false;

  ClangTidyOptions Overrides;
  if (!S.Checks.empty())
    Overrides.Checks = S.Checks;
  if (S.ReviewItems)
    Overrides.Checks = (S.Checks.empty() ? std::string() : S.Checks + ",") +
                       resilience::ReviewDiagnosticName;
  if (S.HeaderFilter)
    Overrides.HeaderFilterRegex = *S.HeaderFilter;

  auto ParseYaml = [](StringRef Text, StringRef Where) {
    std::string FirstError;
    auto Parsed = parseConfigurationWithDiags(
        MemoryBufferRef(Text, Where), [&](const SMDiagnostic &D) {
          if (FirstError.empty() && D.getKind() == SourceMgr::DK_Error)
            FirstError = D.getMessage().str();
        });
    if (!Parsed)
      fail(Where + ": invalid configuration: " +
           (FirstError.empty() ? Parsed.getError().message() : FirstError));
    if (!FirstError.empty())
      fail(Where + ": invalid configuration: " + FirstError);
    return std::move(*Parsed);
  };

  if (!S.Config.empty() || !S.ConfigFile.empty()) {
    if (!S.Config.empty() && !S.ConfigFile.empty())
      fail("--config and --config-file are mutually exclusive");
    ClangTidyOptions Parsed;
    if (!S.Config.empty()) {
      Parsed = ParseYaml(S.Config, "--config");
    } else {
      // Read once, here: workers get this text, not the path (which may
      // be a pipe).
      std::string Error;
      if (ConfigText.empty() &&
          !resilience::readBounded(S.ConfigFile, resilience::MaxConfigBytes,
                                   ConfigText, Error))
        fail("cannot read configuration file '" + S.ConfigFile + "': " + Error);
      Parsed = ParseYaml(ConfigText, S.ConfigFile);
    }
    return resilience::sanitizingProvider(
        std::make_unique<ConfigOptionsProvider>(
            std::move(Global), std::move(Defaults), std::move(Parsed),
            std::move(Overrides), FS),
        S.NoteDroppedFlags);
  }
  return resilience::sanitizingProvider(
      std::make_unique<FileOptionsProvider>(
          std::move(Global), std::move(Defaults), std::move(Overrides), FS),
      S.NoteDroppedFlags);
}

/// The configuration provider the engine uses: the project's, with only
/// the resilience checks of what it enables (CheckFilter.h).
} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
createOwnOptionsProvider(const ConfigSources &S, std::string &ConfigText,
                         IntrusiveRefCntPtr<vfs::FileSystem> FS) {
  std::vector<std::string> Extra;
  if (S.ReviewItems)
    Extra.push_back(resilience::ReviewDiagnosticName);
  return std::make_unique<resilience::OwnChecksOnlyProvider>(
      createOptionsProvider(S, ConfigText, FS), std::move(Extra));
}

std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(const DatabaseSources &S) {
  std::unique_ptr<tooling::CompilationDatabase> DB;
  if (!S.WorkerCommands.empty()) {
    // A worker: the commands its parent loaded and sanitized.
    std::string Text, Error;
    std::vector<tooling::CompileCommand> Commands;
    if (!resilience::readBounded(S.WorkerCommands, resilience::MaxDatabaseBytes,
                                 Text, Error) ||
        !resilience::deserializeCommands(Text, Commands))
      fail("cannot read the compile commands from the parent: " + Error);
    return resilience::makeListedDatabase(std::move(Commands));
  }
  if (S.HaveFixedArgs) {
    std::vector<std::string> Args(S.FixedArgs.begin(), S.FixedArgs.end());
    DB = std::make_unique<tooling::FixedCompilationDatabase>(".", Args);
  } else if (!S.BuildPath.empty()) {
    SmallString<256> Path(S.BuildPath);
    if (sys::fs::is_directory(Path))
      sys::path::append(Path, "compile_commands.json");
    if (!sys::fs::exists(Path))
      fail("no compilation database at '" + Path + "'");
    std::string Error, Text;
    if (!resilience::readBounded(std::string(Path),
                                 resilience::MaxDatabaseBytes, Text, Error))
      fail("cannot read compilation database '" + Path + "': " + Error);
    DB = tooling::JSONCompilationDatabase::loadFromBuffer(
        Text, Error, tooling::JSONCommandLineSyntax::AutoDetect);
    if (!DB)
      fail("cannot read compilation database '" + Path + "': " + Error);
    if (DB->getAllCompileCommands().empty())
      fail("the compilation database '" + Path + "' has no entries");
    DB = tooling::inferMissingCompileCommands(std::move(DB));
  } else {
    std::string Error;
    if (!S.Sources.empty())
      DB = tooling::CompilationDatabase::autoDetectFromSource(S.Sources.front(),
                                                              Error);
    if (!DB)
      DB = std::make_unique<tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>());
  }
  // '@file' arguments are read here, with a size limit, and what they hold
  // is sanitized like the rest: the compiler never expands one itself.
  DB = tooling::expandResponseFiles(
      std::move(DB), resilience::boundedFileSystem(resilience::MaxConfigBytes));
  auto Adjusted =
      std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(DB));
  if (!S.ExtraArgsBefore.empty())
    Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        S.ExtraArgsBefore, tooling::ArgumentInsertPosition::BEGIN));
  if (!S.ExtraArgs.empty())
    Adjusted->appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        S.ExtraArgs, tooling::ArgumentInsertPosition::END));
  Adjusted->appendArgumentsAdjuster(sanitizer(S.NoteDroppedFlags));
  return Adjusted;
}

} // namespace resilience
