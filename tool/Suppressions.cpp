//===--- Suppressions.cpp -------------------------------------------------===//

#include "Suppressions.h"
#include "Collect.h"
#include "Nolint.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <set>
#include <tuple>

using clang::tidy::ClangTidyError;

namespace resilience {

const char *const NolintReasonCheck = "resilience-nolint-reason";

static bool readText(const std::string &Path, std::string &Text) {
  auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return false;
  Text = (*Buf)->getBuffer().str();
  return true;
}

std::vector<ClangTidyError>
findBareNolints(const std::vector<std::string> &Files,
                const std::vector<std::string> &Checks) {
  std::vector<ClangTidyError> Out;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  for (const std::string &File : Files) {
    std::string Text;
    if (!readText(File, Text))
      continue;
    for (const NolintDirective &D : findNolintDirectives(Text)) {
      if (D.Type == NolintDirective::End || !D.Reason.empty())
        continue;
      bool Covers = false;
      for (const std::string &C : Checks)
        Covers = Covers || (C != NolintReasonCheck && nolintNames(D, C));
      if (!Covers)
        continue;
      ClangTidyError E(NolintReasonCheck, ClangTidyError::Warning,
                       std::string(Cwd), /*IsWarningAsError=*/false);
      E.Message.Message =
          "NOLINT suppresses resilience checks without a reason; say why "
          "after a colon, as in 'NOLINT(resilience-missing-timeout): the "
          "caller sets a deadline'";
      E.Message.FilePath = absolutePath(File, std::string(Cwd));
      E.Message.FileOffset = D.Offset;
      Out.push_back(std::move(E));
    }
  }
  return Out;
}

llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem>
fileSystemIgnoringNolint(const std::vector<std::string> &Files) {
  auto Overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  auto Memory = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  bool Any = false;
  for (const std::string &File : Files) {
    std::string Text;
    if (!readText(File, Text) || Text.find("NOLINT") == std::string::npos)
      continue;
    Memory->addFile(absolutePath(File, ""), 0,
                    llvm::MemoryBuffer::getMemBufferCopy(disableNolint(Text),
                                                         File));
    Any = true;
  }
  if (Any)
    Overlay->pushOverlay(Memory);
  return Overlay;
}

std::vector<std::pair<ClangTidyError, std::string>>
suppressedResults(const std::vector<ClangTidyError> &Shown,
                  const std::vector<ClangTidyError> &All) {
  auto Key = [](const ClangTidyError &E) {
    return std::make_tuple(absolutePath(E.Message.FilePath, E.BuildDirectory),
                           E.Message.FileOffset, E.DiagnosticName,
                           E.Message.Message);
  };
  std::set<decltype(Key(Shown.front()))> Seen;
  for (const ClangTidyError &E : Shown)
    Seen.insert(Key(E));
  std::map<std::string, std::pair<std::string, std::vector<NolintDirective>>>
      Files;
  std::vector<std::pair<ClangTidyError, std::string>> Out;
  for (const ClangTidyError &E : All) {
    if (isCompilerError(E) || Seen.count(Key(E)))
      continue;
    std::string Abs = absolutePath(E.Message.FilePath, E.BuildDirectory);
    auto It = Files.find(Abs);
    if (It == Files.end()) {
      std::string Text;
      readText(Abs, Text);
      auto Directives = findNolintDirectives(Text);
      It = Files.emplace(Abs, std::make_pair(Text, std::move(Directives))).first;
    }
    const std::string &Text = It->second.first;
    unsigned Offset = std::min<size_t>(E.Message.FileOffset, Text.size());
    unsigned Line = 1 + std::count(Text.begin(), Text.begin() + Offset, '\n');
    const NolintDirective *D =
        findSuppressor(It->second.second, E.DiagnosticName, Line);
    if (!D)
      continue; // not a NOLINT of this file: leave it out
    Out.emplace_back(E, D->Reason);
  }
  return Out;
}

} // namespace resilience
