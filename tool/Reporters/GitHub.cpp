//===--- GitHub.cpp - GitHub Actions workflow commands ---------------------===//
//
// One "::warning ...::message" (or ::error) line per finding, which the
// runner shows as an annotation on the pull request's diff. Everything that
// comes from the project is escaped, so a file name or message holding a
// newline and "::set-output" cannot start a command of its own.
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"

namespace resilience {

static void command(llvm::raw_ostream &OS, const char *Kind,
                    const std::string &Path, unsigned Line, unsigned Col,
                    unsigned EndLine, unsigned EndCol, const std::string &Title,
                    const std::string &Message) {
  OS << "::" << Kind;
  char Sep = ' ';
  auto Prop = [&](const char *Name, const std::string &Value) {
    OS << Sep << Name << '=' << escapeGitHubProperty(Value);
    Sep = ',';
  };
  if (!Path.empty()) {
    Prop("file", Path);
    if (Line)
      Prop("line", std::to_string(Line));
    if (Col)
      Prop("col", std::to_string(Col));
    // GitHub reads endColumn only for single-line annotations.
    if (EndLine)
      Prop("endLine", std::to_string(EndLine));
    if (EndLine == Line && EndCol)
      Prop("endColumn", std::to_string(EndCol));
  }
  if (!Title.empty())
    Prop("title", Title);
  OS << "::" << escapeGitHubData(Message) << "\n";
}

void writeGitHub(const Report &R, llvm::raw_ostream &OS) {
  for (const Finding &F : R.Findings) {
    std::string Message = F.Message + " [" + F.Check + "]";
    for (const Note &N : F.Notes)
      Message += "\nnote: " + N.Where.Path + ":" +
                 std::to_string(N.Where.Begin.Line) + ":" +
                 std::to_string(N.Where.Begin.CharColumn) + ": " + N.Message;
    // Findings have warning or error level; GitHub's "notice" is for neither.
    command(OS, F.Level == Severity::Error ? "error" : "warning", F.Where.Path,
            F.Where.Begin.Line, F.Where.Begin.CharColumn, F.Where.End.Line,
            F.Where.End.CharColumn, F.Check, Message);
  }
  for (const Problem &P : R.Problems)
    command(OS, "error", P.Path, P.Line, P.Column, 0, 0, "resilience-tidy",
            P.Message);
}

} // namespace resilience
