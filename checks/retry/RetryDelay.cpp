//===--- RetryDelay.cpp - Does the delay grow, is it capped, is it random -===//
//
// Follows what flows into a delay: the sleep's argument, a timer's expiry,
// or the sleeps inside an in-house helper (with its parameters bound to the
// call's arguments). Variables are followed to their initializers and to
// every write in their function. Growth: a shift or pow/exp2 by something
// that changes per attempt, or a delay multiplied by itself each time, is
// exponential; a product with the attempt counter or a constant step added
// each time is linear. A ceiling is std::min/std::clamp, a `?:` comparison,
// or an `if (d > max) d = max;` clamp.
//
//===----------------------------------------------------------------------===//

#include "retry/RetryLoopInternals.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace resilience {
namespace model {

namespace {

struct Env {
  llvm::DenseMap<const ParmVarDecl *, const Expr *> Args;
  const Env *Outer = nullptr;
  const FunctionDecl *Fn = nullptr;

  /// The environment of \p Callee's body for the call \p C made in \p Caller:
  /// its parameters stand for the call's arguments.
  static Env forCall(const Env &Caller, const FunctionDecl *Callee,
                     const CallExpr *C) {
    Env Inner;
    Inner.Outer = &Caller;
    Inner.Fn = Callee;
    for (unsigned I = 0; I < Callee->getNumParams() && I < C->getNumArgs(); ++I)
      Inner.Args[Callee->getParamDecl(I)] = C->getArg(I);
    return Inner;
  }
};

class Follower {
public:
  Follower(RetryLoopAnalysis::Impl &A) : A(A) {}
  DelayEvidence ofDelayCall(const CallExpr *C, const Env &E, unsigned Depth);

private:
  DelayEvidence walk(const Expr *E, const Env &Env_, unsigned Depth);
  DelayEvidence ofVar(const VarDecl *V, const Env &Env_, unsigned Depth);
  DelayEvidence ofCall(const CallExpr *C, const Env &Env_, unsigned Depth);
  DelayEvidence binary(BinaryOperatorKind K, const Expr *L, const Expr *R,
                       const Env &Env_, unsigned Depth);
  bool isClamp(const Stmt *Write, const VarDecl *V);
  DelayEvidence outParams(const VarDecl *V, const FunctionDecl *Owner,
                          const Env &Env_, unsigned Depth);
  DelayEvidence writesTo(const ParmVarDecl *P, const FunctionDecl *Def,
                         const Env &Inner, unsigned Depth);
  bool isRandomObject(const Expr *E) const;

