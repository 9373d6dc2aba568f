//===--- Baseline.cpp -----------------------------------------------------===//

#include "Baseline.h"
#include <algorithm>

namespace resilience {

/// Keeps an entry on one line whatever the message or path holds.
static std::string oneLine(const std::string &S) {
  std::string Out;
  for (char C : S)
    Out += (C == '\n' || C == '\r') ? ' ' : C;
  return Out;
}

std::string formatBaseline(const std::vector<Finding> &Findings) {
  std::vector<std::string> Lines;
  for (const Finding &F : Findings)
    Lines.push_back(F.Fingerprint + " " + F.Check + " " +
                    oneLine(F.Where.Path) + ":" +
                    std::to_string(F.Where.Begin.Line) + ": " +
                    oneLine(F.Message));
  std::sort(Lines.begin(), Lines.end());
  std::string Out = "# resilience-tidy baseline v1\n"
                    "# <fingerprint> <check> <path>:<line>: <message>; only "
                    "the fingerprint is read back\n";
  for (const std::string &L : Lines)
    Out += L + "\n";
  return Out;
}

static bool isFingerprint(const std::string &S) {
  if (S.size() != 32)
    return false;
  return std::all_of(S.begin(), S.end(), [](char C) {
    return (C >= '0' && C <= '9') || (C >= 'a' && C <= 'f');
  });
}

bool parseBaseline(const std::string &Text, Baseline &Out, std::string &Error) {
  size_t Pos = 0;
  unsigned LineNo = 0;
  while (Pos < Text.size()) {
    size_t Eol = Text.find('\n', Pos);
    if (Eol == std::string::npos)
      Eol = Text.size();
    std::string Line = Text.substr(Pos, Eol - Pos);
    Pos = Eol + 1;
    ++LineNo;
    size_t First = Line.find_first_not_of(" \t\r");
    if (First == std::string::npos || Line[First] == '#')
      continue;
    std::string Key = Line.substr(First, Line.find_first_of(" \t\r", First) - First);
    if (!isFingerprint(Key)) {
      Error = "line " + std::to_string(LineNo) +
              ": expected a 32-digit fingerprint, found '" +
              Key.substr(0, 40) + "'";
      return false;
    }
    ++Out[Key];
  }
  return true;
}

unsigned applyBaseline(std::vector<Finding> &Findings, const Baseline &Base,
                       unsigned &Stale) {
  Baseline Left = Base;
  unsigned Removed = 0;
  std::vector<Finding> Kept;
  for (Finding &F : Findings) {
    auto It = Left.find(F.Fingerprint);
    if (It != Left.end() && It->second > 0) {
      --It->second;
      ++Removed;
      continue;
    }
    Kept.push_back(std::move(F));
  }
  Findings = std::move(Kept);
  Stale = 0;
  for (const auto &E : Left)
    Stale += E.second;
  return Removed;
}

} // namespace resilience
