//===--- FailureClasses.cpp - Does a retry loop tell failures apart -------===//

#include "retry/FailureClasses.h"
#include "LLVMCompat.h"
#include "ast/BoundValues.h"
#include "retry/RetryLoopInternals.h"
#include "knowledge/StatusKnowledge.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace resilience {
namespace model {

FailureClasses::FailureClasses(ASTContext &Ctx,
                               const std::vector<std::string> &UserClassifiers)
    : Ctx(Ctx) {
  const StatusKnowledge &K = statusKnowledge();
  HttpMembers.add(K.HttpStatusMembers);
  RpcTypes.add(K.RpcStatusTypes);
  RpcMethods.add(K.RpcCodeMethods);
  RpcCodeTypes.add(K.RpcCodeTypes);
  User.add(UserClassifiers);
  for (llvm::StringRef H : K.ClassifierNameHints)
    Hints.push_back(H.lower());
  // A retry policy's decision (`policy.ShouldRetry(status)`) classifies.
  for (llvm::StringRef M : retryKnowledge().RetryPolicyMethods)
    Hints.push_back(M.lower());
}

static const NamedDecl *memberOf(const Expr *E) {
  E = strip(E);
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E))
    return MC->getMethodDecl();
  return nullptr;
}

bool FailureClasses::isHttpStatus(const Expr *E) const {
  if (const NamedDecl *D = memberOf(E))
    if (HttpMembers.matches(D))
      return true;
  const VarDecl *V = refVar(E);
  return V && HttpVars.count(V);
}

static bool typeIs(QualType T, const NameList &Names) {
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (const auto *RD = T->getAsCXXRecordDecl())
    return Names.matches(RD);
  if (const auto *ET = T->getAs<EnumType>())
    return Names.matches(ET->getDecl());
  return false;
}

bool FailureClasses::isRpcStatus(const Expr *E) const {
  E = strip(E);
  return E && typeIs(E->getType(), RpcTypes);
}

bool FailureClasses::isRpcCode(const Expr *E) const {
  E = strip(E);
  if (!E)
    return false;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (RpcMethods.matches(MC->getMethodDecl()))
      return true;
  if (const VarDecl *V = refVar(E))
    if (RpcCodeVars.count(V))
      return true;
  return typeIs(E->getType(), RpcCodeTypes);
}

bool FailureClasses::refers(const Stmt *S, bool Http) const {
  bool Found = false;
  forEachSubStmt(S, true, [&](const Stmt *N) {
    if (Found)
      return;
    if (const auto *E = dyn_cast<Expr>(N))
      Found = Http ? isHttpStatus(E) : (isRpcStatus(E) || isRpcCode(E));
  });
  return Found;
}

/// Variables holding a status: outputs of `curl_easy_getinfo(h,
/// CURLINFO_RESPONSE_CODE, &code)`, and copies of a status or code
/// (`int code = res->status;`, `auto c = s.error_code();`).
void FailureClasses::learnStatusVars(const FunctionDecl *Fn) {
  if (!Fn || !Fn->getBody())
    return;
  const StatusKnowledge &K = statusKnowledge();
  auto Copy = [&](const VarDecl *V, const Expr *Value) {
    if (!V || !Value)
      return;
    if (isHttpStatus(Value))
      HttpVars.insert(V);
    else if (isRpcCode(Value))
      RpcCodeVars.insert(V);
  };
  for (int Round = 0; Round < 2; ++Round)
    forEachSubStmt(Fn->getBody(), true, [&](const Stmt *S) {
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            Copy(V, V->getInit());
      } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->getOpcode() == BO_Assign)
          Copy(refVar(BO->getLHS()), BO->getRHS());
      } else if (const auto *C = dyn_cast<CallExpr>(S)) {
        const FunctionDecl *FD = C->getDirectCallee();
        if (!FD)
          return;
        for (const StatusOutput &O : K.HttpStatusOutputs) {
          NameList N;
          N.add(O.Function);
          if (!N.matches(FD) || C->getNumArgs() <= std::max(O.SelectorArg,
                                                            O.OutArg))
            continue;
          const auto *Sel = dyn_cast<DeclRefExpr>(
              strip(C->getArg(O.SelectorArg)));
          if (!Sel || Sel->getDecl()->getName() != O.Selector)
            continue;
          const Expr *Out = strip(C->getArg(O.OutArg));
          if (const auto *UO = dyn_cast<UnaryOperator>(Out))
            if (UO->getOpcode() == UO_AddrOf)
              if (const VarDecl *V = refVar(UO->getSubExpr()))
                HttpVars.insert(V);
        }
      }
    });
}

