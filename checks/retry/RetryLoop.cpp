//===--- RetryLoop.cpp - Is this loop a retry loop, and how does it wait --===//
//
// Recognition works on the outcome of the remote call: the variables that
// receive its result (`rc`, `status`, `res`), flags derived from them
// (`ok = rc == CURLE_OK`, `done = true` under a success test), and the call
// itself when it is tested in place. Every test of an outcome has a
// polarity: true means success (`s.ok()`, `rc == CURLE_OK`, `res`,
// `res->status == 200`) or true means failure (`rc != 0`, `n < 0`,
// `status >= 500`). Exits of the loop inherit the polarity of the tests that
// guard them. The delay analysis (RetryDelay.cpp) reads the summary's delay.
//
//===----------------------------------------------------------------------===//

#include "retry/RetryLoop.h"
#include "retry/RetryLoopInternals.h"
#include "ast/TableLookup.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace resilience {
namespace model {

//===-- Small AST helpers -------------------------------------------------===//

const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BT->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MT->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next);
             CE && CE->getNumArgs() == 1 &&
             (CE->getConstructor()->isCopyOrMoveConstructor()))
      Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

const VarDecl *refVar(const Expr *E) {
  E = strip(E);
  if (const auto *DR = dyn_cast_or_null<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DR->getDecl());
  return nullptr;
}

/// The variable a write targets: `v`, `v.m`, `v->m`.
const VarDecl *writtenVar(const Expr *LHS) {
  LHS = strip(LHS);
  while (const auto *ME = dyn_cast_or_null<MemberExpr>(LHS))
    LHS = strip(ME->getBase());
  return refVar(LHS);
}

bool isLoopStmt(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

void forEachSubStmt(const Stmt *Root, bool IntoNestedLoops,
                    llvm::function_ref<void(const Stmt *)> F) {
  // Iterative, in source order: expressions can nest thousands deep.
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    F(S);
    if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
      continue;
    llvm::SmallVector<const Stmt *, 8> Kids;
    for (const Stmt *C : S->children())
      if (C && (IntoNestedLoops || !isLoopStmt(C)))
        Kids.push_back(C);
    Work.append(Kids.rbegin(), Kids.rend());
  }
}

bool refersToAny(const Stmt *S, llvm::function_ref<bool(const VarDecl *)> P) {
  bool Found = false;
  forEachSubStmt(S, true, [&](const Stmt *N) {
    if (Found)
      return;
    if (const auto *DR = dyn_cast<DeclRefExpr>(N))
      if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
        Found = P(V);
  });
  return Found;
}

static bool isComparison(BinaryOperatorKind K) {
  return BinaryOperator::isComparisonOp(K);
}

std::optional<BinaryOperatorKind> comparisonOf(const Expr *E,
                                                      const Expr *&L,
                                                      const Expr *&R) {
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (!isComparison(BO->getOpcode()))
      return std::nullopt;
    L = BO->getLHS();
    R = BO->getRHS();
    return BO->getOpcode();
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() != 2)
      return std::nullopt;
    BinaryOperatorKind K;
    switch (OC->getOperator()) {
    case OO_EqualEqual: K = BO_EQ; break;
    case OO_ExclaimEqual: K = BO_NE; break;
    case OO_Less: K = BO_LT; break;
    case OO_LessEqual: K = BO_LE; break;
    case OO_Greater: K = BO_GT; break;
    case OO_GreaterEqual: K = BO_GE; break;
    default: return std::nullopt;
    }
    L = OC->getArg(0);
    R = OC->getArg(1);
    return K;
  }
  return std::nullopt;
}

bool isComparisonExpr(const Expr *E) {
  const Expr *L, *R;
  return comparisonOf(strip(E), L, R).has_value();
}

/// Always leaves the enclosing block: the statements after it run only when
/// its guard was false.
bool alwaysLeaves(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ContinueStmt, BreakStmt, ReturnStmt, GotoStmt>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = strip(E);
    if (const auto *C = dyn_cast<CallExpr>(E)) // exit(), abort(), ...
      if (const FunctionDecl *FD = C->getDirectCallee())
        return FD->isNoReturn();
    return isa<CXXThrowExpr>(E);
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && alwaysLeaves(CS->body_back());
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getElse() && alwaysLeaves(If->getThen()) &&
           alwaysLeaves(If->getElse());
  return false;
}

