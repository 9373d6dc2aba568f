//===--- LoopExits.cpp - Where a loop leaves, on success or failure -------===//
//
// The recognizer's walk over a loop's body (see OutcomeTests.h): it keeps
// the tests that guard each statement, and records every exit (break,
// return, throw, goto) with its polarity and whether it waits for the
// response's content, and every delay with the polarity of the path it is
// on. `done = true;` under a success test makes `done` a success flag.
//
//===----------------------------------------------------------------------===//

#include "retry/OutcomeTests.h"
#include "ast/AstDepth.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace resilience {
namespace model {
namespace recognizer {

void LoopExits::read(const Stmt *Body) {
  // Two passes: the first learns `done = true` flags, the second records.
  walk(Body);
  Guards.clear();
  Recording = true;
  walk(Body);
}

Pol LoopExits::currentPol() const {
  for (auto It = Guards.rbegin(); It != Guards.rend(); ++It)
    if (It->P == PSuccess || It->P == PFailure)
      return It->P;
  return PNone;
}

void LoopExits::addExit() {
  if (!Recording)
    return;
  Exit E;
  E.P = currentPol();
  for (const Guard &G : Guards)
    if (G.Cond)
      E.Guards.push_back(G.Cond);
  E.Content = underContentTest();
  Exits.push_back(std::move(E));
}

bool LoopExits::underContentTest() const {
  return llvm::any_of(Guards, [&](const Guard &G) {
    return G.Cond && Contents.isContentTest(G.Cond);
  });
}

void LoopExits::walkSwitch(const SwitchStmt *S) {
  walk(S->getCond());
  ++Switches;
  const auto *CS = dyn_cast_or_null<CompoundStmt>(S->getBody());
  if (!CS) {
    walk(S->getBody());
    --Switches;
    return;
  }
  size_t Base = Guards.size();
  for (const Stmt *C : CS->body()) {
    const Stmt *Inner = C;
    if (const auto *SC = dyn_cast<SwitchCase>(C)) {
      Guards.resize(Base);
      Pol P = PUnknown;
      if (const auto *Case = dyn_cast<CaseStmt>(SC))
        P = Tests.comparePol(S->getCond(), BO_EQ, Case->getLHS());
      Guards.push_back({S->getCond(), P});
      while (const auto *Nested = dyn_cast_or_null<SwitchCase>(Inner))
        Inner = Nested->getSubStmt();
    }
    walk(Inner);
  }
  Guards.resize(Base);
  --Switches;
}

void LoopExits::walk(const Stmt *S) {
  if (!S || WalkDepth >= MaxWalkDepth)
    return;
  struct Deeper {
    unsigned &D;
    explicit Deeper(unsigned &D) : D(D) { ++D; }
    ~Deeper() { --D; }
  } InWalk(WalkDepth);
  if (isa<LambdaExpr>(S) || isa<BlockExpr>(S))
    return;
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    walk(If->getInit());
    walk(If->getConditionVariableDeclStmt());
    walk(If->getCond());
    Pol P = Tests.test(If->getCond());
    Guards.push_back({If->getCond(), P});
    walk(If->getThen());
    Guards.pop_back();
    if (If->getElse()) {
      Guards.push_back({If->getCond(), flip(P)});
      walk(If->getElse());
      Guards.pop_back();
    }
    return;
  }
  if (const auto *CS = dyn_cast<CompoundStmt>(S)) {
    size_t Base = Guards.size();
    for (const Stmt *C : CS->body()) {
      walk(C);
      if (const auto *If = dyn_cast<IfStmt>(C))
        if (!If->getElse() && alwaysLeaves(If->getThen()))
          Guards.push_back({If->getCond(), flip(Tests.test(If->getCond()))});
    }
    Guards.resize(Base);
    return;
  }
  if (isLoopStmt(S)) {
    ++Nested;
    for (const Stmt *C : S->children())
      walk(C);
    --Nested;
    return;
  }
  if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
    walkSwitch(Sw);
    return;
  }
  if (const auto *Try = dyn_cast<CXXTryStmt>(S)) {
    bool HasRemote = false;
    forEachSubStmt(Try->getTryBlock(), false, [&](const Stmt *N) {
      if (const auto *C = dyn_cast<CallExpr>(N))
        HasRemote |= O.RemoteSet.count(C) > 0;
    });
    Guards.push_back({nullptr, HasRemote ? PSuccess : PNone});
    walk(Try->getTryBlock());
    Guards.pop_back();
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      Guards.push_back({nullptr, HasRemote ? PFailure : PNone});
      walk(Try->getHandler(I)->getHandlerBlock());
      Guards.pop_back();
    }
    return;
  }
  if (isa<BreakStmt>(S)) {
    if (!Nested && !Switches)
      addExit();
    return;
  }
  if (isa<ContinueStmt>(S))
    return;
  if (const auto *R = dyn_cast<ReturnStmt>(S)) {
    walk(R->getRetValue());
    addExit();
    return;
  }
  if (isa<GotoStmt>(S)) {
    addExit();
    return;
  }
  if (isa<CXXThrowExpr>(S))
    addExit();
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (Recording && A.isDelay(C))
      Delays.push_back({C, currentPol()});
  if (const auto *RE = dyn_cast<RecoveryExpr>(S))
    if (Recording && currentPol() != PSuccess && isRecoveredSleep(RE))
      RecoveredDelay = true;
  // `done = true;` under a success test makes `done` a success flag.
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    if (BO->getOpcode() == BO_Assign)
      if (const VarDecl *V = refVar(BO->getLHS()))
        if (const auto *B =
                dyn_cast<CXXBoolLiteralExpr>(strip(BO->getRHS())))
          if (!O.RawOutcomes.count(V) && !O.Flags.count(V)) {
            // `done = true;` under `if (op.done())` holds a content test.
            if (underContentTest())
              Contents.markContent(V);
            Pol P = currentPol();
            if (P == PSuccess || P == PFailure)
              O.Flags[V] = B->getValue() ? P : flip(P);
          }
  for (const Stmt *C : S->children())
    walk(C);
}

/// `sleep_for(kRetryDelay)` with kRetryDelay from a missing header: clang
/// keeps the callee's name as the first child of the RecoveryExpr.
bool LoopExits::isRecoveredSleep(const RecoveryExpr *RE) const {
  auto Children = RE->subExpressions();
  if (Children.empty())
    return false;
  const Expr *Callee = strip(Children.front());
  llvm::SmallVector<const NamedDecl *, 4> Candidates;
  if (const auto *UL = dyn_cast_or_null<UnresolvedLookupExpr>(Callee))
    Candidates.append(UL->decls_begin(), UL->decls_end());
  else if (const auto *DR = dyn_cast_or_null<DeclRefExpr>(Callee))
    Candidates.push_back(DR->getDecl());
  for (const NamedDecl *D : Candidates) {
    const FunctionDecl *FD = D->getAsFunction();
    if (FD && (A.Sleeps.matches(FD) || A.isBackoffHelper(FD) ||
               A.isSleep(FD, unsigned(Children.size() - 1))))
      return true;
  }
  return false;
}

} // namespace recognizer
} // namespace model
} // namespace resilience
