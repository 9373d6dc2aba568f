//===--- WaitedCalls.cpp - The requests a wait call waits for -------------===//

#include "timeout/WaitedCalls.h"
#include "timeout/HandleConfig.h"
#include "ast/TableLookup.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace resilience {
namespace model {

using namespace clang;
using namespace table;

namespace {

/// What names a handle, for comparing two mentions: the variable, or the
/// field of `this`.
struct Root {
  const Decl *D = nullptr;
  bool ThisField = false;
  bool operator==(const Root &O) const {
    return D == O.D && ThisField == O.ThisField;
  }
};

Root rootOf(const Expr *E, const Lookup &T) {
  E = strip(T.lookThrough(E));
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return {VD->getCanonicalDecl(), false};
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (isa<CXXThisExpr>(strip(ME->getBase())))
        return {FD->getCanonicalDecl(), true};
  return {};
}

void collect(const Stmt *S, const FunctionDecl *Fn, const Root &R,
             const LibraryModel &Lib, const RequestCall &Wait,
             const Lookup &T, std::vector<PlacedCall> &Out) {
  if (!S)
    return;
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    collect(LE->getBody(), LE->getCallOperator(), R, Lib, Wait, T, Out);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    LibCall LC = T.classify(CE->getDirectCallee());
    if (LC.K == LibCall::Request && LC.Lib == &Lib && LC.Req != &Wait &&
        LC.Req->WaitsForCallsVia.empty()) {
      const FunctionDecl *Callee = CE->getDirectCallee();
      unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee);
      for (unsigned I = 0; I < Callee->getNumParams(); ++I)
        if (isRecordNamed(Callee->getParamDecl(I)->getType(),
                          Wait.WaitsForCallsVia) &&
            I + Shift < CE->getNumArgs() &&
            rootOf(CE->getArg(I + Shift), T) == R) {
          Out.push_back({CE, Fn});
          break;
        }
    }
  }
  for (const Stmt *Child : S->children())
    collect(Child, Fn, R, Lib, Wait, T, Out);
}

} // namespace

bool isExcludedWaitHandle(const Expr *Handle, const RequestCall &Req,
                          const Lookup &L) {
  if (Req.ExcludedHandleTypes.empty() || !Handle)
    return false;
  QualType T = strip(L.lookThrough(Handle))->getType();
  return isRecordNamed(T, Req.ExcludedHandleTypes) ||
         isRecordNamed(pointeeOfSmartPointer(T), Req.ExcludedHandleTypes);
}

std::vector<PlacedCall> requestsWaitedFor(const Expr *Handle,
                                          const FunctionDecl *Enclosing,
                                          const LibraryModel &Lib,
                                          const RequestCall &Req,
                                          const Lookup &T) {
  std::vector<PlacedCall> Out;
  Root R = rootOf(Handle, T);
  if (!R.D || Req.WaitsForCallsVia.empty())
    return Out;
  std::vector<const FunctionDecl *> Scope;
  if (R.ThisField) {
    const auto *RD = dyn_cast<CXXRecordDecl>(cast<FieldDecl>(R.D)->getParent());
    if (RD && RD->hasDefinition())
      for (const CXXMethodDecl *MD : RD->methods())
        if (const FunctionDecl *Def = MD->getDefinition())
          if (Def->hasBody())
            Scope.push_back(Def);
  } else if (const auto *VD = dyn_cast<VarDecl>(R.D)) {
    const auto *Owner =
        dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
    Scope.push_back(Owner && Owner->hasBody() ? Owner : Enclosing);
  }
  for (const FunctionDecl *Fn : Scope)
    collect(Fn->getBody(), Fn, R, Lib, Req, T, Out);
  return Out;
}

} // namespace model
} // namespace resilience
