//===--- Main.cpp - resilience-tidy, the standalone CI driver -------------===//
//
// Runs the resilience checks (and only them) through the clang-tidy engine
// over a compilation database, a list of files, or files with compiler
// arguments after `--`. The exit code is what CI gates on:
//   0  no findings (at or above --fail-on)
//   1  findings
//   2  the tool could not do its whole job: a bad option, an unreadable
//      compilation database or configuration, a missing file, a translation
//      unit that failed to parse or crashed the analyzer. Every other
//      translation unit is still analyzed and reported.
// Where the engine's configuration and compile commands come from is in
// EngineSetup.cpp; what happens after the engine (filters, formats, files)
// is in Output.cpp.
//
//===----------------------------------------------------------------------===//

#include "ArgumentSanitizer.h"
#include "CachedRun.h"
#include "CheckFilter.h"
#include "ClangTidyCompat.h"
#include "Collect.h"
#include "EngineSetup.h"
#include "Inputs.h"
#include "Merge.h"
#include "Output.h"
#include "OutputFile.h"
#include "Runner.h"
#include "Shard.h"
#include "Suppressions.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/thread.h"
#include "llvm/Support/raw_ostream.h"
#include <set>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;
using resilience::fail;

extern volatile int ResilienceModuleAnchorSource;
static int ResilienceModuleAnchorDestination = ResilienceModuleAnchorSource;
extern volatile int ResilienceReviewModuleAnchorSource;
static int ResilienceReviewModuleAnchorDestination =
    ResilienceReviewModuleAnchorSource;