std::string calleeDisplayName(const CallExpr *Call) {
  // `invoke(ctx)` on a std::function or a lambda: the object's name.
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(Call))
    if (OC->getOperator() == OO_Call && OC->getNumArgs() >= 1) {
      const Expr *Obj = strip(OC->getArg(0));
      if (const auto *DR = dyn_cast<DeclRefExpr>(Obj))
        return DR->getDecl()->getNameAsString();
      if (const auto *ME = dyn_cast<MemberExpr>(Obj))
        return ME->getMemberDecl()->getNameAsString();
    }
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD)
    return "call";
  std::string Name = plainQualifiedName(FD);
  if (isa<CXXMethodDecl>(FD)) {
    // "Class::method" is what a reader recognises.
    llvm::StringRef N(Name);
    size_t Last = N.rfind("::");
    if (Last != llvm::StringRef::npos) {
      size_t Prev = N.substr(0, Last).rfind("::");
      if (Prev != llvm::StringRef::npos)
        Name = N.substr(Prev + 2).str();
    }
  }
  return Name.empty() ? FD->getNameAsString() : Name;
}

//===-- The analysis ------------------------------------------------------===//

RetryLoopAnalysis::Impl::Impl(ASTContext &Ctx, const RetryLoopOptions &O)
    : Ctx(Ctx), SM(Ctx.getSourceManager()), Classifier(O.RequestFunctions),
      RemoteReach(SM, [this](const CallExpr *C) {
        return Classifier.classify(C) == CallRole::Remote;
      }),
      SleepReach(SM, [this](const CallExpr *C) { return isDirectDelay(C); }) {
  const RetryKnowledge &K = retryKnowledge();
  Sleeps.add(K.SleepFunctions);
  Sleeps.add(O.SleepFunctions);
  for (const TimerWait &T : K.TimerWaits) {
    TimerWaits.add(T.WaitMethod);
    for (llvm::StringRef S : T.ExpirySetters)
      ExpirySetters.insert(S);
  }
  Randoms.add(K.RandomFunctions);
  Randoms.add(O.RandomFunctions);
  RandomTypes.add(K.RandomTypes);
  Growth.add(K.GrowthFunctions);
  Ceilings.add(K.CeilingFunctions);
  Clocks.add(K.ClockFunctions);
  TimeTypes.add(K.TimeTypes);
  for (llvm::StringRef S : K.RetryPolicyMethods)
    PolicyMethods.insert(S);
  Helpers.add(K.BackoffHelpers);
  Helpers.add(O.BackoffHelpers);
  for (llvm::StringRef S : K.RetryPolicyNamePatterns)
    PolicyPatterns.push_back(S.lower());
  for (llvm::StringRef S : K.BackoffNameHints)
    BackoffHints.push_back(S.lower());
  for (llvm::StringRef S : K.SleepNameHints)
    SleepHints.push_back(S.lower());
  for (llvm::StringRef S : K.SuccessTests)
    SuccessTests.insert(S);
  for (llvm::StringRef S : K.FailureTests)
    FailureTests.insert(S);
  PayloadTypes.add(K.PayloadTypes);
  ErrorCodeTypes.add(K.ErrorCodeTypes);
  ContextTypes.add(K.RemoteContextTypes);
  for (llvm::StringRef S : K.PresenceMethods)
    PresenceMethods.insert(S);
  for (llvm::StringRef S : K.StateFieldWords)
    StateFieldWords.push_back(S.lower());
  for (llvm::StringRef S : K.StateValueWords)
    StateValueWords.push_back(S.lower());
  for (llvm::StringRef S : K.FailureWords)
    FailureWords.push_back(S.lower());
  for (llvm::StringRef S : K.ErrorFieldSuffixes)
    ErrorFieldSuffixes.push_back(S.lower());
}

/// Declared here, defined elsewhere, and not a library's: its name is all
/// there is to go by.
static bool isOpaqueUserFunction(const FunctionDecl *FD,
                                 const SourceManager &SM) {
  return !FD->hasBody() && FD->getIdentifier() &&
         !SM.isInSystemHeader(FD->getLocation());
}