  RetryLoopAnalysis::Impl &A;
  llvm::DenseSet<const VarDecl *> InProgress;
};

bool Follower::isRandomObject(const Expr *E) const {
  if (!E)
    return false;
  QualType T = E->getType();
  if (T.isNull())
    return false;
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  return RD && A.RandomTypes.matches(RD);
}

/// `if (d > max) d = max;`: a write under a comparison that reads the
/// variable.
bool Follower::isClamp(const Stmt *Write, const VarDecl *V) {
  DynTypedNode N = DynTypedNode::create(*Write);
  for (int Up = 0; Up < 3; ++Up) {
    auto Parents = A.Ctx.getParents(N);
    if (Parents.empty())
      return false;
    N = Parents[0];
    if (const auto *If = N.get<IfStmt>())
      return isComparisonExpr(If->getCond()) &&
             refersToAny(If->getCond(),
                         [&](const VarDecl *X) { return X == V; });
    if (!N.get<CompoundStmt>() && !N.get<ExprWithCleanups>() &&
        !N.get<ImplicitCastExpr>())
      return false;
  }
  return false;
}

DelayEvidence Follower::ofVar(const VarDecl *V, const Env &E, unsigned Depth) {
  DelayEvidence R;
  if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
    for (const Env *Cur = &E; Cur; Cur = Cur->Outer) {
      auto It = Cur->Args.find(P);
      if (It != Cur->Args.end())
        return walk(It->second, Cur->Outer ? *Cur->Outer : *Cur, Depth + 1);
    }
    return R; // a parameter of the loop's function: fixed per call
  }
  if (InProgress.count(V)) {
    R.Self = true;
    return R;
  }
  if (Depth > 12)
    return R;
  InProgress.insert(V);
  if (V->getInit())
    R.merge(walk(V->getInit(), E, Depth + 1));
  const FunctionDecl *Owner =
      dyn_cast_or_null<FunctionDecl>(V->getParentFunctionOrMethod());
  if (Owner && V->hasLocalStorage()) {
    const Writes &W = A.writesIn(Owner);
    auto It = W.find(V);
    if (It != W.end())
      for (const Stmt *S : It->second) {
        DelayEvidence X;
        BinaryOperatorKind K = BO_Assign;
        const Expr *RHS = nullptr;
        bool Direct = true; // writes v itself, not a member
        if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
          K = BO->getOpcode();
          RHS = BO->getRHS();
          Direct = refVar(BO->getLHS()) == V;
        } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
          (void)UO;
          X.Linear = X.Counter = true;
        } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
          switch (OC->getOperator()) {
          case OO_Equal: K = BO_Assign; break;
          case OO_StarEqual: K = BO_MulAssign; break;
          case OO_LessLessEqual: K = BO_ShlAssign; break;
          case OO_PlusEqual: K = BO_AddAssign; break;
          case OO_MinusEqual: K = BO_SubAssign; break;
          case OO_PlusPlus:
          case OO_MinusMinus:
            X.Linear = X.Counter = true;
            break;
          default: break;
          }
          if (OC->getNumArgs() == 2)
            RHS = OC->getArg(1);
          Direct = refVar(OC->getArg(0)) == V;
        }
        if (RHS) {
          DelayEvidence Value = walk(RHS, E, Depth + 1);
          X.merge(Value);
          if (Direct && (K == BO_MulAssign || K == BO_ShlAssign)) {
            X.Exp = X.Counter = true;
          } else if (Direct && (K == BO_AddAssign || K == BO_SubAssign)) {
            if (!Value.Random)
              X.Linear = true;
            X.Counter = true;
          } else if (Direct && K == BO_Assign && isClamp(S, V)) {
            X.Ceiling = true;
          }
          if (X.Self) { // d = d * 2 and friends were judged by walk()
            X.Counter = true;
            X.Self = false;
          }
        }
        R.merge(X);
      }
    R.merge(outParams(V, Owner, E, Depth));
  }
  InProgress.erase(V);
  R.Self = false;
  return R;
}

/// `ShouldRetry(rc, attempt, retryAfter)` or `NextDelay(&d)`: a call that
/// takes \p V by non-const reference or by address writes it. A function
/// defined here is read for what it writes there (its parameters bound to
/// the call's arguments); one defined elsewhere makes the delay unknown.
DelayEvidence Follower::outParams(const VarDecl *V, const FunctionDecl *Owner,
                                  const Env &E, unsigned Depth) {
  DelayEvidence R;
  if (!Owner->getBody() || Depth > 10)
    return R;
  forEachSubStmt(Owner->getBody(), true, [&](const Stmt *S) {
    const auto *C = dyn_cast<CallExpr>(S);
    const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
    if (!FD || isa<CXXOperatorCallExpr>(C) ||
        A.SM.isInSystemHeader(FD->getLocation()))
      return;
    for (unsigned I = 0; I < C->getNumArgs() && I < FD->getNumParams(); ++I) {
      const Expr *Arg = strip(C->getArg(I));
      QualType PT = FD->getParamDecl(I)->getType();
      bool ByRef = PT->isLValueReferenceType() &&
                   !PT->getPointeeType().isConstQualified() &&
                   refVar(Arg) == V;
      const auto *UO = dyn_cast<UnaryOperator>(Arg);
      bool ByAddress = UO && UO->getOpcode() == UO_AddrOf &&
                       PT->isPointerType() &&
                       !PT->getPointeeType().isConstQualified() &&
                       refVar(UO->getSubExpr()) == V;
      if (!ByRef && !ByAddress)
        continue;
      const FunctionDecl *Def = A.SleepReach.searchableCallee(C);
      if (!Def) {
        R.Opaque = true;
        continue;
      }
      Env Inner = Env::forCall(E, Def, C);
      R.merge(writesTo(Def->getParamDecl(I), Def, Inner, Depth + 1));
    }
  });
  return R;
}

