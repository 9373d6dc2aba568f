//===--- RequestParts.cpp - Where a request's parts are built -------------===//
//
// Header and field containers, curl header lists, and whether a variable
// is handed to a call that may write it: what the shape finders
// (RequestShapes.cpp, InHouseShapes.cpp) read a request's parts with.
//
//===----------------------------------------------------------------------===//

#include "payment/RequestShapes.h"

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// Headers and fields

bool RequestParts::isRequestFunction(const FunctionDecl *FD) const {
  std::string N = qualifiedName(FD);
  for (const CallShape &C : K.Calls)
    if (llvm::is_contained(C.Functions, N))
      return true;
  for (const MessageShape &M : K.Messages)
    for (const MessageSender &S : M.Senders)
      if (S.Function == N)
        return true;
  return N == K.Curl.Setter || N == K.Curl.ListAppend;
}

bool RequestParts::handedToWriter(const VarDecl *V, const FunctionDecl *F,
                                  llvm::ArrayRef<llvm::StringRef> Allowed) {
  for (const CallExpr *C : body(F).Calls) {
    const FunctionDecl *Callee = C->getDirectCallee();
    if (Callee && (llvm::is_contained(Allowed, qualifiedName(Callee)) ||
                   isRequestFunction(Callee)))
      continue;
    if (isa<CXXOperatorCallExpr>(C))
      continue;
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      const Expr *A = strip(C->getArg(I));
      bool AddrOf = false;
      if (const auto *UO = dyn_cast<UnaryOperator>(A))
        if (UO->getOpcode() == UO_AddrOf) {
          A = strip(UO->getSubExpr());
          AddrOf = true;
        }
      if (varOf(A) != V)
        continue;
      if (!Callee || I >= Callee->getNumParams())
        return AddrOf; // unknown callee or variadic
      QualType T = Callee->getParamDecl(I)->getType();
      if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
        return true;
      if (AddrOf && T->isPointerType() &&
          !T->getPointeeType().isConstQualified())
        return true;
    }
  }
  return false;
}

void RequestParts::pairsOf(const Expr *E, const FunctionDecl *F, bool &Known,
                           std::vector<HeaderItem> &Out, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > 4) {
    Known = false;
    return;
  }
  if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
    E = strip(SIL->getSubExpr());
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
    if (CE->getNumArgs() == 0)
      return;
    if (CE->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(CE->getArg(1))) {
      pairsOf(CE->getArg(0), F, Known, Out, Depth + 1);
      return;
    }
    Known = false;
    return;
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : IL->inits()) {
      const Expr *I = strip(Init);
      HeaderItem H;
      if (const auto *PC = dyn_cast<CXXConstructExpr>(I);
          PC && PC->getNumArgs() == 2) {
        H.Name = PC->getArg(0);
        H.Value = PC->getArg(1);
      } else if (const auto *PL = dyn_cast<InitListExpr>(I);
                 PL && PL->getNumInits() == 2) {
        H.Name = PL->getInit(0);
        H.Value = PL->getInit(1);
      } else {
        Known = false;
        continue;
      }
      Out.push_back(H);
    }
    return;
  }
  const VarDecl *V = localVarOf(E);
  if (!V) {
    Known = false;
    return;
  }
  if (V->getInit())
    pairsOf(V->getInit(), F, Known, Out, Depth + 1);
  for (const CallExpr *C : body(F).Calls) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
      if (varOf(MC->getImplicitObjectArgument()) != V)
        continue;
      llvm::StringRef N = simpleName(MC->getMethodDecl());
      if (N == "emplace" && MC->getNumArgs() == 2) {
        Out.push_back({nullptr, MC->getArg(0), MC->getArg(1)});
      } else if (N == "insert" && MC->getNumArgs() == 1) {
        pairsOf(MC->getArg(0), F, Known, Out, Depth + 1);
      } else if (N == "insert" || N == "emplace" || N == "swap") {
        Known = false;
      }
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C)) {
      if (OC->getOperator() != OO_Equal || OC->getNumArgs() != 2)
        continue;
      const auto *Sub = dyn_cast<CXXOperatorCallExpr>(strip(OC->getArg(0)));
      if (Sub && Sub->getOperator() == OO_Subscript &&
          varOf(Sub->getArg(0)) == V)
        Out.push_back({nullptr, Sub->getArg(1), OC->getArg(1)});
      else if (varOf(OC->getArg(0)) == V)
        Known = false;
    }
  }
  if (handedToWriter(V, F, {}))
    Known = false;
}

void RequestParts::listItems(const Expr *List, const FunctionDecl *F,
                             bool &Known, std::vector<HeaderItem> &Out,
                             unsigned Depth) {
  List = strip(List);
  if (!List)
    return;
  if (List->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return;
  const VarDecl *L = localVarOf(List);
  if (!L || Depth > 3) {
    Known = false;
    return;
  }
  auto Add = [&](const CallExpr *C) {
    for (const HeaderItem &H : Out)
      if (H.Whole == C->getArg(1))
        return;
    Out.push_back({C->getArg(1), nullptr, nullptr});
  };
  auto IsAppend = [&](const CallExpr *C) {
    return C && C->getNumArgs() == 2 &&
           simpleName(C->getDirectCallee()) == K.Curl.ListAppend;
  };
  for (const CallExpr *C : body(F).Calls)
    if (IsAppend(C) && varOf(C->getArg(0)) == L)
      Add(C);
  for (const VarDef &D : R.defsOf(L)) {
    if (D.K == VarDef::Unknown) {
      Known = false;
      continue;
    }
    if (D.K != VarDef::Set || !D.Value)
      continue;
    const Expr *V = strip(D.Value);
    if (V->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
      continue;
    const auto *C = dyn_cast<CallExpr>(V);
    if (!IsAppend(C)) {
      if (localVarOf(V))
        listItems(V, F, Known, Out, Depth + 1);
      else
        Known = false;
      continue;
    }
    Add(C);
    const Expr *Prev = strip(C->getArg(0));
    if (varOf(Prev) != L)
      listItems(Prev, F, Known, Out, Depth + 1);
  }
}

} // namespace model
} // namespace resilience