static bool nameHints(const FunctionDecl *FD,
                      const std::vector<std::string> &Hints) {
  std::string Name = FD->getName().lower();
  return llvm::any_of(Hints, [&](const std::string &H) {
    return llvm::StringRef(Name).contains(H);
  });
}

bool RetryLoopAnalysis::Impl::isErrorField(const ValueDecl *Field) const {
  if (!Field || !Field->getIdentifier())
    return false;
  std::string L = Field->getName().lower();
  return llvm::any_of(ErrorFieldSuffixes, [&](const std::string &S) {
    return llvm::StringRef(L).ends_with(S);
  });
}

bool RetryLoopAnalysis::Impl::isPolicyName(llvm::StringRef Name) const {
  if (Name.empty())
    return false;
  if (PolicyMethods.count(Name))
    return true;
  std::string Lower = Name.lower();
  return llvm::any_of(PolicyPatterns, [&](const std::string &P) {
    return table::globMatch(P, Lower);
  });
}

bool RetryLoopAnalysis::Impl::isPolicyCall(const Expr *E) const {
  const auto *C = dyn_cast_or_null<CallExpr>(strip(E));
  if (!C)
    return false;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
    if (OC->getOperator() != OO_Call || OC->getNumArgs() == 0)
      return false;
    const Expr *Obj = strip(OC->getArg(0));
    if (const auto *ME = dyn_cast<MemberExpr>(Obj))
      return ME->getMemberDecl()->getIdentifier() &&
             isPolicyName(ME->getMemberDecl()->getName());
    const VarDecl *V = refVar(Obj);
    return V && V->getIdentifier() && isPolicyName(V->getName());
  }
  if (const FunctionDecl *FD = C->getDirectCallee())
    return FD->getIdentifier() && isPolicyName(FD->getName());
  const Expr *Callee = strip(C->getCallee());
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Callee))
    Callee = strip(UO->getSubExpr());
  const VarDecl *V = refVar(Callee);
  return V && V->getIdentifier() && isPolicyName(V->getName());
}

bool RetryLoopAnalysis::Impl::predicateCapsAttempts(
    const CallExpr *C, llvm::function_ref<bool(const VarDecl *)> IsCounter) {
  const FunctionDecl *Def = SleepReach.searchableCallee(C);
  if (!Def || isa<CXXOperatorCallExpr>(C))
    return false;
  for (unsigned I = 0; I < C->getNumArgs() && I < Def->getNumParams(); ++I) {
    if (!refersToAny(C->getArg(I), IsCounter))
      continue;
    const ParmVarDecl *P = Def->getParamDecl(I);
    bool Compared = false;
    forEachSubStmt(Def->getBody(), true, [&](const Stmt *S) {
      const auto *X = dyn_cast<Expr>(S);
      const Expr *L, *R;
      if (!Compared && X && comparisonOf(X, L, R))
        Compared = refersToAny(X, [&](const VarDecl *V) { return V == P; });
    });
    if (Compared)
      return true;
  }
  return false;
}

bool RetryLoopAnalysis::Impl::isBackoffHelper(const FunctionDecl *FD) const {
  return FD && (Helpers.matches(FD) || (isOpaqueUserFunction(FD, SM) &&
                                        nameHints(FD, BackoffHints)));
}

bool RetryLoopAnalysis::Impl::isSleep(const FunctionDecl *FD,
                                      unsigned NumArgs) const {
  if (!FD)
    return false;
  if (Sleeps.matches(FD))
    return true;
  // `GetSleepTimeSeconds(n)` computes a delay, it does not wait: only a
  // function that returns nothing is taken for a sleep by its name.
  return NumArgs > 0 && FD->getReturnType()->isVoidType() &&
         isOpaqueUserFunction(FD, SM) && nameHints(FD, SleepHints) &&
         !nameHints(FD, BackoffHints);
}

bool RetryLoopAnalysis::Impl::isDirectDelay(const CallExpr *C) const {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return false;
  return isSleep(FD, C->getNumArgs()) || TimerWaits.matches(FD) ||
         isBackoffHelper(FD);
}

bool RetryLoopAnalysis::Impl::isDelay(const CallExpr *C) {
  if (isDirectDelay(C))
    return true;
  const FunctionDecl *Callee = SleepReach.searchableCallee(C);
  return Callee && SleepReach.reaches(Callee);
}