namespace {


cl::OptionCategory Category("resilience-tidy options");

cl::opt<std::string> BuildPath(
    "p", cl::desc("Build directory containing compile_commands.json (or the "
                  "path of the file itself). Without files, every file in "
                  "it is analyzed."),
    cl::value_desc("dir"), cl::cat(Category));
cl::list<std::string> Sources(cl::Positional, cl::desc("[<file> ...]"),
                              cl::cat(Category));
cl::opt<std::string> Checks(
    "checks",
    cl::desc("Comma-separated globs of checks to run, added to the "
             "configuration's list (default: resilience-*)."),
    cl::init(""), cl::cat(Category));
cl::opt<std::string> ConfigFile(
    "config-file",
    cl::desc("Read the configuration from this YAML file instead of the "
             ".clang-tidy files found next to the sources."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> Config(
    "config",
    cl::desc("Configuration in YAML, e.g. \"{CheckOptions: "
             "{resilience-missing-timeout.Strict: true}}\"; overrides "
             ".clang-tidy files."),
    cl::cat(Category));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Regular expression of headers whose findings are shown too."),
    cl::init(""), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes to the sources."),
                  cl::cat(Category));
cl::opt<bool> ListChecks("list-checks",
                         cl::desc("List the enabled checks and exit."),
                         cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc("Print findings only, no statistics."),
                    cl::cat(Category));
cl::list<std::string> ExtraArgs(
    "extra-arg", cl::desc("Additional compiler argument to append."),
    cl::cat(Category));
cl::list<std::string> ExtraArgsBefore(
    "extra-arg-before", cl::desc("Additional compiler argument to prepend."),
    cl::cat(Category));

cl::list<std::string> Formats(
    "format",
    cl::desc("Output format: text (default, as clang-tidy prints), sarif, "
             "github, codeclimate, rdjson, markdown, review (retry-loop "
             "review items and a pull-request review, JSON), html (one "
             "self-contained page). Repeat it, each followed "
             "by its --output, for several reports in one run; a format "
             "without --output goes to standard output."),
    cl::value_desc("format"), cl::cat(Category));
cl::list<std::string> Outputs(
    "output", cl::desc("Write the report of the --format before it to this "
                       "file (atomically: a temporary file, then a rename)."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("Paths in reports are relative to this directory (default: the "
             "current directory); SARIF names it SRCROOT."),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> FailOn(
    "fail-on",
    cl::desc("Exit 1 for findings at this level or above: warning (default), "
             "error, or never."),
    cl::init("warning"), cl::value_desc("level"), cl::cat(Category));
cl::opt<unsigned> Jobs(
    "j", cl::desc("Analyze this many translation units at a time, each in "
                  "its own process (default: the number of cores). The "
                  "output does not depend on it."),
    cl::init(0), cl::value_desc("N"), cl::Prefix, cl::cat(Category));
cl::opt<bool> Progress("progress",
                       cl::desc("Print progress to stderr with -j."),
                       cl::cat(Category));
cl::opt<std::string> DiffBase(
    "diff-base",
    cl::desc("Report only findings on lines added or changed since this git "
             "revision (git diff <rev>...HEAD)."),
    cl::value_desc("rev"), cl::cat(Category));
cl::opt<std::string> ChangedLines(
    "changed-lines",
    cl::desc("Report only findings on lines this unified diff adds or changes "
             "('-' reads standard input); paths relative to --source-root."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> BaselineFile(
    "baseline", cl::desc("Hide the findings this baseline file accepts."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> BaselineWrite(
    "baseline-write",
    cl::desc("Write the findings of this run to a baseline file."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> ExportFixes(
    "export-fixes",
    cl::desc("Write the suggested fixes as YAML for clang-apply-replacements."),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> DocsUrl(
    "docs-url",
    cl::desc("Base URL of the check pages, for links in reports (default: "
             "the project's docs/checks/)."),
    cl::init(RESILIENCE_TIDY_DOCS_URL), cl::value_desc("url"),
    cl::cat(Category));

cl::opt<bool> RequireNolintReason(
    "require-nolint-reason",
    cl::desc("Report NOLINT comments that cover resilience checks without "
             "a reason after a colon: NOLINT(resilience-xxx): why."),
    cl::cat(Category));
cl::opt<bool> IncludeSuppressed(
    "include-suppressed",
    cl::desc("Keep findings suppressed by NOLINT in SARIF, marked as "
             "suppressed in source with their reason (analyzes twice)."),
    cl::cat(Category));

cl::opt<unsigned> FileTimeout(
    "file-timeout",
    cl::desc("Stop the analysis of a file after this many seconds and report "
             "it as not analyzed (default: 300; 0: no limit)."),
    cl::init(300), cl::value_desc("seconds"), cl::cat(Category));
cl::opt<bool> Verbose(
    "verbose", cl::desc("Print a note for each compiler flag dropped from "
                        "a compile command (see docs/ci.md, threat model)."),
    cl::cat(Category));
// Performance at project scale: the result cache and CI shards.
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Reuse the results of translation units whose compile command, "
             "configuration and every file they read are unchanged, kept in "
             "this directory (default: $RESILIENCE_TIDY_CACHE_DIR)."),
    cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> ShardSpec(
    "shard",
    cl::desc("Analyze only shard K of N (1 <= K <= N) of the files, a stable "
             "partition for CI matrix jobs; combine their reports with "
             "`resilience-tidy merge`."),
    cl::value_desc("K/N"), cl::cat(Category));
cl::opt<bool> ListFiles(
    "list-files",
    cl::desc("Print the files this run would analyze (after --shard), one "
             "per line, and exit."),
    cl::cat(Category));
cl::opt<std::string> CacheSalt("internal-cache-salt", cl::ReallyHidden);

// Set by the parent process on its workers (see Runner.h).
cl::opt<std::string> WorkerOutput("internal-worker-output", cl::ReallyHidden);
/// The stack of a worker's analysis thread (see main).
constexpr unsigned WorkerStackBytes = 1024u << 20;
cl::opt<std::string> WorkerCommands("internal-worker-commands",
                                    cl::ReallyHidden);
cl::opt<bool> WorkerReviewItems("internal-review-items", cl::ReallyHidden);

/// A requested format shows retry-loop review items: the checks' review
/// emitter runs too (its diagnostics never reach the text output).
bool ReviewItemsWanted = false;
cl::opt<bool> IgnoreNolint("internal-ignore-nolint", cl::ReallyHidden);

void printVersion(raw_ostream &OS) {
  OS << "resilience-tidy " << RESILIENCE_TIDY_VERSION << " (LLVM "
     << CLANG_VERSION_STRING << ")\n";
}

/// The command line of a worker: the options that decide what the engine
/// does, never the ones about reporting. The compile commands and the
/// configuration file come from the parent (see Runner.h).
std::vector<std::string> workerArgs(const std::string &Exe,
                                    const resilience::WorkerPaths &W) {
  std::vector<std::string> A = {Exe, "--internal-worker-output=" + W.ResultPath,
                                "--internal-worker-commands=" + W.CommandsPath};
  if (!Checks.empty())
    A.push_back("--checks=" + Checks);
  if (!ConfigFile.empty())
    A.push_back("--config-file=" + W.ConfigPath);
  if (!Config.empty())
    A.push_back("--config=" + Config);
  if (HeaderFilter.getNumOccurrences())
    A.push_back("--header-filter=" + HeaderFilter);
  if (Fix)
    A.push_back("--fix"); // workers never write files; see below
  if (ReviewItemsWanted)
    A.push_back("--internal-review-items");
  // A relative name starting with '-' would read as an option.
  A.push_back(StringRef(W.File).starts_with("-") ? "./" + W.File : W.File);
  return A;
}

} // namespace

int main(int argc, const char **argv) {
  (void)ResilienceModuleAnchorDestination;
  (void)ResilienceReviewModuleAnchorDestination;
  if (argc > 1 && StringRef(argv[1]) == "merge")
    return resilience::runMerge(
        std::vector<std::string>(argv + 2, argv + argc));
  // Split off compiler arguments after "--".
  std::vector<const char *> ToolArgs;
  std::vector<std::string> FixedArgs;
  bool HaveFixedArgs = false;
  for (int I = 0; I < argc; ++I) {
    if (!HaveFixedArgs && I > 0 && StringRef(argv[I]) == "--") {
      HaveFixedArgs = true;
      continue;
    }
    if (HaveFixedArgs)
      FixedArgs.push_back(argv[I]);
    else
      ToolArgs.push_back(argv[I]);
  }

  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter(printVersion);
  std::string ParseErrors;
  raw_string_ostream ErrStream(ParseErrors);
  if (!cl::ParseCommandLineOptions(
          ToolArgs.size(), ToolArgs.data(),
          "Finds network calls that can hang, retry loops that can storm, "
          "and payments that can be charged twice.\n\n"
          "  resilience-tidy -p build/ [files...]\n"
          "  resilience-tidy file.cpp -- -std=c++17 -Iinclude\n"
          "  resilience-tidy -p build/ --format=sarif --output=out.sarif "
          "--format=github\n\n"
          "Exit codes: 0 no findings, 1 findings, 2 the tool could not do "
          "its whole job.\n",
          &ErrStream)) {
    ErrStream.flush();
    StringRef Msg = StringRef(ParseErrors).trim();
    // llvm::cl prefixes the program name and adds a "Try: --help" line;
    // keep just the complaint.
    Msg = Msg.take_until([](char C) { return C == '\n'; });
    if (Msg.contains(": "))
      Msg = Msg.split(": ").second;
    Msg = Msg.split("  Try:").first.rtrim(" .");
    fail((Msg.empty() ? StringRef("invalid command line") : Msg) +
         " (see --help)");
  }

  // Each --output belongs to the --format right before it.
  std::vector<std::string> FormatNames(Formats.begin(), Formats.end());
  std::vector<std::string> OutputPaths(FormatNames.size());
  for (unsigned I = 0; I < Outputs.size(); ++I) {
    unsigned Pos = Outputs.getPosition(I);
    int Owner = -1;
    for (unsigned F = 0; F < Formats.size(); ++F)
      if (Formats.getPosition(F) < Pos)
        Owner = F;
    if (Owner < 0 && Formats.empty() && Outputs.size() == 1) {
      FormatNames.push_back("text"); // --output alone: the text report
      OutputPaths.push_back("");
      Owner = 0;
    }
    if (Owner < 0)
      fail("--output=" + Outputs[I] + " must follow the --format it is for");
    if (!OutputPaths[Owner].empty())
      fail("two --output options for one --format");
    OutputPaths[Owner] = Outputs[I];
  }
  resilience::OutputOptions Out;
  std::string OptionError;
  if (!resilience::parseOutputOptions(FormatNames, OutputPaths, FailOn,
                                      SourceRoot, Out, OptionError))
    fail(OptionError);
  if (!DiffBase.empty() && !ChangedLines.empty())
    fail("--diff-base and --changed-lines are mutually exclusive");
  Out.DiffBase = DiffBase;
  Out.ChangedLines = ChangedLines;
  Out.Baseline = BaselineFile;
  Out.BaselineWrite = BaselineWrite;
  Out.ExportFixes = ExportFixes;
  Out.Fix = Fix;
  Out.Quiet = Quiet;
  Out.DocsUrl = DocsUrl;
  Out.ToolVersion = RESILIENCE_TIDY_VERSION;
  ReviewItemsWanted = WorkerReviewItems;
  for (const resilience::OutputRequest &R : Out.Requests)
    ReviewItemsWanted |= resilience::showsReviewItems(R.Format);

  // .clang-tidy files: regular files of bounded size only.
  auto FS = resilience::boundedFileSystem(resilience::MaxConfigBytes);
  resilience::ConfigSources ConfigFrom;
  ConfigFrom.Checks = Checks;
  ConfigFrom.Config = Config;
  ConfigFrom.ConfigFile = ConfigFile;
  if (HeaderFilter.getNumOccurrences())
    ConfigFrom.HeaderFilter = HeaderFilter;
  ConfigFrom.ReviewItems = ReviewItemsWanted;
  ConfigFrom.NoteDroppedFlags = Verbose && WorkerOutput.empty();
  // The text of --config-file, read once.
  std::string ConfigText;
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      resilience::createOwnOptionsProvider(ConfigFrom, ConfigText, FS);

  SmallString<256> Here;
  sys::fs::current_path(Here);
  sys::path::append(Here, "dummy.cpp");
  if (WorkerOutput.empty()) {
    // A malformed .clang-tidy is an error, never the defaults in its place.
    std::vector<std::string> Named(Sources.begin(), Sources.end());
    Named.push_back(std::string(Here));
    std::string Error;
    if (!resilience::checkConfigFiles(Named, Error))
      fail(Error);
  }
  ClangTidyOptions Effective = Provider->getOptions(
      Sources.empty() ? StringRef(Here) : StringRef(Sources.front()));
  std::vector<std::string> Enabled = resilience::enabledCheckNames(Effective);
  Enabled.erase(std::remove(Enabled.begin(), Enabled.end(),
                            resilience::ReviewDiagnosticName),
                Enabled.end());
  if (ListChecks) {
    outs() << "Enabled checks:";
    for (const std::string &N : Enabled)
      outs() << "\n    " << N;
    outs() << "\n\n";
    return 0;
  }

  if (Sources.empty() && BuildPath.empty() && WorkerCommands.empty())
    fail("no input files; name files, or a build directory with -p");
  if (Enabled.empty())
    fail("no checks enabled (see --checks and the Checks of .clang-tidy)");

  resilience::DatabaseSources DatabaseFrom;
  DatabaseFrom.WorkerCommands = WorkerCommands;
  DatabaseFrom.HaveFixedArgs = HaveFixedArgs;
  DatabaseFrom.FixedArgs = FixedArgs;
  DatabaseFrom.BuildPath = BuildPath;
  DatabaseFrom.Sources.assign(Sources.begin(), Sources.end());
  DatabaseFrom.ExtraArgs.assign(ExtraArgs.begin(), ExtraArgs.end());
  DatabaseFrom.ExtraArgsBefore.assign(ExtraArgsBefore.begin(),
                                      ExtraArgsBefore.end());
  DatabaseFrom.NoteDroppedFlags = Verbose && WorkerOutput.empty();
  std::unique_ptr<tooling::CompilationDatabase> DB =
      resilience::loadDatabase(DatabaseFrom);

  std::vector<std::string> Files(Sources.begin(), Sources.end());
  if (Files.empty())
    Files = DB->getAllFiles();
  if (!ShardSpec.empty()) {
    resilience::Shard S;
    std::string ShardError;
    if (!resilience::parseShard(ShardSpec, S, ShardError))
      fail(ShardError);
    Files = resilience::filesInShard(Files, Out.SourceRoot, S);
  }
  if (ListFiles) {
    for (const std::string &F : Files)
      outs() << F << "\n";
    return 0;
  }
  std::vector<resilience::Problem> Problems;
  std::vector<std::string> Present;
  std::set<std::string> Listed;
  for (const std::string &F : Files) {
    if (!Listed.insert(F).second)
      continue; // named twice: analyzed once
    std::string Why = resilience::unreadableInput(F);
    if (!Why.empty()) {
      errs() << "resilience-tidy: error: " << Why << ": '"
             << resilience::escapeForMessage(F) << "'; not analyzed\n";
      resilience::Problem P;
      P.Message = Why + ": '" + F + "'; not analyzed";
      Problems.push_back(P);
      continue;
    }
    Present.push_back(F);
  }
  if (WorkerOutput.empty()) {
    std::vector<std::string> OutputFiles = {BaselineWrite, ExportFixes};
    for (const resilience::OutputRequest &R : Out.Requests)
      OutputFiles.push_back(R.Path);
    std::string Error;
    if (!resilience::checkInputs(Present, *Provider, OutputFiles,
                                 {ConfigFile, BaselineFile, ChangedLines,
                                  BuildPath},
                                 Error))
      fail(Error);
  }

  ClangTidyContext Context(std::move(Provider));
  auto BaseFS =
      makeIntrusiveRefCnt<vfs::OverlayFileSystem>(vfs::getRealFileSystem());
  resilience::RunResult Run;
  unsigned JobCount = Jobs ? Jobs : llvm::get_physical_cores();
  if (JobCount == 0 || JobCount > 1024)
    JobCount = llvm::hardware_concurrency().compute_thread_count();
  // The parent analyzes nothing itself: every file goes to a worker, for
  // crash and hang isolation.
  bool UseWorkers = WorkerOutput.empty();
  std::string Exe = sys::fs::getMainExecutable(argv[0], (void *)&printVersion);
  std::unique_ptr<resilience::ResultCache> Cache = resilience::openCache(
      CacheDir, CacheSalt, Exe, RESILIENCE_TIDY_VERSION);
  // One pass over every file; IgnoringNolint: with NOLINT comments made
  // inert, to find what they suppress (--include-suppressed).
  auto RunPass = [&](bool IgnoringNolint) {
    resilience::RunResult R;
    if (Present.empty())
      return R;
    // Test hooks, in workers only (so they cannot take the whole tool
    // down): crash, hang, or print stray text, to check that the parent
    // isolates the file and still reports the others.
    if (const char *Crash = ::getenv("RESILIENCE_TIDY_TEST_CRASH_ON"))
      if (!WorkerOutput.empty() && *Crash &&
          StringRef(Present.front()).ends_with(Crash)) {
        errs() << "LLVM ERROR: crash requested by RESILIENCE_TIDY_TEST_CRASH_ON\n";
        errs().flush();
        ::abort();
      }
    if (const char *Say = ::getenv("RESILIENCE_TIDY_TEST_WORKER_SAYS"))
      if (!WorkerOutput.empty() && *Say)
        outs() << Say << "\n", errs() << Say << "\n";
    if (const char *Hang = ::getenv("RESILIENCE_TIDY_TEST_HANG_ON"))
      if (!WorkerOutput.empty() && *Hang &&
          StringRef(Present.front()).ends_with(Hang))
        for (;;)
          ::pause();
    resilience::RunOptions Options;
    Options.Jobs = JobCount;
    Options.Progress =
        Progress || (!Quiet && sys::Process::StandardErrIsDisplayed());
    Options.TimeoutSeconds = FileTimeout;
    Options.ConfigText = ConfigText;
    auto CommandsOf = [&](const std::string &File) {
      return resilience::uniqueCommands(*DB, File);
    };
    // Through the result cache (CachedRun.h): what is not cached is
    // analyzed by workers (in the parent) or in process (in a worker),
    // storing its results.
    if (Cache && !IgnoringNolint)
      return resilience::runThroughCache(
          *Cache, Context, *DB, Present, WorkerOutput.empty() && !Quiet,
          [&](const std::vector<std::string> &Missing) {
            if (!UseWorkers)
              return resilience::analyzeAndStore(*Cache, Context, *DB,
                                                 Missing, Fix);
            return resilience::runWorkers(
                Exe, Missing, Options, CommandsOf,
                [&](const resilience::WorkerPaths &W) {
                  std::vector<std::string> A = workerArgs(Exe, W);
                  A.insert(A.begin() + 1,
                           {"--cache-dir=" + Cache->dir(),
                            "--internal-cache-salt=" + Cache->salt()});
                  return A;
                });
          });
    if (UseWorkers) {
      return resilience::runWorkers(
          Exe, Present, Options, CommandsOf,
          [&](const resilience::WorkerPaths &W) {
            std::vector<std::string> A = workerArgs(Exe, W);
            if (IgnoringNolint)
              A.insert(A.begin() + 1, "--internal-ignore-nolint");
            return A;
          });
    }
    if (!IgnoringNolint) {
      R.Errors =
          runClangTidy(Context, *DB, Present, BaseFS, /*ApplyAnyFix=*/Fix);
      R.SuppressedByNolint = Context.getStats().ErrorsIgnoredNOLINT;
    } else {
      ClangTidyContext Unfiltered(
          resilience::createOwnOptionsProvider(ConfigFrom, ConfigText, FS));
      R.Errors = runClangTidy(Unfiltered, *DB, Present,
                              resilience::fileSystemIgnoringNolint(Present),
                              /*ApplyAnyFix=*/Fix);
    }
    return R;
  };
  if (WorkerOutput.empty()) {
    Run = RunPass(IgnoreNolint);
  } else {
    // A worker analyzes on a thread with a large stack: clang builds ASTs
    // far deeper than its own recursive walks (and ours, in a plugin) can
    // follow on a default 8 MiB stack (an 18,000-term `a && a && ...`).
    // Only the pages used are ever touched.
    llvm::thread Analysis(std::optional<unsigned>(WorkerStackBytes),
                          [&] { Run = RunPass(IgnoreNolint); });
    Analysis.join();
  }

  if (!WorkerOutput.empty()) {
    // A worker: hand the results to the parent, print nothing.
    std::string Error;
    std::string Text =
        resilience::serializeResults(Run.Errors, Run.SuppressedByNolint);
    if (!resilience::writeAtomically(
            WorkerOutput,
            [&](raw_ostream &OS, int) { OS << Text; }, Error))
      fail(Error);
    return 0;
  }

  for (const auto &C : Run.Crashed) {
    // Unexpected output from a worker does not lose its findings.
    std::string Message =
        StringRef(C.second).starts_with("the analyzer printed")
            ? C.second
            : C.second + "; its findings are missing";
    errs() << "resilience-tidy: error: " << C.second << " on '"
           << resilience::escapeForMessage(C.first) << "'"
           << StringRef(Message).drop_front(C.second.size()) << "\n";
    resilience::Problem P;
    P.Path = resilience::relativeTo(resilience::absolutePath(C.first, ""),
                                    Out.SourceRoot, P.Relative);
    P.Message = Message;
    Problems.push_back(P);
  }
  for (const std::string &M : resilience::takeConfigurationErrors(Run.Errors)) {
    errs() << "resilience-tidy: error: configuration: "
           << resilience::escapeForMessage(M) << "\n";
    resilience::Problem P;
    P.Message = "configuration: " + M;
    Problems.push_back(P);
  }
  std::vector<std::pair<ClangTidyError, std::string>> Suppressed;
  if (IncludeSuppressed)
    Suppressed = resilience::suppressedResults(Run.Errors,
                                               RunPass(true).Errors);
  if (RequireNolintReason) {
    std::vector<ClangTidyError> Bare =
        resilience::findBareNolints(Present, Enabled);
    Run.Errors.insert(Run.Errors.end(), Bare.begin(), Bare.end());
    resilience::sortAndUnique(Run.Errors);
    Enabled.push_back(resilience::NolintReasonCheck);
  }
  std::sort(Enabled.begin(), Enabled.end());
  return resilience::report(Run.Errors, Suppressed, Problems, Enabled,
                            Present.size(), Run.SuppressedByNolint, Context,
                            BaseFS, Out);
}
