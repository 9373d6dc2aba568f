//===--- RecoveredTests.cpp - Reading tests clang could not type ----------===//
//
// In partial context (a generated header not built yet, a vendored SDK off
// the include path) clang still builds the AST, but a test that names
// something unknown (`rc == Status::kOk`, `attempt < kMaxAttempts`) becomes
// a RecoveryExpr that keeps only its source range. The recognizer reads such
// a test from its text: split at top-level `&&`/`||`, each part one
// comparison with the identifiers on each side. What cannot be read stays
// unknown, and unknown keeps the checks silent.
//
//===----------------------------------------------------------------------===//

#include "retry/RetryLoopInternals.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace resilience {
namespace model {

namespace {
using llvm::isAlnum;
using llvm::isAlpha;
using llvm::isDigit;

void identifiersOf(llvm::StringRef Text,
                   llvm::SmallVectorImpl<std::string> &Out, bool &Number) {
  size_t I = 0;
  while (I < Text.size()) {
    char C = Text[I];
    if (isAlpha(C) || C == '_') {
      size_t J = I;
      while (J < Text.size() && (isAlnum(Text[J]) || Text[J] == '_'))
        ++J;
      Out.push_back(Text.substr(I, J - I).str());
      I = J;
    } else if (isDigit(C)) {
      Number = true;
      while (I < Text.size() && isAlnum(Text[I]))
        ++I;
    } else {
      ++I;
    }
  }
}

RecoveredPart readPart(llvm::StringRef Text) {
  RecoveredPart P;
  if (Text.starts_with("!") && !Text.starts_with("!=")) {
    P.Negated = true;
    Text = Text.drop_front().trim();
  }
  static const struct {
    const char *Tok;
    BinaryOperatorKind K;
  } Ops[] = {{"==", BO_EQ}, {"!=", BO_NE}, {"<=", BO_LE},
             {">=", BO_GE}, {"<", BO_LT},  {">", BO_GT}};
  for (const auto &O : Ops) {
    size_t At = Text.find(O.Tok);
    // `a->b` and `<<` are no comparisons.
    if (At == llvm::StringRef::npos ||
        (O.K == BO_GT && At > 0 && Text[At - 1] == '-') ||
        (O.K == BO_LT && Text.substr(At).starts_with("<<")))
      continue;
    P.Op = O.K;
    identifiersOf(Text.take_front(At), P.Left, P.LeftNumber);
    identifiersOf(Text.drop_front(At + strlen(O.Tok)), P.Right,
                  P.RightNumber);
    P.RightText = Text.drop_front(At + strlen(O.Tok)).trim().str();
    return P;
  }
  identifiersOf(Text, P.Left, P.LeftNumber);
  return P;
}
} // namespace

bool readRecoveredTest(const Expr *E, const SourceManager &SM,
                       const LangOptions &LO,
                       llvm::SmallVectorImpl<RecoveredPart> &Parts,
                       bool &AnyOr) {
  const auto *RE = dyn_cast_or_null<RecoveryExpr>(E ? E->IgnoreParens() : E);
  if (!RE)
    return false;
  CharSourceRange Range = SM.getExpansionRange(RE->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(Range, SM, LO);
  if (Text.empty() || Text.size() > 300)
    return false;
  AnyOr = false;
  int Depth = 0;
  size_t Start = 0;
  for (size_t I = 0; I + 1 <= Text.size(); ++I) {
    char C = Text[I];
    if (C == '(' || C == '[')
      ++Depth;
    else if (C == ')' || C == ']')
      --Depth;
    bool Split = I + 1 < Text.size() && Depth == 0 &&
                 ((C == '&' && Text[I + 1] == '&') ||
                  (C == '|' && Text[I + 1] == '|'));
    if (Split) {
      AnyOr |= C == '|';
      Parts.push_back(readPart(Text.slice(Start, I).trim()));
      Start = I + 2;
      ++I;
    }
  }
  Parts.push_back(readPart(Text.drop_front(Start).trim()));
  return true;
}

} // namespace model
} // namespace resilience
