//===--- KeyPerAttempt.cpp - Is this idempotency key minted per attempt? --===//

#include "payment/KeyPerAttempt.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace resilience {
namespace model {

using namespace clang;

namespace {
std::string lowerQualifiedName(const NamedDecl *D) {
  return llvm::StringRef(D->getQualifiedNameAsString()).lower();
}

const VarDecl *localVarOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(StringResolver::strip(E));
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return V && !isa<ParmVarDecl>(V) && V->isLocalVarDecl() ? V : nullptr;
}

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(StringResolver::strip(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}
} // namespace

void KeyPerAttempt::generatorsOf(const Expr *Leaf,
                                 std::vector<const CallExpr *> &Out) {
  generatorsIn(Leaf, Out);
  if (const VarDecl *V = localVarOf(Leaf))
    generatorsOfVar(V, Out);
}

bool KeyPerAttempt::isGenerator(const CallExpr *C, unsigned Depth) {
  const FunctionDecl *FD = C->getDirectCallee();
  std::string Name;
  if (FD) {
    Name = lowerQualifiedName(FD);
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
    if (OC->getNumArgs() > 0)
      if (const auto *RD = OC->getArg(0)->getType()->getAsCXXRecordDecl())
        Name = lowerQualifiedName(RD);
  }
  if (isa<CXXOperatorCallExpr>(C) && FD)
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      Name = lowerQualifiedName(MD->getParent());
  for (llvm::StringRef G : Generators)
    if (llvm::StringRef(Name).contains(G))
      return true;
  // A parameterless helper of the TU that returns a fresh value.
  if (FD && Depth < 2 && FD->getNumParams() == 0)
    if (const FunctionDecl *Def = FD->getDefinition())
      if (Def->hasBody()) {
        std::vector<const CallExpr *> Inner;
        generatorsIn(Def->getBody(), Inner, Depth + 1);
        return !Inner.empty();
      }
  return false;
}

void KeyPerAttempt::generatorsIn(const Stmt *S,
                                 std::vector<const CallExpr *> &Out,
                                 unsigned Depth) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *C = dyn_cast<CallExpr>(S))
    if (isGenerator(C, Depth)) {
      Out.push_back(C);
      return;
    }
  for (const Stmt *Ch : S->children())
    generatorsIn(Ch, Out, Depth);
}

void KeyPerAttempt::generatorsOfVar(const VarDecl *V,
                                    std::vector<const CallExpr *> &Out,
                                    unsigned Depth) {
  if (Depth > 2)
    return;
  for (const VarDef &D : R.defsOf(V)) {
    if (D.Value)
      generatorsIn(D.Value, Out);
    if (D.Call) {
      // uuid_generate(u); uuid_unparse(u, buf): the writer, or what it reads.
      if (isGenerator(D.Call)) {
        Out.push_back(D.Call);
        continue;
      }
      for (const Expr *A : D.Call->arguments())
        if (const VarDecl *W = localVarOf(A); W && W != V)
          generatorsOfVar(W, Out, Depth + 1);
    }
  }
}

/// The statements from \p Root down to \p Target, both included; empty if
/// \p Target is not inside \p Root. A walk of one function body is cheaper
/// than the translation unit's parent map.
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

static bool contains(const Stmt *Root, const Stmt *Target) {
  llvm::SmallVector<const Stmt *, 16> Chain;
  return chainTo(Root, Target, Chain);
}

static bool hasExit(const Stmt *S, bool Nested) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if ((isa<BreakStmt>(S) && !Nested) || isa<ReturnStmt>(S) || isa<GotoStmt>(S))
    return true;
  bool Inner = Nested || isa<ForStmt>(S) || isa<WhileStmt>(S) ||
               isa<DoStmt>(S) || isa<CXXForRangeStmt>(S) || isa<SwitchStmt>(S);
  for (const Stmt *C : S->children())
    if (hasExit(C, Inner))
      return true;
  return false;
}

static bool writesAny(const Stmt *S, llvm::ArrayRef<const VarDecl *> Vars) {
  if (!S)
    return false;
  const Expr *Target = nullptr;
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      Target = BO->getLHS();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      Target = UO->getSubExpr();
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (OC->isAssignmentOp() && OC->getNumArgs() > 0)
      Target = OC->getArg(0);
  }
  if (Target)
    if (const VarDecl *V = varOf(Target); V && llvm::is_contained(Vars, V))
      return true;
  for (const Stmt *C : S->children())
    if (writesAny(C, Vars))
      return true;
  return false;
}

const Stmt *KeyPerAttempt::retryLoopAround(const Stmt *Gen, const Stmt *Anchor,
                                           const FunctionDecl *F) {
  llvm::SmallVector<const Stmt *, 16> Chain;
  if (!F || !chainTo(F->getBody(), Gen, Chain))
    return nullptr;
  // Innermost first; Chain[I + 1] is the child of Chain[I] holding Gen.
  for (size_t I = Chain.size() - 1; I-- > 0;) {
    const Stmt *S = Chain[I];
    const Stmt *Body = nullptr;
    const Expr *Cond = nullptr;
    if (const auto *L = dyn_cast<ForStmt>(S)) {
      Body = L->getBody();
      Cond = L->getCond();
    } else if (const auto *L = dyn_cast<WhileStmt>(S)) {
      Body = L->getBody();
      Cond = L->getCond();
    } else if (const auto *L = dyn_cast<DoStmt>(S)) {
      Body = L->getBody();
      Cond = L->getCond();
    } else {
      continue; // a range-for walks over operations; it is no retry
    }
    if (Chain[I + 1] != Body || !contains(Body, Anchor))
      continue;
    llvm::SmallVector<const VarDecl *, 4> CondVars;
    collectVars(Cond, CondVars);
    if (hasExit(Body, false) || writesAny(Body, CondVars))
      return S;
  }
  return nullptr;
}

} // namespace model
} // namespace resilience
