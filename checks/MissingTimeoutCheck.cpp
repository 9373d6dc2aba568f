//===--- MissingTimeoutCheck.cpp - resilience-missing-timeout -------------===//

#include "MissingTimeoutCheck.h"
#include "model/OptionValues.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace resilience {

MissingTimeoutCheck::MissingTimeoutCheck(llvm::StringRef Name,
                                         tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Strict(Options.get("Strict", false)),
      DefaultTimeoutMs(Options.get("DefaultTimeoutMs", "").str()) {
  if (!DefaultTimeoutMs.empty() &&
      !model::timeoutFixLiteral(DefaultTimeoutMs, "L", "(long)"))
    configurationDiag("invalid value '%0' for option "
                      "'%1.DefaultTimeoutMs': expected a positive number of "
                      "milliseconds or the name of a constant; no fix-its "
                      "will be offered")
        << DefaultTimeoutMs << Name;
}

void MissingTimeoutCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Strict", Strict);
  Options.store(Opts, "DefaultTimeoutMs", DefaultTimeoutMs);
}

void MissingTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  std::vector<llvm::StringRef> Requests;
  for (const model::LibraryModel &L : model::allLibraries())
    for (const model::RequestCall &R : L.Requests)
      Requests.push_back(R.Function);
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(Requests))),
               forCallable(functionDecl().bind("fn")))
          .bind("call"),
      this);
}

void MissingTimeoutCheck::onStartOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
}

void MissingTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Call || !Fn || !Fn->hasBody())
    return;
  if (AnalysisContext != Result.Context) {
    Analysis = std::make_unique<model::HandleConfigAnalysis>(*Result.Context);
    AnalysisContext = Result.Context;
  }
  const model::RequestFact *Fact = Analysis->factAt(Call, Fn);
  if (!Fact || !Fact->Lib || !Fact->Request)
    return;
  report(Call, *Fact, Result);
}

/// The handle as the user wrote it, for messages and fix-its.
static std::string handleText(const Expr *E, const MatchFinder::MatchResult &R) {
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(
      Range, *R.SourceManager, R.Context->getLangOpts());
  if (Text.empty() || Text.size() > 60 || Text.contains('\n'))
    return "handle";
  return Text.str();
}

/// The statement to insert a fix before: the closest enclosing statement
/// whose parent is a block.
static const Stmt *statementToPrecede(const CallExpr *Call, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Call);
  for (unsigned Depth = 0; Depth < 32; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    if (Parents[0].get<CompoundStmt>())
      return Node.get<Stmt>();
    if (!Parents[0].get<Stmt>())
      return nullptr;
    Node = Parents[0];
  }
  return nullptr;
}

void MissingTimeoutCheck::report(const CallExpr *Call,
                                 const model::RequestFact &Fact,
                                 const MatchFinder::MatchResult &Result) {
  const model::LibraryModel &Lib = *Fact.Lib;
  const model::HandleState &S = Fact.State;

  bool Bounded = false;
  bool ExplicitZero = false;
  const Expr *ZeroAt = nullptr;
  for (const model::BoundingGroup &G : Lib.BoundingGroups) {
    bool All = true;
    for (unsigned Slot : G) {
      if (!(S.slot(Slot) & model::Finite))
        All = false;
      if (S.slot(Slot) & model::Zero) {
        ExplicitZero = true;
        if (!ZeroAt && Slot < S.Witness.size())
          ZeroAt = S.Witness[Slot];
      }
    }
    Bounded |= All;
  }
  if (Bounded)
    return;
  if (S.OutOfSight && !Strict)
    return;

  const Expr *PartialAt = nullptr;
  for (unsigned Slot : Lib.PartialSlots)
    if ((S.slot(Slot) & model::Finite) && Slot < S.Witness.size())
      PartialAt = S.Witness[Slot] ? S.Witness[Slot] : Call;

  const model::RequestCall &Req = *Fact.Request;
  const Expr *HandleExpr = Call->getArg(Req.HandleArg);
  std::string Handle = handleText(HandleExpr, Result);
  const char *Consequence =
      Req.HandleArg == 0
          ? "a stalled peer blocks this thread forever"
          : "a stalled peer keeps this transfer, and whoever waits on it, "
            "running forever";

  {
    auto D = diag(Call->getBeginLoc(),
                  "'%0' %1 on handle '%2' %select{that has no %4|whose %4 is "
                  "set to 0, which %5 reads as 'never'|that has only a %6, "
                  "which bounds the connect phase and not the transfer|whose "
                  "configuration is out of sight; no %4 is set on it in this "
                  "translation unit}3; %7");
    unsigned Kind = ExplicitZero ? 1 : PartialAt ? 2 : S.OutOfSight ? 3 : 0;
    llvm::StringRef Partial =
        Lib.PartialSlots.empty() ? "" : Lib.Slots[Lib.PartialSlots[0]].Name;
    D << Req.Function << Req.Verb << Handle << Kind
      << Lib.Slots[Lib.BoundingGroups[0][0]].Name << Lib.Name << Partial
      << Consequence;

    std::optional<std::string> Value =
        model::timeoutFixLiteral(DefaultTimeoutMs, Lib.FixLiteralSuffix,
                                 "(long)");
    const Stmt *Before = statementToPrecede(Call, *Result.Context);
    bool SimpleHandle = llvm::all_of(Handle, [](char C) {
      return llvm::isAlnum(C) || C == '_' || C == '-' || C == '>' || C == '.';
    });
    if (Value && Before && SimpleHandle && !Before->getBeginLoc().isMacroID() &&
        !Lib.Setters.empty()) {
      const SourceManager &SM = *Result.SourceManager;
      unsigned Col = SM.getSpellingColumnNumber(Before->getBeginLoc());
      std::string Indent(Col > 0 ? Col - 1 : 0, ' ');
      std::string Text = (Lib.Setters[0].Function + "(" + Handle + ", " +
                          Lib.FixOption + ", " + *Value + ");\n" + Indent)
                             .str();
      D << FixItHint::CreateInsertion(Before->getBeginLoc(), Text);
    }
  }
  if (ZeroAt)
    diag(Result.SourceManager->getExpansionLoc(ZeroAt->getBeginLoc()),
         "the %0 is set to 0 here", DiagnosticIDs::Note)
        << Lib.Slots[Lib.BoundingGroups[0][0]].Name;
  else if (PartialAt && PartialAt != Call)
    diag(Result.SourceManager->getExpansionLoc(PartialAt->getBeginLoc()),
         "only the %0 is set here",
         DiagnosticIDs::Note)
        << Lib.Slots[Lib.PartialSlots[0]].Name;
  diag(Call->getBeginLoc(), Lib.FixAdvice, DiagnosticIDs::Note) << Handle;
}

} // namespace resilience