/// A value that, tested against a status with \p K, separates one class of
/// failures from another: a 4xx/5xx boundary or a single error status for
/// HTTP (`!= 200`, `>= 400`, `< 300` only separate success from failure),
/// a code other than OK for RPC.
bool FailureClasses::classifyingValue(const Expr *Value, BinaryOperatorKind K,
                                      bool Http) const {
  const Expr *V = strip(Value);
  if (const auto *DR = dyn_cast<DeclRefExpr>(V))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DR->getDecl()))
      if (typeIs(enumTypeOf(Ctx, cast<EnumDecl>(EC->getDeclContext())),
                 RpcCodeTypes))
        return !Http && EC->getName() != statusKnowledge().RpcOkCode;
  if (!Http)
    return false;
  std::optional<int64_t> Known = constantInt(V, Ctx);
  if (!Known)
    return false;
  int64_t N = *Known;
  switch (K) {
  case BO_EQ:
  case BO_NE:
    return N >= 400 && N <= 599;
  case BO_GE:
  case BO_LT:
    return N >= 401 && N <= 599;
  case BO_GT:
  case BO_LE:
    return N >= 400 && N <= 598;
  default:
    return false;
  }
}

/// A comparison of the status (or, inside a helper with \p AnyOperand, of
/// anything) with a classifying value.
bool FailureClasses::classifyingCompare(const Expr *E, bool Http,
                                        bool AnyOperand) const {
  const Expr *L, *R;
  std::optional<BinaryOperatorKind> Op = comparisonOf(E, L, R);
  if (!Op)
    return false;
  auto IsSubject = [&](const Expr *X) {
    return AnyOperand || (Http ? isHttpStatus(X) : isRpcCode(X));
  };
  auto Swap = [](BinaryOperatorKind K) {
    switch (K) {
    case BO_LT: return BO_GT;
    case BO_GT: return BO_LT;
    case BO_LE: return BO_GE;
    case BO_GE: return BO_LE;
    default: return K;
    }
  };
  return (IsSubject(L) && classifyingValue(R, *Op, Http)) ||
         (IsSubject(R) && classifyingValue(L, Swap(*Op), Http));
}

static bool nameHinted(const FunctionDecl *FD,
                       const std::vector<std::string> &Hints) {
  if (!FD->getIdentifier())
    return false;
  std::string N = FD->getName().lower();
  return llvm::any_of(Hints, [&](const std::string &H) {
    return llvm::StringRef(N).contains(H);
  });
}

bool FailureClasses::isClassifierCall(const CallExpr *C, bool Http,
                                      unsigned Depth) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD || C->getNumArgs() == 0)
    return false;
  if (User.matches(FD) || nameHinted(FD, Hints))
    return true;
  // A helper of this translation unit that compares with such values.
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->getBody() || Depth > 2 ||
      Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return false;
  auto It = HelperMemo.find(Def);
  if (It != HelperMemo.end())
    return It->second;
  HelperMemo[Def] = false;
  bool Yes = false;
  forEachSubStmt(Def->getBody(), true, [&](const Stmt *S) {
    if (Yes)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      Yes = classifyingCompare(E, Http, /*AnyOperand=*/true);
    if (const auto *Case = dyn_cast<CaseStmt>(S))
      Yes = Yes || classifyingValue(Case->getLHS(), BO_EQ, Http);
    if (const auto *Inner = dyn_cast<CallExpr>(S))
      Yes = Yes || isClassifierCall(Inner, Http, Depth + 1);
  });
  HelperMemo[Def] = Yes;
  return Yes;
}

bool FailureClasses::classifies(const Stmt *Body, bool Http, unsigned Depth) {
  bool Yes = false;
  forEachSubStmt(Body, true, [&](const Stmt *S) {
    if (Yes)
      return;
    if (const auto *E = dyn_cast<Expr>(S))
      if (classifyingCompare(E, Http, false)) {
        Yes = true;
        return;
      }
    if (const auto *Sw = dyn_cast<SwitchStmt>(S)) {
      if (!refers(Sw->getCond(), Http))
        return;
      // A switch over the status with a case for an error status or code.
      for (const SwitchCase *SC = Sw->getSwitchCaseList(); SC && !Yes;
           SC = SC->getNextSwitchCase())
        if (const auto *Case = dyn_cast<CaseStmt>(SC))
          Yes = classifyingValue(Case->getLHS(), BO_EQ, Http);
      return;
    }
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (isClassifierCall(C, Http, Depth))
        Yes = true;
  });
  return Yes;
}

RetryDecision FailureClasses::judge(const RetrySummary &S,
                                    const FunctionDecl *Fn) {
  RetryDecision D;
  learnStatusVars(Fn);
  for (const Expr *T : S.Tests) {
    if (refers(T, true)) {
      D.K = RetryDecision::HttpStatus;
      D.Test = T;
      break;
    }
    if (!D.Test && refers(T, false)) {
      D.K = RetryDecision::RpcStatus;
      D.Test = T;
    }
  }
  if (D.K == RetryDecision::Transport)
    return D;
  bool Http = D.K == RetryDecision::HttpStatus;
  D.Classified = classifies(S.Loop, Http, 0);
  for (const Expr *T : S.Tests)
    D.Classified = D.Classified || classifies(T, Http, 0);
  return D;
}

} // namespace model
} // namespace resilience
