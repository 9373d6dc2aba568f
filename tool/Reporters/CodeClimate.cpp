//===--- CodeClimate.cpp - GitLab Code Quality report ----------------------===//
//
// GitLab reads an array of Code Climate issues from the job artifact named
// in `artifacts:reports:codequality`; it needs description, check_name,
// fingerprint, severity, location.path and location.lines.begin.
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using llvm::json::Array;
using llvm::json::Object;

namespace resilience {

// Streamed, one issue's JSON at a time.
void writeCodeClimate(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.array([&] {
  for (const Finding &F : R.Findings) {
    std::string Body;
    for (const Note &N : F.Notes)
      Body += "note: " + N.Where.Path + ":" + std::to_string(N.Where.Begin.Line) +
              ": " + N.Message + "\n";
    Body += "See " + docsUrl(R, F.Check);
    J.value(Object{
        {"type", "issue"},
        {"check_name", F.Check},
        {"description", toValidUtf8(F.Message)},
        {"content", Object{{"body", toValidUtf8(Body)}}},
        {"categories", Array{"Bug Risk"}},
        {"severity", F.Level == Severity::Error ? "critical" : "major"},
        {"fingerprint", F.Fingerprint},
        {"location",
         Object{{"path", toValidUtf8(F.Where.Path)},
                {"lines", Object{{"begin", F.Where.Begin.Line},
                                 {"end", F.Where.End.Line ? F.Where.End.Line
                                                          : F.Where.Begin.Line}}}}}});
  }
  });
  OS << "\n";
}

} // namespace resilience