/// What \p Def writes through its parameter \p P (`p = e`, `*p = e`,
/// `p *= 2`), read with \p Def's parameters bound.
DelayEvidence Follower::writesTo(const ParmVarDecl *P, const FunctionDecl *Def,
                                 const Env &Inner, unsigned Depth) {
  DelayEvidence R;
  auto Target = [&](const Expr *LHS) {
    LHS = strip(LHS);
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(LHS))
      if (UO->getOpcode() == UO_Deref)
        LHS = strip(UO->getSubExpr());
    return refVar(LHS) == P;
  };
  forEachSubStmt(Def->getBody(), true, [&](const Stmt *S) {
    BinaryOperatorKind K = BO_Comma;
    const Expr *RHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp() && Target(BO->getLHS())) {
        K = BO->getOpcode();
        RHS = BO->getRHS();
      }
    } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (OC->getNumArgs() == 2 && Target(OC->getArg(0))) {
        switch (OC->getOperator()) {
        case OO_Equal: K = BO_Assign; break;
        case OO_StarEqual: K = BO_MulAssign; break;
        case OO_LessLessEqual: K = BO_ShlAssign; break;
        case OO_PlusEqual: K = BO_AddAssign; break;
        default: break;
        }
        if (K != BO_Comma)
          RHS = OC->getArg(1);
      }
    }
    if (!RHS)
      return;
    DelayEvidence X = walk(RHS, Inner, Depth + 1);
    if (K == BO_MulAssign || K == BO_ShlAssign)
      X.Exp = X.Counter = true;
    else if (K == BO_AddAssign && !X.Random)
      X.Linear = X.Counter = true;
    else if (K == BO_Assign && isClamp(S, P))
      X.Ceiling = true;
    R.merge(X);
  });
  return R;
}

DelayEvidence Follower::binary(BinaryOperatorKind K, const Expr *L,
                               const Expr *Rhs, const Env &E, unsigned Depth) {
  DelayEvidence Lv = walk(L, E, Depth + 1), Rv = walk(Rhs, E, Depth + 1);
  DelayEvidence R = Lv;
  R.merge(Rv);
  switch (K) {
  case BO_Shl:
  case BO_ShlAssign:
    if (Rv.Counter || Rv.Self || Lv.Self)
      R.Exp = true;
    break;
  case BO_Mul:
  case BO_MulAssign:
    if (Lv.Self != Rv.Self)
      R.Exp = true;
    else if ((Lv.Counter || Rv.Counter) && !Lv.Exp && !Rv.Exp)
      R.Linear = true;
    break;
  case BO_Add:
  case BO_AddAssign:
    if ((Lv.Self && !Rv.Self && !Rv.Random) ||
        (Rv.Self && !Lv.Self && !Lv.Random))
      R.Linear = true;
    break;
  case BO_Assign:
    return Rv;
  default:
    break;
  }
  return R;
}

DelayEvidence Follower::ofCall(const CallExpr *C, const Env &E,
                               unsigned Depth) {
  DelayEvidence R;
  const FunctionDecl *FD = C->getDirectCallee();
  if (FD && A.isBackoffHelper(FD)) {
    R.Exp = R.Ceiling = R.Random = R.Counter = true;
    return R;
  }
  if (FD && A.Randoms.matches(FD))
    R.Random = true;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    if (isRandomObject(MC->getImplicitObjectArgument()))
      R.Random = true;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C))
    if (OC->getOperator() == OO_Call && OC->getNumArgs() >= 1 &&
        isRandomObject(OC->getArg(0)))
      R.Random = true;
  DelayEvidence Args;
  for (const Expr *Arg : C->arguments())
    Args.merge(walk(Arg, E, Depth + 1));
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    Args.merge(walk(MC->getImplicitObjectArgument(), E, Depth + 1));
  if (FD && A.Growth.matches(FD) && (Args.Counter || Args.Self))
    R.Exp = true;
  if (FD && A.Ceilings.matches(FD))
    R.Ceiling = true;
  // `config.GetSleepTimeSeconds(attempt)` defined elsewhere: whatever it
  // computes is unknown, not constant.
  if (FD && !FD->hasBody() && !A.Randoms.matches(FD) &&
      !A.Growth.matches(FD) && !A.Ceilings.matches(FD) &&
      !A.SM.isInSystemHeader(FD->getLocation()))
    R.Opaque = true;
  // A helper defined here: what its return statements compute, with its
  // parameters bound to this call's arguments.
  const FunctionDecl *Def = A.SleepReach.searchableCallee(C);
  if (Def && Depth < 8 && !isa<CXXMethodDecl>(Def)) {
    Env Inner = Env::forCall(E, Def, C);
    forEachSubStmt(Def->getBody(), true, [&](const Stmt *S) {
      if (const auto *Ret = dyn_cast<ReturnStmt>(S))
        if (Ret->getRetValue())
          R.merge(walk(Ret->getRetValue(), Inner, Depth + 1));
    });
    return R;
  }
  R.merge(Args);
  return R;
}

