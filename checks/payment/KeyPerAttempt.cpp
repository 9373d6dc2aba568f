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

const Stmt *KeyPerAttempt::retryLoopAround(const Stmt *Gen, const Stmt *Anchor,
                                           const FunctionDecl *F) {
  return Loops.retryLoopAround(Gen, Anchor, F);
}

} // namespace model
} // namespace resilience
