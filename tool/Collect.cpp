//===--- Collect.cpp ------------------------------------------------------===//

#include "Collect.h"
#include "Fingerprint.h"
#include "clang/Tooling/Core/Diagnostic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <map>
#include <optional>
#include <memory>

using clang::tidy::ClangTidyError;

namespace resilience {

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

std::string absolutePath(const std::string &File, const std::string &BuildDir) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path) && !BuildDir.empty()) {
    llvm::SmallString<256> Base(BuildDir);
    llvm::sys::path::append(Base, Path);
    Path = Base;
  }
  llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

std::string relativeTo(const std::string &Abs, const std::string &Root,
                       bool &Relative) {
  Relative = !Root.empty() && Abs.size() > Root.size() &&
             Abs.compare(0, Root.size(), Root) == 0;
  return Relative ? Abs.substr(Root.size()) : Abs;
}

namespace {

/// A file's contents, read once, with the offset of every line start
/// indexed once: an offset becomes a line and column by binary search,
/// whatever the number of findings in the file.
struct IndexedFile {
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  std::vector<unsigned> LineStarts; // LineStarts[0] == 0

  llvm::StringRef text() const { return Buffer->getBuffer(); }

  /// The start of the line holding Offset (Offset <= size).
  unsigned lineIndex(unsigned Offset) const {
    auto It = std::upper_bound(LineStarts.begin(), LineStarts.end(), Offset);
    return static_cast<unsigned>(It - LineStarts.begin()) - 1;
  }
};

class Sources {
public:
  const IndexedFile *get(const std::string &Abs) {
    auto It = Cache.find(Abs);
    if (It != Cache.end())
      return It->second.get();
    std::unique_ptr<IndexedFile> F;
    if (auto Buf = llvm::MemoryBuffer::getFile(Abs, /*IsText=*/false,
                                               /*RequiresNullTerminator=*/false)) {
      F = std::make_unique<IndexedFile>();
      F->Buffer = std::move(*Buf);
      llvm::StringRef T = F->text();
      F->LineStarts.push_back(0);
      for (size_t I = T.find('\n'); I != llvm::StringRef::npos;
           I = T.find('\n', I + 1))
        F->LineStarts.push_back(I + 1);
    }
    return (Cache[Abs] = std::move(F)).get();
  }

private:
  std::map<std::string, std::unique_ptr<IndexedFile>> Cache;
};

Position positionAt(const IndexedFile &F, unsigned Offset) {
  llvm::StringRef Text = F.text();
  Position P;
  if (Offset > Text.size())
    Offset = Text.size();
  unsigned Line = F.lineIndex(Offset);
  unsigned LineStart = F.LineStarts[Line];
  P.Line = Line + 1;
  P.Column = Offset - LineStart + 1;
  unsigned Chars = 0;
  for (size_t I = LineStart; I < Offset; ++I)
    if ((static_cast<unsigned char>(Text[I]) & 0xC0) != 0x80)
      ++Chars;
  P.CharColumn = Chars + 1;
  return P;
}

std::string lineAt(const IndexedFile &F, unsigned Offset) {
  llvm::StringRef Text = F.text();
  if (Offset > Text.size())
    return "";
  unsigned Start = F.LineStarts[F.lineIndex(Offset)];
  size_t End = Text.find('\n', Offset);
  return Text.slice(Start, End == llvm::StringRef::npos ? Text.size() : End)
      .str();
}

bool isWordChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
         (C >= '0' && C <= '9') || C == '_';
}

struct Locator {
  Sources &Files;
  const std::string &Root;

  /// A span from Offset over Length bytes; with no length, over the word
  /// at Offset (the callee name a diagnostic points at), or one character.
  Span span(const std::string &Abs, unsigned Offset,
            std::optional<unsigned> Length, std::string *Line = nullptr) {
    Span S;
    S.Path = relativeTo(Abs, Root, S.Relative);
    const IndexedFile *File = Files.get(Abs);
    if (!File) {
      S.Begin = S.End = Position{1, 1, 1};
      return S;
    }
    llvm::StringRef Text = File->text();
    S.Begin = positionAt(*File, Offset);
    unsigned End = Offset;
    if (Length) {
      End = Offset + *Length;
    } else {
      while (End < Text.size() && isWordChar(Text[End]))
        ++End;
      if (End == Offset && End < Text.size() && Text[End] != '\n')
        ++End;
    }
    S.End = positionAt(*File, std::min<size_t>(End, Text.size()));
    if (Line)
      *Line = lineAt(*File, Offset);
    return S;
  }
};

} // namespace

void collect(const std::vector<ClangTidyError> &Errors,
             const std::string &SourceRoot, std::vector<Finding> &Findings,
             std::vector<Problem> &Problems) {
  Sources Files;
  Locator L{Files, SourceRoot};
  std::map<std::string, Problem> Broken;
  for (unsigned I = 0; I < Errors.size(); ++I) {
    const ClangTidyError &E = Errors[I];
    const std::string &Dir = E.BuildDirectory;
    if (isCompilerError(E)) {
      std::string Abs = E.Message.FilePath.empty()
                            ? std::string()
                            : absolutePath(E.Message.FilePath, Dir);
      if (Broken.count(Abs))
        continue;
      Problem P;
      if (!Abs.empty()) {
        Span S = L.span(Abs, E.Message.FileOffset, 0);
        P.Path = S.Path;
        P.Relative = S.Relative;
        P.Line = S.Begin.Line;
        P.Column = S.Begin.CharColumn;
      }
      P.Message = "does not compile, so its findings are missing: " +
                  E.Message.Message;
      Broken[Abs] = P;
      continue;
    }
    Finding F;
    F.Check = E.DiagnosticName;
    F.Level = (E.DiagLevel == ClangTidyError::Error || E.IsWarningAsError)
                  ? Severity::Error
              : E.DiagLevel == ClangTidyError::Remark ? Severity::Note
                                                      : Severity::Warning;
    F.Message = E.Message.Message;
    std::string Abs = absolutePath(E.Message.FilePath, Dir);
    std::optional<unsigned> Length;
    for (const auto &R : E.Message.Ranges)
      if (absolutePath(R.FilePath, Dir) == Abs &&
          R.FileOffset == E.Message.FileOffset && R.Length)
        Length = R.Length;
    F.Where = L.span(Abs, E.Message.FileOffset, Length, &F.LineText);
    for (const auto &N : E.Notes) {
      Note Nt;
      Nt.Message = N.Message;
      Nt.Where = N.FilePath.empty()
                     ? F.Where
                     : L.span(absolutePath(N.FilePath, Dir), N.FileOffset,
                              std::nullopt);
      F.Notes.push_back(std::move(Nt));
    }
    if (const auto *Fix = clang::tooling::selectFirstFix(E)) {
      for (const auto &FileFix : *Fix)
        for (const auto &Rep : FileFix.second) {
          Edit Ed;
          Ed.Where = L.span(absolutePath(std::string(Rep.getFilePath()), Dir),
                            Rep.getOffset(), Rep.getLength());
          Ed.Text = std::string(Rep.getReplacementText());
          F.Edits.push_back(std::move(Ed));
        }
    }
    F.Origin = I;
    Findings.push_back(std::move(F));
  }
  sortFindings(Findings);
  assignFingerprints(Findings);
  for (auto &B : Broken)
    Problems.push_back(std::move(B.second));
}

} // namespace resilience
