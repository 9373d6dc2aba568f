//===--- Nolint.cpp -------------------------------------------------------===//

#include "Nolint.h"
#include <algorithm>

namespace resilience {

static std::string trim(const std::string &S) {
  size_t B = S.find_first_not_of(" \t\r");
  if (B == std::string::npos)
    return "";
  size_t E = S.find_last_not_of(" \t\r");
  return S.substr(B, E - B + 1);
}

static bool startsAt(const std::string &Text, size_t Pos, const char *Word) {
  return Text.compare(Pos, std::char_traits<char>::length(Word), Word) == 0;
}

static bool isIdent(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
         (C >= '0' && C <= '9') || C == '_';
}

std::vector<NolintDirective> findNolintDirectives(const std::string &Text) {
  std::vector<NolintDirective> Out;
  unsigned Line = 1;
  size_t Counted = 0;
  for (size_t Pos = Text.find("NOLINT"); Pos != std::string::npos;
       Pos = Text.find("NOLINT", Pos + 1)) {
    Line += std::count(Text.begin() + Counted, Text.begin() + Pos, '\n');
    Counted = Pos;
    size_t EndOfLine = Text.find('\n', Pos);
    if (EndOfLine == std::string::npos)
      EndOfLine = Text.size();
    NolintDirective D;
    D.Offset = Pos;
    D.Line = Line;
    size_t P = Pos + 6;
    if (startsAt(Text, P, "NEXTLINE")) {
      D.Type = NolintDirective::NextLine;
      P += 8;
    } else if (startsAt(Text, P, "BEGIN")) {
      D.Type = NolintDirective::Begin;
      P += 5;
    } else if (startsAt(Text, P, "END")) {
      D.Type = NolintDirective::End;
      P += 3;
    }
    if (P < Text.size() && isIdent(Text[P]))
      continue; // NOLINTFOO is not a directive
    if (P < EndOfLine && Text[P] == '(') {
      size_t Close = Text.find(')', P);
      if (Close == std::string::npos || Close > EndOfLine)
        continue; // unterminated list: clang-tidy ignores it too
      D.AllChecks = false;
      std::string List = Text.substr(P + 1, Close - P - 1);
      size_t Start = 0;
      while (Start <= List.size()) {
        size_t Comma = List.find(',', Start);
        if (Comma == std::string::npos)
          Comma = List.size();
        std::string Glob = trim(List.substr(Start, Comma - Start));
        if (!Glob.empty())
          D.Globs.push_back(Glob);
        Start = Comma + 1;
      }
      P = Close + 1;
    }
    while (P < EndOfLine && (Text[P] == ' ' || Text[P] == '\t'))
      ++P;
    if (P < EndOfLine && Text[P] == ':') {
      std::string Rest = Text.substr(P + 1, EndOfLine - P - 1);
      size_t CommentEnd = Rest.find("*/");
      if (CommentEnd != std::string::npos)
        Rest.resize(CommentEnd);
      D.Reason = trim(Rest);
    }
    Out.push_back(std::move(D));
  }
  return Out;
}

/// '*' matches any run of characters; everything else matches itself.
static bool globMatch(const char *Glob, const char *S) {
  if (*Glob == '\0')
    return *S == '\0';
  if (*Glob == '*')
    return globMatch(Glob + 1, S) || (*S && globMatch(Glob, S + 1));
  return *S == *Glob && globMatch(Glob + 1, S + 1);
}

bool nolintNames(const NolintDirective &D, const std::string &Check) {
  if (D.AllChecks)
    return true;
  return std::any_of(D.Globs.begin(), D.Globs.end(), [&](const std::string &G) {
    return globMatch(G.c_str(), Check.c_str());
  });
}

const NolintDirective *findSuppressor(const std::vector<NolintDirective> &All,
                                      const std::string &Check, unsigned Line) {
  const NolintDirective *Open = nullptr;
  for (const NolintDirective &D : All) {
    if (!nolintNames(D, Check))
      continue;
    if (D.Type == NolintDirective::SameLine && D.Line == Line)
      return &D;
    if (D.Type == NolintDirective::NextLine && D.Line + 1 == Line)
      return &D;
    if (D.Type == NolintDirective::Begin && D.Line <= Line)
      Open = &D;
    if (D.Type == NolintDirective::End && D.Line < Line)
      Open = nullptr;
    if (D.Type == NolintDirective::End && D.Line >= Line && Open)
      return Open;
  }
  return nullptr;
}

std::string disableNolint(const std::string &Text) {
  std::string Out = Text;
  for (size_t Pos = Out.find("NOLINT"); Pos != std::string::npos;
       Pos = Out.find("NOLINT", Pos + 6))
    Out[Pos + 5] = 'X';
  return Out;
}

} // namespace resilience
