//===--- Runner.cpp -------------------------------------------------------===//

#include "Runner.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/YAMLTraits.h"
#include <map>
#include <cerrno>
#include <sys/wait.h>
#include <tuple>

using clang::tidy::ClangTidyError;

namespace resilience {

// The YAML of clang::tooling::TranslationUnitDiagnostics carries everything
// the reporters use except IsWarningAsError and the NOLINT count; those
// travel in MainSourceFile, which no one else reads here:
//   "nolint=<N>;wae=<index>,<index>,..."
std::string serializeResults(const std::vector<ClangTidyError> &Errors,
                             unsigned SuppressedByNolint) {
  clang::tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = "nolint=" + std::to_string(SuppressedByNolint) + ";wae=";
  for (unsigned I = 0; I < Errors.size(); ++I) {
    if (Errors[I].IsWarningAsError)
      TU.MainSourceFile += std::to_string(I) + ",";
    TU.Diagnostics.push_back(Errors[I]);
  }
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  OS.flush();
  return Out;
}

bool deserializeResults(llvm::StringRef Text, RunResult &Into) {
  clang::tooling::TranslationUnitDiagnostics TU;
  llvm::yaml::Input YAML(Text);
  YAML >> TU;
  if (YAML.error())
    return false;
  llvm::StringRef Meta = TU.MainSourceFile;
  if (!Meta.consume_front("nolint="))
    return false;
  auto [Count, WaeList] = Meta.split(";wae=");
  unsigned N = 0;
  if (Count.getAsInteger(10, N))
    return false;
  Into.SuppressedByNolint += N;
  std::vector<bool> Wae(TU.Diagnostics.size());
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  WaeList.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    unsigned I = 0;
    if (!P.getAsInteger(10, I) && I < Wae.size())
      Wae[I] = true;
  }
  for (unsigned I = 0; I < TU.Diagnostics.size(); ++I) {
    const clang::tooling::Diagnostic &D = TU.Diagnostics[I];
    ClangTidyError E(D.DiagnosticName, D.DiagLevel, D.BuildDirectory, Wae[I]);
    E.Message = D.Message;
    E.Notes = D.Notes;
    Into.Errors.push_back(std::move(E));
  }
  return true;
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

RunResult runWorkers(
    const std::string &Executable, const std::vector<std::string> &Files,
    unsigned Jobs, bool Progress,
    llvm::function_ref<std::vector<std::string>(const std::string &,
                                                const std::string &)>
        ArgsFor) {
  RunResult Result;
  llvm::SmallString<128> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("resilience-tidy", Dir)) {
    for (const std::string &F : Files)
      Result.Crashed.push_back(
          {F, "cannot create a temporary directory: " + EC.message()});
    return Result;
  }
  struct Task {
    std::string File;
    std::string ResultPath;
  };
  std::map<long, Task> Running;
  size_t Next = 0;
  unsigned Done = 0;
  auto Finish = [&](const Task &T, int Status) {
    ++Done;
    if (Progress)
      llvm::errs() << "[" << Done << "/" << Files.size() << "] " << T.File
                   << "\n";
    if (WIFSIGNALED(Status)) {
      Result.Crashed.push_back(
          {T.File, "the analyzer crashed (signal " +
                       std::to_string(WTERMSIG(Status)) + ")"});
    } else if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0) {
      Result.Crashed.push_back(
          {T.File, "the analyzer failed (exit code " +
                       std::to_string(WEXITSTATUS(Status)) + ")"});
    } else {
      auto Buf = llvm::MemoryBuffer::getFile(T.ResultPath);
      if (!Buf || !deserializeResults((*Buf)->getBuffer(), Result))
        Result.Crashed.push_back({T.File, "the analyzer sent no results"});
    }
    llvm::sys::fs::remove(T.ResultPath);
  };
  while (Next < Files.size() || !Running.empty()) {
    while (Next < Files.size() && Running.size() < Jobs) {
      Task T{Files[Next], (Dir + "/" + std::to_string(Next) + ".yaml").str()};
      ++Next;
      std::vector<std::string> Args = ArgsFor(T.File, T.ResultPath);
      std::vector<llvm::StringRef> Refs(Args.begin(), Args.end());
      std::string Err;
      bool Failed = false;
      llvm::sys::ProcessInfo PI = llvm::sys::ExecuteNoWait(
          Executable, Refs, std::nullopt, {}, 0, &Err, &Failed);
      if (Failed || PI.Pid <= 0) {
        Result.Crashed.push_back({T.File, "cannot start the analyzer: " + Err});
        continue;
      }
      Running[PI.Pid] = T;
    }
    if (Running.empty())
      continue;
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, 0);
    if (Pid < 0 && errno == EINTR)
      continue;
    if (Pid < 0) {
      for (auto &R : Running)
        Result.Crashed.push_back({R.second.File, "lost the analyzer process"});
      Running.clear();
      break;
    }
    auto It = Running.find(Pid);
    if (It == Running.end())
      continue;
    Task T = It->second;
    Running.erase(It);
    Finish(T, Status);
  }
  llvm::sys::fs::remove(Dir);
  sortAndUnique(Result.Errors);
  return Result;
}

} // namespace resilience
