//===--- MissingTimeoutCheck.cpp - resilience-missing-timeout -------------===//

#include "MissingTimeoutCheck.h"
#include "OptionValues.h"
#include "ast/OwnStatements.h"
#include "ast/TableLookup.h"
#include "timeout/WaitedCalls.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include <functional>

using namespace clang;
using namespace clang::ast_matchers;

namespace resilience {

MissingTimeoutCheck::MissingTimeoutCheck(llvm::StringRef Name,
                                         tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Strict(Options.get("Strict", false)),
      DefaultTimeoutMs(Options.get("DefaultTimeoutMs", "").str()),
      ReportLongDefaults(Options.get("ReportLongDefaults", true)),
      RequestFunctions(Options.get("RequestFunctions", "").str()),
      TimeoutSetters(Options.get("TimeoutSetters", "").str()),
      ConfiguredFactories(Options.get("ConfiguredFactories", "").str()),
      MaxReasonableTimeoutMs(
          Options.get("MaxReasonableTimeoutMs", uint64_t(3600000))),
      ReportServerTimeouts(Options.get("ReportServerTimeouts", true)) {
  auto Parse = [&](llvm::StringRef Option, const std::string &Value,
                   std::vector<std::pair<std::string, unsigned>> &Into) {
    auto Parsed = model::parseHandleFunctions(Value, model::ObjectArg);
    if (!Parsed) {
      configurationDiag("invalid value '%0' for option '%1.%2': expected "
                        "'name', 'name:index' or 'name:this' items separated "
                        "by ';'; the option is ignored")
          << Value << Name << Option;
      return;
    }
    Into = std::move(*Parsed);
  };
  Parse("RequestFunctions", RequestFunctions, InHouse.Requests);
  Parse("TimeoutSetters", TimeoutSetters, InHouse.Setters);
  InHouse.Factories = model::splitList(ConfiguredFactories);
  Libraries = std::make_unique<model::LibrarySet>(InHouse);
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
  Options.store(Opts, "ReportLongDefaults", ReportLongDefaults);
  Options.store(Opts, "RequestFunctions", RequestFunctions);
  Options.store(Opts, "TimeoutSetters", TimeoutSetters);
  Options.store(Opts, "ConfiguredFactories", ConfiguredFactories);
  Options.store(Opts, "MaxReasonableTimeoutMs", MaxReasonableTimeoutMs);
  Options.store(Opts, "ReportServerTimeouts", ReportServerTimeouts);
}

// Callables, whose calls check() walks: see ast/OwnStatements.h.
void MissingTimeoutCheck::registerMatchers(MatchFinder *Finder) {
  model::addCallableMatchers(Finder, this);
}

void MissingTimeoutCheck::onStartOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
}

void MissingTimeoutCheck::check(const MatchFinder::MatchResult &Result) {
  const FunctionDecl *Fn = model::matchedCallable(Result);
  if (!Fn)
    return;
  if (AnalysisContext != Result.Context) {
    // Everything the analysis caches is keyed by this unit's AST, so it
    // lives exactly as long as the unit.
    Analysis = std::make_unique<model::HandleConfigAnalysis>(
        *Result.Context, Libraries->all(), MaxReasonableTimeoutMs);
    AnalysisContext = Result.Context;
  }
  const SourceManager &SM = *Result.SourceManager;
  model::forEachOwnStatement(Fn, [&](const Stmt *S) {
    // Which calls are requests is the table's business: the check's own
    // table, with its in-house entry, answers.
    const auto *Call = dyn_cast<CallExpr>(S);
    if (Call && Analysis->asRequest(Call, nullptr) &&
        !SM.isInSystemHeader(SM.getExpansionLoc(Call->getBeginLoc())))
      checkCall(Call, Fn, Result);
  });
}

void MissingTimeoutCheck::checkCall(const CallExpr *Call,
                                    const FunctionDecl *Fn,
                                    const MatchFinder::MatchResult &Result) {
  CurrentFn = Fn;
  const model::RequestFact *Fact = Analysis->factAt(Call, Fn);
  if (!Fact || !Fact->Lib || !Fact->Request)
    return;
  if (!Fact->Request->WaitsForCallsVia.empty()) {
    reportWait(Call, Fn, *Fact, Result);
    return;
  }
  report(Call, *Fact, Result);
}

/// Does some group of the request's library bound the state (may-sense), or
/// is the state out of sight (so it may be bounded elsewhere)?
static bool mayBeBounded(const model::RequestFact &F) {
  if (F.State.OutOfSight)
    return true;
  const model::LibraryModel &Lib = *F.Lib;
  for (unsigned I = 0; I < Lib.BoundingGroups.size(); ++I) {
    if (!F.Request->Groups.empty() && !llvm::is_contained(F.Request->Groups, I))
      continue;
    if (llvm::all_of(Lib.BoundingGroups[I], [&](unsigned Slot) {
          return F.State.slot(Slot) & model::Finite;
        }))
      return true;
  }
  return false;
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
/// whose parent is a block, at most 32 levels up; none when the way up leaves
/// statements (a declaration's initializer). Found by walking down from the
/// function's body: asking clang for parents would map the whole
/// translation unit (see ast/OwnStatements.h).
static const Stmt *statementToPrecede(const CallExpr *Call,
                                      const FunctionDecl *Fn) {
  llvm::SmallVector<const Stmt *, 32> Path; // from the body down to Call
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return false;
    Path.push_back(S);
    if (S == Call)
      return true;
    // Below a DeclStmt the parent is a declaration, not a statement; a
    // lambda or block is a callable of its own.
    if (!isa<DeclStmt, LambdaExpr, BlockExpr>(S))
      for (const Stmt *Child : S->children())
        if (Find(Child))
          return true;
    Path.pop_back();
    return false;
  };
  if (!Fn || !Find(Fn->getBody()))
    return nullptr;
  for (size_t I = Path.size() - 1, Depth = 0; I > 0 && Depth < 32; --I, ++Depth)
    if (isa<CompoundStmt>(Path[I - 1]))
      return Path[I];
  return nullptr;
}

/// How the message names the call: the table's name for a C function, the
/// callee's own name for a member function or a pattern.
static std::string callName(const CallExpr *Call, const model::RequestCall &Req) {
  if (!Req.Function.contains("::") && !Req.Function.contains('*'))
    return Req.Function.str();
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD->getNameAsString();
  return Req.Function.str();
}

/// A wait bounded only by the requests started on its handle (gRPC's
/// CompletionQueue::Next): reported when such requests are in sight and none
/// of them may be bounded.
void MissingTimeoutCheck::reportWait(const CallExpr *Call,
                                     const FunctionDecl *Fn,
                                     const model::RequestFact &Fact,
                                     const MatchFinder::MatchResult &Result) {
  const model::RequestCall &Req = *Fact.Request;
  const Expr *Handle = model::table::argumentAt(Call, Req.HandleArg);
  if (!Handle || model::isExcludedWaitHandle(Handle, Req, Analysis->lookup()))
    return;
  std::vector<model::PlacedCall> Waited =
      model::requestsWaitedFor(Handle, Fn, *Fact.Lib, Req, Analysis->lookup());
  if (Waited.empty())
    return;
  for (const model::PlacedCall &P : Waited) {
    const model::RequestFact *F = Analysis->factAt(P.first, P.second);
    if (!F || !F->Lib || !F->Request || mayBeBounded(*F))
      return;
  }
  std::string Name = handleText(Analysis->lookup().lookThrough(Handle), Result);
  const model::LibraryModel &Lib = *Fact.Lib;
  diag(Call->getBeginLoc(),
       "'%0' %1 on %2 '%3' and no call started on it has a %4; %5")
      << callName(Call, Req) << Req.Verb << Req.Noun << Name
      << Lib.Slots[0].Name << Req.Consequence;
  const CallExpr *First = Waited.front().first;
  const FunctionDecl *FirstCallee = First->getDirectCallee();
  diag(First->getBeginLoc(), "'%0' starts a call on '%1' here, with no %2",
       DiagnosticIDs::Note)
      << (FirstCallee ? FirstCallee->getNameAsString() : std::string("call"))
      << Name << Lib.Slots[0].Name;
  diag(Call->getBeginLoc(), Req.Advice, DiagnosticIDs::Note) << Name;
}

void MissingTimeoutCheck::report(const CallExpr *Call,
                                 const model::RequestFact &Fact,
                                 const MatchFinder::MatchResult &Result) {
  const model::LibraryModel &Lib = *Fact.Lib;
  const model::HandleState &S = Fact.State;
  const model::RequestCall &Req = *Fact.Request;
  const Expr *HandleExpr = Fact.Handle ? Fact.Handle : Call;
  std::string Handle = handleText(HandleExpr, Result);
  if (!Handle.empty() && Handle[0] == '&')
    Handle.erase(0, 1);
  std::string Name = callName(Call, Req);
  llvm::StringRef Noun = Req.Noun.empty() ? Lib.HandleNoun : Req.Noun;
  llvm::StringRef Advice = Req.Advice.empty() ? Lib.FixAdvice : Req.Advice;

  if (!Req.NeverBounded.empty()) {
    // Nothing configured anywhere changes this: report wherever it is.
    diag(Call->getBeginLoc(),
         "'%0' %1 on %2 '%3', which cannot time out: %4")
        << Name << Req.Verb << Noun << Handle << Req.NeverBounded;
    diag(Call->getBeginLoc(), Advice, DiagnosticIDs::Note) << Handle;
    return;
  }

  // Only handles made in sight with a judged kind: a server's socket waits
  // by design, and one of unknown type is not judged, not even for a wait
  // before the call.
  if (Req.KindSlot != model::NoArg && S.slot(Req.KindSlot) != model::Finite)
    return;

  // A wait before the call that never ends holds the thread there first,
  // whatever else bounds the call itself.
  for (unsigned I = 0; I < Lib.Slots.size(); ++I) {
    if (!Lib.Slots[I].WaitBefore || !(S.slot(I) & model::Never) ||
        (S.slot(I) & model::Finite) || I >= S.Witness.size())
      continue;
    bool Applies = false;
    for (unsigned G = 0; G < Lib.BoundingGroups.size(); ++G)
      if ((Req.Groups.empty() || llvm::is_contained(Req.Groups, G)) &&
          llvm::is_contained(Lib.BoundingGroups[G], I))
        Applies = true;
    const auto *Wait = dyn_cast_or_null<CallExpr>(S.Witness[I]);
    const FunctionDecl *WaitFn = Wait ? Wait->getDirectCallee() : nullptr;
    if (!Applies || !WaitFn || !WaitFn->getDeclName().isIdentifier() ||
        (Lib.RequireKnownOrigin && !Fact.KnownOrigin))
      continue;
    llvm::StringRef How = "no timeout";
    std::string WaitName = WaitFn->getName().str();
    std::string Qualified = model::table::calleeName(WaitFn);
    for (const model::ReadinessWait &RW : Lib.ReadinessWaits)
      if (RW.Function == WaitFn->getName() || RW.Function == Qualified) {
        if (!RW.NeverText.empty())
          How = RW.NeverText;
        WaitName = RW.Function.str();
      }
    diag(Call->getBeginLoc(),
         "'%0' %1 on %2 '%3' after '%4' waits for it with %5, which never "
         "expires; a silent peer blocks this thread in that wait forever")
        << Name << Req.Verb << Noun << Handle << WaitName << How;
    diag(Result.SourceManager->getExpansionLoc(Wait->getBeginLoc()),
         "'%0' waits with no bound here", DiagnosticIDs::Note)
        << WaitName;
    diag(Call->getBeginLoc(),
         "give the '%0' before this call a finite timeout and handle its "
         "expiry",
         DiagnosticIDs::Note)
        << WaitName;
    return;
  }

  // The groups that can bound this call.
  std::vector<const model::BoundingGroup *> Groups;
  for (unsigned I = 0; I < Lib.BoundingGroups.size(); ++I)
    if (Req.Groups.empty() || llvm::is_contained(Req.Groups, I))
      Groups.push_back(&Lib.BoundingGroups[I]);
  if (Groups.empty())
    return;

  bool Bounded = false;
  bool ExplicitZero = false, ExplicitNever = false, ExplicitAbsurd = false;
  bool ZeroUnusable = false;
  const Expr *ZeroAt = nullptr;
  for (const model::BoundingGroup *G : Groups) {
    bool All = true;
    for (unsigned Slot : *G) {
      if (!(S.slot(Slot) & model::Finite))
        All = false;
      // A wait's "never" was judged above, with its own origin rule.
      if (Lib.Slots[Slot].WaitBefore)
        continue;
      if (S.slot(Slot) & (model::Zero | model::Never | model::Absurd)) {
        if (S.slot(Slot) & model::Zero) {
          ExplicitZero = true;
          ZeroUnusable |= Lib.Slots[Slot].ZeroUnusable;
        } else if (S.slot(Slot) & model::Never) {
          ExplicitNever = true;
        } else {
          ExplicitAbsurd = true;
        }
        if (!ZeroAt && Slot < S.Witness.size())
          ZeroAt = S.Witness[Slot];
      }
    }
    Bounded |= All;
  }
  if (Bounded)
    return;
  // An explicit "never" written in sight is a finding wherever the handle
  // came from; an unset slot on a handle from out of sight is not.
  bool Explicit = ExplicitZero || ExplicitNever || ExplicitAbsurd;
  if (S.OutOfSight && !Strict && !Explicit)
    return;
  if (Lib.RequireKnownOrigin && !Fact.KnownOrigin && !Explicit)
    return;
  if (!Explicit && Lib.Unbounded == model::Severity::LongDefault &&
      !ReportLongDefaults)
    return;
  if (!Explicit && Lib.Unbounded == model::Severity::Finite)
    return;
  if (Req.ServerSide && !ReportServerTimeouts)
    return;

  const Expr *PartialAt = nullptr;
  for (unsigned Slot : Lib.PartialSlots)
    if ((S.slot(Slot) & model::Finite) && Slot < S.Witness.size())
      PartialAt = S.Witness[Slot] ? S.Witness[Slot] : Call;

  unsigned MainSlot = (*Groups[0])[0];
  llvm::StringRef Consequence =
      Req.Consequence.empty() ? Lib.Consequence : Req.Consequence;
  std::string Generic =
      Req.HandleArg == 0 || Req.HandleArg == model::ObjectArg
          ? "a stalled peer blocks this thread forever"
          : "a stalled peer keeps this transfer, and whoever waits on it, "
            "running forever";
  if (ZeroUnusable || (ExplicitAbsurd && !ExplicitZero && !ExplicitNever))
    Consequence = Lib.DefaultBehaviour;
  else if (Explicit)
    Consequence = !Req.NeverConsequence.empty()
                      ? Req.NeverConsequence
                      : llvm::StringRef("nothing else bounds this call, so a "
                                        "stalled peer can hold it forever");
  else if (Consequence.empty())
    Consequence = Generic;

  // A call with no handle carries its options as arguments.
  if (!Fact.Handle && Req.HandleArg == model::NoArg && Req.HandleType.empty()) {
    diag(Call->getBeginLoc(),
         "'%0' %1 %select{with no %3 among its arguments|with a %3 of 0, "
         "which %4 reads as 'never'|with a %3 that %4 reads as 'never'}2; %5")
        << Name << Req.Verb
        << (ExplicitZero ? 1 : ExplicitNever ? 2 : 0)
        << Lib.Slots[MainSlot].Name << Lib.Name << Consequence;
    if (ZeroAt && ZeroAt != Call)
      diag(Result.SourceManager->getExpansionLoc(ZeroAt->getBeginLoc()),
           "the %0 is set to %select{0|'never'}1 here", DiagnosticIDs::Note)
          << Lib.Slots[MainSlot].Name << (ExplicitZero ? 0 : 1);
    diag(Call->getBeginLoc(), Advice, DiagnosticIDs::Note);
    return;
  }

  {
    auto D = diag(Call->getBeginLoc(),
                  "'%0' %1 on %8 '%2' %select{that has no %4|whose %4 is "
                  "set to 0, which %5 reads as 'never'|that has only a %6, "
                  "which bounds the connect phase and not the transfer|whose "
                  "configuration is out of sight; no %4 is set on it in this "
                  "translation unit|whose %4 is set to a value that %5 reads "
                  "as 'never'|whose %4 is set to 0, which is not a usable "
                  "bound|whose %4 is set to more than %9 ms (option "
                  "MaxReasonableTimeoutMs), so a stalled peer holds it that "
                  "long}3; %7");
    unsigned Kind = ZeroUnusable    ? 5
                    : ExplicitZero  ? 1
                    : ExplicitNever ? 4
                    : ExplicitAbsurd ? 6
                    : PartialAt     ? 2
                    : S.OutOfSight  ? 3
                                    : 0;
    llvm::StringRef Partial =
        Lib.PartialSlots.empty() ? "" : Lib.Slots[Lib.PartialSlots[0]].Name;
    D << Name << Req.Verb << Handle << Kind << Lib.Slots[MainSlot].Name
      << Lib.Name << Partial << Consequence << Noun
      << std::to_string(MaxReasonableTimeoutMs);

    std::optional<std::string> Value =
        model::timeoutFixLiteral(DefaultTimeoutMs, Lib.FixLiteralSuffix,
                                 "(long)");
    const Stmt *Before = statementToPrecede(Call, CurrentFn);
    bool SimpleHandle = llvm::all_of(Handle, [](char C) {
      return llvm::isAlnum(C) || C == '_' || C == '-' || C == '>' || C == '.';
    });
    if (Value && Before && SimpleHandle && !Before->getBeginLoc().isMacroID() &&
        !Lib.Setters.empty() && !Lib.FixOption.empty()) {
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
         "the %0 is set to %select{0|'never'|a longer value}1 here",
         DiagnosticIDs::Note)
        << Lib.Slots[MainSlot].Name
        << (ExplicitZero ? 0 : ExplicitNever ? 1 : 2);
  else if (PartialAt && PartialAt != Call)
    diag(Result.SourceManager->getExpansionLoc(PartialAt->getBeginLoc()),
         "only the %0 is set here",
         DiagnosticIDs::Note)
        << Lib.Slots[Lib.PartialSlots[0]].Name;
  diag(Call->getBeginLoc(), Advice, DiagnosticIDs::Note) << Handle;
}

} // namespace resilience