DelayEvidence Follower::walk(const Expr *E, const Env &Env_, unsigned Depth) {
  DelayEvidence R;
  if (!E || Depth > 60)
    return R;
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
      return ofVar(V, Env_, Depth);
    return R;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return binary(BO->getOpcode(), BO->getLHS(), BO->getRHS(), Env_, Depth);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() == 2) {
      switch (OC->getOperator()) {
      case OO_Star:
        return binary(BO_Mul, OC->getArg(0), OC->getArg(1), Env_, Depth);
      case OO_StarEqual:
        return binary(BO_MulAssign, OC->getArg(0), OC->getArg(1), Env_, Depth);
      case OO_LessLess:
        return binary(BO_Shl, OC->getArg(0), OC->getArg(1), Env_, Depth);
      case OO_Plus:
        return binary(BO_Add, OC->getArg(0), OC->getArg(1), Env_, Depth);
      case OO_Equal:
        return walk(OC->getArg(1), Env_, Depth + 1);
      default:
        break;
      }
    }
  }
  if (const auto *C = dyn_cast<CallExpr>(E))
    return ofCall(C, Env_, Depth);
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    if (isRandomObject(CE))
      R.Random = true;
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    if (isComparisonExpr(CO->getCond()))
      R.Ceiling = true;
  // Plain structure costs no depth: only variables and calls do.
  for (const Stmt *C : E->children())
    if (const auto *X = dyn_cast_or_null<Expr>(C))
      R.merge(walk(X, Env_, Depth));
  return R;
}

DelayEvidence Follower::ofDelayCall(const CallExpr *C, const Env &E,
                                    unsigned Depth) {
  DelayEvidence R;
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return R;
  if (A.isBackoffHelper(FD)) {
    R.Exp = R.Ceiling = R.Random = R.Counter = true;
    return R;
  }
  if (A.isSleep(FD, C->getNumArgs())) {
    for (const Expr *Arg : C->arguments())
      R.merge(walk(Arg, E, Depth + 1));
    return R;
  }
  if (A.TimerWaits.matches(FD)) {
    // The wait lasts until the expiry set on the same timer.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(C);
    const VarDecl *Timer =
        MC ? writtenVar(MC->getImplicitObjectArgument()) : nullptr;
    if (!Timer || !E.Fn || !E.Fn->getBody())
      return R;
    forEachSubStmt(E.Fn->getBody(), true, [&](const Stmt *S) {
      const auto *Set = dyn_cast<CXXMemberCallExpr>(S);
      if (!Set || !Set->getMethodDecl() ||
          !Set->getMethodDecl()->getIdentifier() ||
          !A.ExpirySetters.count(Set->getMethodDecl()->getName()) ||
          writtenVar(Set->getImplicitObjectArgument()) != Timer)
        return;
      for (const Expr *Arg : Set->arguments())
        R.merge(walk(Arg, E, Depth + 1));
    });
    return R;
  }
  // An in-house helper that sleeps: the evidence of its own waits.
  const FunctionDecl *Def = A.SleepReach.searchableCallee(C);
  if (!Def || Depth > 6)
    return R;
  Env Inner = Env::forCall(E, Def, C);
  forEachSubStmt(Def->getBody(), true, [&](const Stmt *S) {
    if (const auto *Inside = dyn_cast<CallExpr>(S))
      if (A.isDelay(Inside))
        R.merge(ofDelayCall(Inside, Inner, Depth + 1));
  });
  return R;
}

} // namespace

DelayEvidence delayEvidence(RetryLoopAnalysis::Impl &A, const CallExpr *Delay,
                            const FunctionDecl *Fn, const Stmt *LoopBody) {
  Env Top;
  Top.Fn = Fn;
  Follower F(A);
  return F.ofDelayCall(Delay, Top, 0);
}

} // namespace model
} // namespace resilience
