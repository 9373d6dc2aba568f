//===--- Runner.cpp -------------------------------------------------------===//

#include "Runner.h"
#include "Interrupt.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/YAMLParser.h"
#include <chrono>
#include <csignal>
#include <map>
#include <set>
#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <sys/wait.h>
#include <tuple>

using clang::tidy::ClangTidyError;

namespace resilience {

// Results travel byte for byte: every string is "<length>:<bytes>", so a
// file name or a message in any encoding (not only UTF-8, which YAML would
// require) comes back unchanged, and -j1 and -j8 report the same paths and
// fingerprints.
namespace {

class Writer {
public:
  std::string Out;
  void str(llvm::StringRef S) {
    Out += std::to_string(S.size());
    Out += ':';
    Out += S;
  }
  void num(uint64_t N) { str(std::to_string(N)); }
  void message(const clang::tooling::DiagnosticMessage &M) {
    str(M.Message);
    str(M.FilePath);
    num(M.FileOffset);
    num(M.Fix.size());
    for (const auto &F : M.Fix) {
      str(F.getKey());
      num(F.getValue().size());
      for (const clang::tooling::Replacement &R : F.getValue()) {
        str(R.getFilePath());
        num(R.getOffset());
        num(R.getLength());
        str(R.getReplacementText());
      }
    }
    num(M.Ranges.size());
    for (const clang::tooling::FileByteRange &R : M.Ranges) {
      str(R.FilePath);
      num(R.FileOffset);
      num(R.Length);
    }
  }
};

class Reader {
public:
  explicit Reader(llvm::StringRef In) : In(In) {}
  bool Ok = true;
  std::string str() {
    size_t Colon = In.find(':');
    size_t Len = 0;
    if (!Ok || Colon == llvm::StringRef::npos ||
        In.take_front(Colon).getAsInteger(10, Len) ||
        In.size() < Colon + 1 + Len) {
      Ok = false;
      return "";
    }
    std::string S = In.substr(Colon + 1, Len).str();
    In = In.drop_front(Colon + 1 + Len);
    return S;
  }
  uint64_t num() {
    uint64_t N = 0;
    if (llvm::StringRef(str()).getAsInteger(10, N))
      Ok = false;
    return N;
  }
  /// A count of items that each take at least one byte.
  uint64_t count() {
    uint64_t N = num();
    if (N > In.size())
      Ok = false;
    return Ok ? N : 0;
  }
  bool done() const { return In.empty(); }
  clang::tooling::DiagnosticMessage message() {
    clang::tooling::DiagnosticMessage M;
    M.Message = str();
    M.FilePath = str();
    M.FileOffset = unsigned(num());
    for (uint64_t F = 0, NF = count(); F < NF && Ok; ++F) {
      std::string Key = str();
      clang::tooling::Replacements &Reps = M.Fix[Key];
      for (uint64_t R = 0, NR = count(); R < NR && Ok; ++R) {
        std::string Path = str();
        unsigned Offset = unsigned(num()), Length = unsigned(num());
        std::string Text = str();
        llvm::consumeError(
            Reps.add(clang::tooling::Replacement(Path, Offset, Length, Text)));
      }
    }
    for (uint64_t R = 0, NR = count(); R < NR && Ok; ++R) {
      clang::tooling::FileByteRange Range;
      Range.FilePath = str();
      Range.FileOffset = unsigned(num());
      Range.Length = unsigned(num());
      M.Ranges.push_back(Range);
    }
    return M;
  }

private:
  llvm::StringRef In;
};

constexpr llvm::StringLiteral ResultsMagic = "resilience-tidy-results-1\n";

} // namespace

std::string serializeResults(const std::vector<ClangTidyError> &Errors,
                             unsigned SuppressedByNolint) {
  Writer W;
  W.Out = ResultsMagic.str();
  W.num(SuppressedByNolint);
  W.num(Errors.size());
  for (const ClangTidyError &E : Errors) {
    W.str(E.DiagnosticName);
    W.num(unsigned(E.DiagLevel));
    W.str(E.BuildDirectory);
    W.num(E.IsWarningAsError);
    W.message(E.Message);
    W.num(E.Notes.size());
    for (const clang::tooling::DiagnosticMessage &N : E.Notes)
      W.message(N);
    W.num(E.EnabledDiagnosticAliases.size());
    for (const std::string &A : E.EnabledDiagnosticAliases)
      W.str(A);
  }
  return W.Out;
}

bool deserializeResults(llvm::StringRef Text, RunResult &Into) {
  if (!Text.consume_front(ResultsMagic))
    return false;
  Reader R(Text);
  unsigned Suppressed = unsigned(R.num());
  std::vector<ClangTidyError> Errors;
  for (uint64_t I = 0, N = R.count(); I < N && R.Ok; ++I) {
    std::string Name = R.str();
    uint64_t Level = R.num();
    std::string BuildDir = R.str();
    bool Wae = R.num() != 0;
    if (Level > unsigned(clang::tooling::Diagnostic::Error))
      R.Ok = false;
    ClangTidyError E(Name, clang::tooling::Diagnostic::Level(Level), BuildDir,
                     Wae);
    E.Message = R.message();
    for (uint64_t K = 0, NK = R.count(); K < NK && R.Ok; ++K)
      E.Notes.push_back(R.message());
    for (uint64_t K = 0, NK = R.count(); K < NK && R.Ok; ++K)
      E.EnabledDiagnosticAliases.push_back(R.str());
    Errors.push_back(std::move(E));
  }
  if (!R.Ok || !R.done())
    return false;
  Into.SuppressedByNolint += Suppressed;
  Into.Errors.insert(Into.Errors.end(), Errors.begin(), Errors.end());
  return true;
}

std::vector<std::string>
takeConfigurationErrors(std::vector<ClangTidyError> &Errors) {
  std::vector<std::string> Messages;
  std::set<std::string> Seen;
  auto IsConfig = [](const ClangTidyError &E) {
    return E.DiagnosticName == "clang-tidy-config";
  };
  for (const ClangTidyError &E : Errors)
    if (IsConfig(E) && Seen.insert(E.Message.Message).second)
      Messages.push_back(E.Message.Message);
  Errors.erase(std::remove_if(Errors.begin(), Errors.end(), IsConfig),
               Errors.end());
  return Messages;
}

void sortAndUnique(std::vector<ClangTidyError> &Errors) {
  auto Key = [](const ClangTidyError &E) {
    return std::tie(E.Message.FilePath, E.Message.FileOffset, E.DiagnosticName,
                    E.Message.Message);
  };
  std::stable_sort(Errors.begin(), Errors.end(),
                   [&](const ClangTidyError &A, const ClangTidyError &B) {
                     return Key(A) < Key(B);
                   });
  Errors.erase(std::unique(Errors.begin(), Errors.end(),
                           [&](const ClangTidyError &A, const ClangTidyError &B) {
                             return Key(A) == Key(B);
                           }),
               Errors.end());
}

namespace {

void putString(std::string &Out, llvm::StringRef S) {
  Out += std::to_string(S.size());
  Out += ':';
  Out += S;
}

bool getString(llvm::StringRef &In, std::string &S) {
  size_t Colon = In.find(':');
  if (Colon == llvm::StringRef::npos)
    return false;
  size_t Len = 0;
  if (In.take_front(Colon).getAsInteger(10, Len) || In.size() < Colon + 1 + Len)
    return false;
  S = In.substr(Colon + 1, Len).str();
  In = In.drop_front(Colon + 1 + Len);
  return true;
}

class ListedDatabase : public clang::tooling::CompilationDatabase {
public:
  explicit ListedDatabase(std::vector<clang::tooling::CompileCommand> C)
      : Commands(std::move(C)) {}
  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> Files;
    for (const auto &C : Commands)
      Files.push_back(C.Filename);
    return Files;
  }
  std::vector<clang::tooling::CompileCommand>
  getAllCompileCommands() const override {
    return Commands;
  }

private:
  std::vector<clang::tooling::CompileCommand> Commands;
};

/// What a worker printed, read back with a size limit.
std::string readCapture(const std::string &Path) {
  constexpr size_t Limit = 64 * 1024;
  std::string Text;
  int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD >= 0) {
    Text.resize(Limit);
    ssize_t N = ::read(FD, Text.data(), Limit);
    Text.resize(N > 0 ? size_t(N) : 0);
    ::close(FD);
  }
  // The engine's own line for a TU that does not compile: the compiler's
  // errors already are in the results.
  std::string Kept;
  llvm::SmallVector<llvm::StringRef, 8> Lines;
  llvm::StringRef(Text).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef L : Lines) {
    static const llvm::Regex Stats(
        "^[0-9]+ (warning|error)s? (and [0-9]+ (warning|error)s? )?generated\\.$");
    if (L.starts_with("Error while processing ") || L.trim().empty() ||
        Stats.match(L))
      continue;
    Kept += L.str() + "\n";
  }
  return Kept;
}

