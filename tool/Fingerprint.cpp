//===--- Fingerprint.cpp --------------------------------------------------===//

#include "Fingerprint.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"
#include <algorithm>
#include <map>
#include <tuple>

namespace resilience {

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

void sortFindings(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     return std::tie(A.Where.Path, A.Where.Begin.Line,
                                     A.Where.Begin.Column, A.Check, A.Message) <
                            std::tie(B.Where.Path, B.Where.Begin.Line,
                                     B.Where.Begin.Column, B.Check, B.Message);
                   });
}

void sortProblems(std::vector<Problem> &Problems) {
  auto Key = [](const Problem &P) {
    return std::tie(P.Path, P.Relative, P.Line, P.Column, P.Message);
  };
  std::stable_sort(Problems.begin(), Problems.end(),
                   [&](const Problem &A, const Problem &B) {
                     return Key(A) < Key(B);
                   });
  Problems.erase(std::unique(Problems.begin(), Problems.end(),
                             [&](const Problem &A, const Problem &B) {
                               return Key(A) == Key(B);
                             }),
                 Problems.end());
}

std::string normalizeLineText(const std::string &Line) {
  std::string Out;
  bool Space = false;
  for (char C : Line) {
    if (C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\v' ||
        C == '\f') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}

std::string fingerprint(const std::string &Check, const std::string &Path,
                        const std::string &LineText, unsigned Occurrence) {
  llvm::SHA256 Hash;
  // Length-prefixed fields: no two different tuples hash the same bytes.
  auto Field = [&](const std::string &S) {
    Hash.update(std::to_string(S.size()) + ":");
    Hash.update(S);
  };
  Field("v1");
  Field(Check);
  Field(Path);
  Field(normalizeLineText(LineText));
  Field(std::to_string(Occurrence));
  auto Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest.data(), 16),
                     /*LowerCase=*/true);
}

void assignFingerprints(std::vector<Finding> &Findings) {
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Seen;
  for (Finding &F : Findings) {
    std::string Norm = normalizeLineText(F.LineText);
    unsigned &N = Seen[{F.Check, F.Where.Path, Norm}];
    F.Fingerprint = fingerprint(F.Check, F.Where.Path, Norm, N++);
  }
}

} // namespace resilience
