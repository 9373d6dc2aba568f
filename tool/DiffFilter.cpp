//===--- DiffFilter.cpp ---------------------------------------------------===//

#include "DiffFilter.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <cstdlib>

namespace resilience {

std::string unquoteGitPath(const std::string &Quoted) {
  if (Quoted.size() < 2 || Quoted.front() != '"' || Quoted.back() != '"')
    return Quoted;
  std::string Out;
  for (size_t I = 1; I + 1 < Quoted.size(); ++I) {
    char C = Quoted[I];
    if (C != '\\' || I + 2 >= Quoted.size()) {
      Out += C;
      continue;
    }
    char E = Quoted[++I];
    switch (E) {
    case 'n': Out += '\n'; break;
    case 't': Out += '\t'; break;
    case 'r': Out += '\r'; break;
    case 'a': Out += '\a'; break;
    case 'b': Out += '\b'; break;
    case 'f': Out += '\f'; break;
    case 'v': Out += '\v'; break;
    default:
      if (E >= '0' && E <= '7') {
        unsigned V = 0;
        unsigned N = 0;
        while (N < 3 && I + 1 < Quoted.size() && Quoted[I] >= '0' &&
               Quoted[I] <= '7') {
          V = V * 8 + (Quoted[I] - '0');
          ++N;
          ++I;
        }
        --I;
        Out += static_cast<char>(V);
      } else {
        Out += E; // \" and \\ .
      }
    }
  }
  return Out;
}

/// Parses "N" or "N,M" after '+' in a hunk header.
static bool parseRange(const std::string &S, unsigned &Start, unsigned &Count) {
  char *End = nullptr;
  Start = std::strtoul(S.c_str(), &End, 10);
  if (End == S.c_str())
    return false;
  Count = 1;
  if (*End == ',')
    Count = std::strtoul(End + 1, nullptr, 10);
  return true;
}

ChangedLines ChangedLines::parseUnifiedDiff(const std::string &Diff) {
  ChangedLines Result;
  std::string File; // empty: no file, or a deleted one
  bool InHunk = false;
  unsigned NewLine = 0;
  unsigned NewLeft = 0, OldLeft = 0;
  size_t Pos = 0;
  while (Pos <= Diff.size()) {
    size_t Eol = Diff.find('\n', Pos);
    if (Eol == std::string::npos)
      Eol = Diff.size();
    std::string Line = Diff.substr(Pos, Eol - Pos);
    Pos = Eol + 1;
    if (!Line.empty() && Line.back() == '\r')
      Line.pop_back();
    if (InHunk && (NewLeft || OldLeft)) {
      char C = Line.empty() ? ' ' : Line[0];
      if (C == '+') {
        if (!File.empty())
          Result.Lines[File].insert(NewLine);
        ++NewLine;
        if (NewLeft)
          --NewLeft;
        continue;
      }
      if (C == '-') {
        if (OldLeft)
          --OldLeft;
        continue;
      }
      if (C == ' ' || Line.empty()) {
        ++NewLine;
        if (NewLeft)
          --NewLeft;
        if (OldLeft)
          --OldLeft;
        continue;
      }
      if (C == '\\') // "\ No newline at end of file"
        continue;
      InHunk = false;
    }
    if (Line.rfind("+++ ", 0) == 0) {
      std::string Name = Line.substr(4);
      // Some diffs add a tab and a timestamp after the name.
      if (!Name.empty() && Name.front() != '"') {
        size_t Tab = Name.find('\t');
        if (Tab != std::string::npos)
          Name.resize(Tab);
      }
      Name = unquoteGitPath(Name);
      if (Name == "/dev/null") {
        File.clear();
        continue;
      }
      if (Name.rfind("b/", 0) == 0)
        Name = Name.substr(2);
      File = Name;
      Result.Lines[File]; // a file with only deletions is still in the diff
      InHunk = false;
      continue;
    }
    if (Line.rfind("@@ ", 0) == 0) {
      size_t Plus = Line.find(" +");
      size_t Minus = Line.find(" -");
      unsigned OldStart = 0, Start = 0, Count = 0;
      if (Plus == std::string::npos ||
          !parseRange(Line.substr(Plus + 2), Start, Count))
        continue;
      unsigned OldCount = 0;
      if (Minus == std::string::npos ||
          !parseRange(Line.substr(Minus + 2), OldStart, OldCount))
        OldCount = 0;
      InHunk = true;
      NewLine = Start;
      NewLeft = Count;
      OldLeft = OldCount;
      continue;
    }
  }
  return Result;
}

bool ChangedLines::contains(const std::string &Path, unsigned Line) const {
  auto It = Lines.find(Path);
  return It != Lines.end() && It->second.count(Line);
}

bool ChangedLines::hasFile(const std::string &Path) const {
  return Lines.count(Path) != 0;
}

bool looksLikeUnifiedDiff(const std::string &Input) {
  llvm::StringRef Text(Input);
  if (Text.trim().empty())
    return true;
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines)
    if (L.starts_with("@@ -") || L.starts_with("+++ ") ||
        L.starts_with("diff --git "))
      return true;
  return false;
}

} // namespace resilience