/// One line of untrusted output, safe to print and to put in a report.
std::string firstLine(llvm::StringRef Text) {
  llvm::StringRef Line = Text.take_until([](char C) { return C == '\n'; });
  std::string Out;
  for (char C : Line.take_front(200)) {
    unsigned char U = C;
    if (U < 0x20 || U == 0x7f)
      Out += '?';
    else
      Out += C;
  }
  return Out;
}

/// The line of a crashed worker's stderr that says why (LLVM's fatal error
/// or assertion, a sanitizer's report), for the bug report; empty when it
/// printed nothing that says so. Printed escaped, like every worker line.
std::string crashCause(llvm::StringRef Text) {
  static const char *const Markers[] = {"LLVM ERROR", "Assertion",
                                        "AddressSanitizer", "runtime error",
                                        "terminate called", "what():"};
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    for (const char *M : Markers)
      if (L.contains(M))
        return firstLine(L.trim());
  return "";
}

} // namespace

std::string
serializeCommands(const std::vector<clang::tooling::CompileCommand> &Commands) {
  std::string Out;
  for (const auto &C : Commands) {
    putString(Out, C.Directory);
    putString(Out, C.Filename);
    putString(Out, C.Output);
    putString(Out, C.Heuristic);
    Out += std::to_string(C.CommandLine.size()) + ";";
    for (const std::string &A : C.CommandLine)
      putString(Out, A);
  }
  return Out;
}