bool RetryLoopAnalysis::Impl::isRemote(const CallExpr *C) {
  switch (Classifier.classify(C)) {
  case CallRole::Remote:
    return true;
  case CallRole::Other:
    break;
  default:
    return false;
  }
  const FunctionDecl *Callee = RemoteReach.searchableCallee(C);
  return Callee && RemoteReach.reaches(Callee);
}

const Writes &RetryLoopAnalysis::Impl::writesIn(const FunctionDecl *FD) {
  std::unique_ptr<Writes> &W = WriteIndex[FD];
  if (W)
    return *W;
  W = std::make_unique<Writes>();
  if (!FD || !FD->getBody())
    return *W;
  forEachSubStmt(FD->getBody(), true, [&](const Stmt *S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp())
        if (const VarDecl *V = writtenVar(BO->getLHS()))
          (*W)[V].push_back(S);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (UO->isIncrementDecrementOp())
        if (const VarDecl *V = refVar(UO->getSubExpr()))
          (*W)[V].push_back(S);
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (OC->isAssignmentOp() || OC->getOperator() == OO_PlusPlus ||
          OC->getOperator() == OO_MinusMinus)
        if (OC->getNumArgs() >= 1)
          if (const VarDecl *V = writtenVar(OC->getArg(0)))
            (*W)[V].push_back(S);
    }
  });
  return *W;
}

RetryLoopAnalysis::RetryLoopAnalysis(ASTContext &Ctx,
                                     const RetryLoopOptions &Opts)
    : P(std::make_unique<Impl>(Ctx, Opts)) {}

RetryLoopAnalysis::~RetryLoopAnalysis() = default;

const RetrySummary *RetryLoopAnalysis::summarize(const Stmt *Loop,
                                                 const FunctionDecl *Fn) {
  auto It = P->Cache.find(Loop);
  if (It != P->Cache.end())
    return It->second.get();
  std::unique_ptr<RetrySummary> S;
  if (Loop && Fn && !isa<CXXForRangeStmt>(Loop))
    S = recognizeRetryLoop(*P, Loop, Fn);
  const RetrySummary *Out = S.get();
  P->Cache[Loop] = std::move(S);
  return Out;
}

/// The statements from \p Root down to \p Target, both included; false if
/// \p Target is not inside \p Root.
static bool chainTo(const Stmt *Root, const Stmt *Target,
                    llvm::SmallVectorImpl<const Stmt *> &Chain) {
  if (!Root)
    return false;
  Chain.push_back(Root);
  if (Root == Target)
    return true;
  for (const Stmt *C : Root->children())
    if (chainTo(C, Target, Chain))
      return true;
  Chain.pop_back();
  return false;
}

const Stmt *RetryLoopAnalysis::retryLoopAround(const Stmt *Inner,
                                               const Stmt *Anchor,
                                               const FunctionDecl *Fn) {
  llvm::SmallVector<const Stmt *, 16> Chain;
  if (!Fn || !Anchor || !chainTo(Fn->getBody(), Inner, Chain))
    return nullptr;
  llvm::SmallVector<const CallExpr *, 1> Known;
  if (const auto *C = dyn_cast<CallExpr>(Anchor))
    Known.push_back(C);
  // Innermost first; Chain[I + 1] is the child of Chain[I] holding Inner.
  for (size_t I = Chain.size() - 1; I-- > 0;) {
    const Stmt *Loop = Chain[I];
    const Stmt *Body = nullptr;
    if (const auto *L = dyn_cast<ForStmt>(Loop))
      Body = L->getBody();
    else if (const auto *L = dyn_cast<WhileStmt>(Loop))
      Body = L->getBody();
    else if (const auto *L = dyn_cast<DoStmt>(Loop))
      Body = L->getBody();
    else
      continue; // a range-for walks over operations; it is no retry
    llvm::SmallVector<const Stmt *, 16> AnchorChain;
    if (Chain[I + 1] != Body || !chainTo(Loop, Anchor, AnchorChain))
      continue;
    if (summarize(Loop, Fn))
      return Loop;
    if (!Known.empty() && recognizeRetryLoop(*P, Loop, Fn, Known))
      return Loop;
  }
  return nullptr;
}

} // namespace model
} // namespace resilience