bool deserializeCommands(llvm::StringRef In,
                         std::vector<clang::tooling::CompileCommand> &Out) {
  while (!In.empty()) {
    clang::tooling::CompileCommand C;
    if (!getString(In, C.Directory) || !getString(In, C.Filename) ||
        !getString(In, C.Output) || !getString(In, C.Heuristic))
      return false;
    size_t Semi = In.find(';');
    size_t N = 0;
    if (Semi == llvm::StringRef::npos || In.take_front(Semi).getAsInteger(10, N))
      return false;
    In = In.drop_front(Semi + 1);
    for (size_t I = 0; I < N; ++I) {
      std::string A;
      if (!getString(In, A))
        return false;
      C.CommandLine.push_back(std::move(A));
    }
    Out.push_back(std::move(C));
  }
  return true;
}

std::vector<clang::tooling::CompileCommand>
uniqueCommands(const clang::tooling::CompilationDatabase &DB,
               const std::string &File) {
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  std::vector<clang::tooling::CompileCommand> Out;
  std::set<std::pair<std::string, std::vector<std::string>>> Seen;
  for (clang::tooling::CompileCommand &C : DB.getCompileCommands(Abs))
    if (Seen.insert({C.Directory, C.CommandLine}).second)
      Out.push_back(std::move(C));
  return Out;
}

std::unique_ptr<clang::tooling::CompilationDatabase>
makeListedDatabase(std::vector<clang::tooling::CompileCommand> Commands) {
  return std::make_unique<ListedDatabase>(std::move(Commands));
}

RunResult runWorkers(
    const std::string &Executable, const std::vector<std::string> &Files,
    const RunOptions &Options,
    llvm::function_ref<std::vector<clang::tooling::CompileCommand>(
        const std::string &)>
        CommandsFor,
    llvm::function_ref<std::vector<std::string>(const WorkerPaths &)> ArgsFor) {
  RunResult Result;
  installInterruptHandlers();
  llvm::SmallString<128> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("resilience-tidy", Dir)) {
    for (const std::string &F : Files)
      Result.Crashed.push_back(
          {F, "cannot create a temporary directory: " + EC.message()});
    return Result;
  }
  std::string DirPath(Dir);
  registerTempDir(DirPath);
  auto WriteFile = [](const std::string &Path, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
    if (EC)
      return false;
    OS << Text;
    OS.close();
    return !OS.has_error();
  };
  std::string ConfigPath;
  if (!Options.ConfigText.empty()) {
    ConfigPath = DirPath + "/config.yaml";
    if (!WriteFile(ConfigPath, Options.ConfigText))
      ConfigPath.clear();
  }

  struct Task {
    WorkerPaths Paths;
    std::string OutPath, ErrPath;
    std::chrono::steady_clock::time_point Deadline;
    bool TimedOut = false;
  };
  std::map<long, Task> Running;
  std::vector<std::string> Created;
  size_t Next = 0;
  unsigned Done = 0;
  auto Finish = [&](const Task &T, int Status) {
    ++Done;
    const std::string &File = T.Paths.File;
    if (Options.Progress)
      llvm::errs() << "[" << Done << "/" << Files.size() << "] "
                   << llvm::yaml::escape(File) << "\n";
    if (T.TimedOut) {
      Result.Crashed.push_back(
          {File, "the analysis ran past --file-timeout (" +
                     std::to_string(Options.TimeoutSeconds) + " s)"});
    } else if (WIFSIGNALED(Status)) {
      std::string Cause = crashCause(readCapture(T.ErrPath));
      Result.Crashed.push_back(
          {File, "the analyzer crashed (signal " +
                     std::to_string(WTERMSIG(Status)) + ")" +
                     (Cause.empty() ? "" : ": " + Cause)});
    } else if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0) {
      std::string Said = readCapture(T.ErrPath);
      Result.Crashed.push_back(
          {File, "the analyzer failed (exit code " +
                     std::to_string(WEXITSTATUS(Status)) + ")" +
                     (Said.empty() ? "" : ": " + firstLine(Said))});
    } else {
      auto Buf = llvm::MemoryBuffer::getFile(T.Paths.ResultPath);
      if (!Buf || !deserializeResults((*Buf)->getBuffer(), Result))
        Result.Crashed.push_back({File, "the analyzer sent no results"});
      std::string Said = readCapture(T.OutPath) + readCapture(T.ErrPath);
      if (!Said.empty())
        Result.Crashed.push_back(
            {File, "the analyzer printed unexpected output: " +
                       firstLine(Said)});
    }
    for (const std::string *P : {&T.Paths.ResultPath, &T.Paths.CommandsPath,
                                 &T.OutPath, &T.ErrPath})
      llvm::sys::fs::remove(*P);
  };
  using Clock = std::chrono::steady_clock;
  while (Next < Files.size() || !Running.empty()) {
    while (Next < Files.size() && Running.size() < Options.Jobs) {
      std::string Base = DirPath + "/" + std::to_string(Next);
      Task T;
      T.Paths = {Files[Next], Base + ".yaml", Base + ".cmd", ConfigPath};
      T.OutPath = Base + ".out";
      T.ErrPath = Base + ".err";
      ++Next;
      std::vector<clang::tooling::CompileCommand> Commands =
          CommandsFor(T.Paths.File);
      if (Commands.empty()) {
        Result.Crashed.push_back(
            {T.Paths.File, "no compile command for the file; not analyzed"});
        continue;
      }
      if (!WriteFile(T.Paths.CommandsPath, serializeCommands(Commands))) {
        Result.Crashed.push_back(
            {T.Paths.File, "cannot write to the temporary directory"});
        continue;
      }
      std::vector<std::string> Args = ArgsFor(T.Paths);
      std::vector<llvm::StringRef> Refs(Args.begin(), Args.end());
      std::optional<llvm::StringRef> Redirects[] = {
          llvm::StringRef(""), llvm::StringRef(T.OutPath),
          llvm::StringRef(T.ErrPath)};
      std::string Err;
      bool Failed = false;
      llvm::sys::ProcessInfo PI = llvm::sys::ExecuteNoWait(
          Executable, Refs, std::nullopt, Redirects, 0, &Err, &Failed);
      if (Failed || PI.Pid <= 0) {
        Result.Crashed.push_back(
            {T.Paths.File, "cannot start the analyzer: " + Err});
        continue;
      }
      registerWorker(PI.Pid);
      T.Deadline = Clock::now() + std::chrono::seconds(Options.TimeoutSeconds);
      Running[PI.Pid] = T;
    }
    if (Running.empty())
      continue;
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, WNOHANG);
    if (Pid == 0) {
      // Nobody finished: enforce the deadlines, then wait a little.
      if (Options.TimeoutSeconds) {
        Clock::time_point Now = Clock::now();
        for (auto &R : Running)
          if (!R.second.TimedOut && Now > R.second.Deadline) {
            R.second.TimedOut = true;
            ::kill(pid_t(R.first), SIGKILL);
          }
      }
      ::usleep(5000);
      continue;
    }
    if (Pid < 0 && errno == EINTR)
      continue;
    if (Pid < 0) {
      for (auto &R : Running)
        Result.Crashed.push_back(
            {R.second.Paths.File, "lost the analyzer process"});
      Running.clear();
      break;
    }
    auto It = Running.find(Pid);
    if (It == Running.end())
      continue;
    unregisterWorker(Pid);
    Task T = It->second;
    Running.erase(It);
    Finish(T, Status);
  }
  if (!ConfigPath.empty())
    llvm::sys::fs::remove(ConfigPath);
  llvm::sys::fs::remove(Dir);
  unregisterTempDir(DirPath);
  sortAndUnique(Result.Errors);
  return Result;
}

} // namespace resilience
