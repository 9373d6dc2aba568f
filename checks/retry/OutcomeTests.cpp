//===--- OutcomeTests.cpp - Does this test mean success or failure --------===//
//
// The recognizer's reading of a loop's tests (see OutcomeTests.h): which
// variables hold what the remote calls return or write, which flags are
// computed from them, and whether a test of them is true on success or on
// failure (a status compared with a constant, an error code, `ok()`, a
// field named like a test, a test clang could not type, read from its
// text).
//
//===----------------------------------------------------------------------===//

#include "retry/OutcomeTests.h"
#include "ast/AstDepth.h"
#include "ast/BoundValues.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace resilience {
namespace model {
namespace recognizer {

namespace {

bool successName(llvm::StringRef N) {
  return N.ends_with("OK") || N.ends_with("_OK") || N.ends_with("Ok") ||
         N.ends_with("SUCCESS") || N.ends_with("Success") ||
         N.ends_with("NoError") || N.ends_with("NO_ERROR") ||
         // `XML_ERROR_NONE`, `ErrorNone`: the "no error" value of an error
         // enum (a result compared with it failed when it differs).
         N.ends_with("ERROR_NONE") || N.ends_with("ErrorNone") ||
         N.ends_with("ERR_NONE");
}

} // namespace

LoopParts::LoopParts(const Stmt *Loop) : Loop(Loop) {
  if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    Body = F->getBody();
    Cond = F->getCond();
    Inc = F->getInc();
  } else if (const auto *W = dyn_cast<WhileStmt>(Loop)) {
    Body = W->getBody();
    Cond = W->getCond();
  } else if (const auto *D = dyn_cast<DoStmt>(Loop)) {
    Body = D->getBody();
    Cond = D->getCond();
  }
}

void LoopOutcomes::find(const LoopParts &LP,
                        llvm::ArrayRef<const CallExpr *> Remotes,
                        const OutcomeTests &Tests) {
  auto ContainsRemote = [&](const Stmt *S) {
    bool Found = false;
    forEachSubStmt(S, false, [&](const Stmt *N) {
      if (const auto *C = dyn_cast<CallExpr>(N))
        Found |= RemoteSet.count(C) > 0;
    });
    return Found;
  };
  // Results of remote calls, and what remote calls write through pointers.
  LP.each([&](const Stmt *Part) {
    forEachSubStmt(Part, false, [&](const Stmt *S) {
      if (const auto *DS = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D)) {
            DeclaredInside.insert(V);
            if (V->getInit() && ContainsRemote(V->getInit()))
              RawOutcomes.insert(V);
          }
      } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->getOpcode() == BO_Assign && ContainsRemote(BO->getRHS()))
          if (const VarDecl *V = refVar(BO->getLHS()))
            RawOutcomes.insert(V);
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
        if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
            ContainsRemote(OC->getArg(1)))
          if (const VarDecl *V = refVar(OC->getArg(0)))
            RawOutcomes.insert(V);
      } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
        if (UO->isIncrementDecrementOp())
          if (const VarDecl *V = refVar(UO->getSubExpr()))
            Counters.insert(V);
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(S))
        if (BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign)
          if (const VarDecl *V = refVar(BO->getLHS()))
            if (V->getType()->isIntegerType())
              Counters.insert(V);
      if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
        if ((OC->getOperator() == OO_PlusPlus ||
             OC->getOperator() == OO_MinusMinus) &&
            OC->getNumArgs() >= 1)
          if (const VarDecl *V = refVar(OC->getArg(0)))
            Counters.insert(V);
    });
  });
  if (const auto *F = dyn_cast<ForStmt>(LP.Loop))
    if (F->getInit())
      forEachSubStmt(F->getInit(), false, [&](const Stmt *S) {
        if (const auto *DS = dyn_cast<DeclStmt>(S))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              if (V->getInit() && ContainsRemote(V->getInit()))
                RawOutcomes.insert(V);
      });
  // `for (d = 1; d <= kMax; d <<= 1)`: whatever the increment updates.
  if (LP.Inc)
    forEachSubStmt(LP.Inc, false, [&](const Stmt *S) {
      if (const auto *BO = dyn_cast<BinaryOperator>(S))
        if (BO->isCompoundAssignmentOp())
          if (const VarDecl *V = refVar(BO->getLHS())) {
            Counters.insert(V);
            if (BO->getOpcode() == BO_MulAssign ||
                BO->getOpcode() == BO_ShlAssign)
              Scaled.insert(V);
          }
    });
  // A value doubled every iteration (`debt *= 2`) counts the attempts too:
  // compared with a limit, it bounds the loop and its delay.
  LP.each([&](const Stmt *Part) {
    forEachSubStmt(Part, false, [&](const Stmt *S) {
      const VarDecl *V = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->getOpcode() == BO_MulAssign || BO->getOpcode() == BO_ShlAssign)
          V = refVar(BO->getLHS());
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
        if ((OC->getOperator() == OO_StarEqual ||
             OC->getOperator() == OO_LessLessEqual) &&
            OC->getNumArgs() == 2)
          V = refVar(OC->getArg(0));
      }
      if (V) {
        Counters.insert(V);
        Scaled.insert(V);
      }
    });
  });
  // A counter declared inside the body restarts every iteration.
  for (const VarDecl *V : DeclaredInside)
    Counters.erase(V);
  for (const CallExpr *C : Remotes) {
    const FunctionDecl *FD = C->getDirectCallee();
    unsigned Shift = isa<CXXOperatorCallExpr>(C) &&
                             FD && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      const Expr *Arg = strip(C->getArg(I));
      const VarDecl *Out = nullptr;
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg)) {
        if (UO->getOpcode() == UO_AddrOf)
          Out = refVar(UO->getSubExpr());
      } else if (FD && I >= Shift && I - Shift < FD->getNumParams()) {
        QualType PT = FD->getParamDecl(I - Shift)->getType();
        if (PT->isLValueReferenceType() &&
            !PT->getPointeeType().isConstQualified())
          Out = refVar(Arg);
      }
      if (!Out)
        continue;
      Outputs.insert(Out);
      if (Tests.isErrorCode(Out->getType()))
        ErrorOutputs.insert(Out);
    }
  }
  // Flags computed from an outcome: `ok = (rc == CURLE_OK)`.
  for (int Round = 0; Round < 2; ++Round)
    LP.each([&](const Stmt *Part) {
      forEachSubStmt(Part, false, [&](const Stmt *S) {
        const VarDecl *V = nullptr;
        const Expr *Value = nullptr;
        if (const auto *DS = dyn_cast<DeclStmt>(S)) {
          if (DS->isSingleDecl())
            if ((V = dyn_cast<VarDecl>(DS->getSingleDecl())))
              Value = V->getInit();
        } else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
          if (BO->getOpcode() == BO_Assign) {
            V = refVar(BO->getLHS());
            Value = BO->getRHS();
          }
        }
        if (!V || !Value || RawOutcomes.count(V) ||
            !V->getType()->isBooleanType())
          return;
        Pol P = Tests.test(Value);
        if (P == PSuccess || P == PFailure)
          Flags[V] = P;
      });
    });
}

bool OutcomeTests::isOutcomeExpr(const Expr *E) const {
  E = strip(E);
  if (!E)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return isOutcomeExpr(BO->getRHS());
  if (const auto *V = refVar(E))
    return O.RawOutcomes.count(V) || O.Flags.count(V) ||
           O.ErrorOutputs.count(V);
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    if (O.RemoteSet.count(C))
      return true;
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
      return isOutcomeExpr(MC->getImplicitObjectArgument());
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C))
      if ((OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
          OC->getNumArgs() >= 1)
        return isOutcomeExpr(OC->getArg(0));
    return false;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    // The error field of a struct the request filled in (`&io`).
    if (const VarDecl *V = refVar(ME->getBase()))
      if (O.Outputs.count(V) && A.isErrorField(ME->getMemberDecl()))
        return true;
    return isOutcomeExpr(ME->getBase());
  }
  return false;
}

/// A type the knowledge lists as an error code: true when it holds one.
bool OutcomeTests::isErrorCode(QualType T) const {
  if (T.isNull())
    return false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && A.ErrorCodeTypes.matches(RD);
}

bool OutcomeTests::refersOutcome(const Expr *E) const {
  bool Found = false;
  forEachSubStmt(E, true, [&](const Stmt *S) {
    if (!Found)
      if (const auto *X = dyn_cast<Expr>(S))
        Found = isOutcomeExpr(X);
  });
  return Found;
}

Pol OutcomeTests::barePol(const Expr *E) const {
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return barePol(BO->getRHS());
  if (const VarDecl *V = refVar(E)) {
    auto It = O.Flags.find(V);
    if (It != O.Flags.end())
      return It->second;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (const CXXMethodDecl *MD = MC->getMethodDecl()) {
      if (isa<CXXConversionDecl>(MD))
        return barePol(Obj);
      if (MD->getIdentifier() && refersOutcome(Obj)) {
        if (A.SuccessTests.count(MD->getName()))
          return PSuccess;
        if (A.FailureTests.count(MD->getName()))
          return PFailure;
      }
    }
  }
  if (!isOutcomeExpr(E))
    return refersOutcome(E) ? PUnknown : PNone;
  // An error code, filled in or returned: `if (ec)` means it failed.
  if (isErrorCode(E->getType()))
    return PFailure;
  // A field named like a test: `r.error` (cpr), `reply.ok`.
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Field = ME->getMemberDecl();
    if (Field->getIdentifier()) {
      if (A.SuccessTests.count(Field->getName()))
        return PSuccess;
      if (A.FailureTests.count(Field->getName()))
        return PFailure;
    }
    return PUnknown;
  }
  QualType T = E->getType();
  if (T.isNull())
    return PUnknown;
  T = T.getNonReferenceType();
  if (T->isBooleanType() || T->isPointerType() || T->isRecordType())
    return PSuccess;
  if (T->isIntegralOrEnumerationType())
    return PFailure; // a non-zero status code is an error
  return PUnknown;
}

Pol OutcomeTests::comparePol(const Expr *L, BinaryOperatorKind Op,
                           const Expr *R) const {
  bool OL = refersOutcome(L), OR = refersOutcome(R);
  if (!OL && !OR)
    return PNone;
  if (OL && OR)
    return PUnknown;
  if (OR) {
    std::swap(L, R);
    switch (Op) {
    case BO_LT: Op = BO_GT; break;
    case BO_GT: Op = BO_LT; break;
    case BO_LE: Op = BO_GE; break;
    case BO_GE: Op = BO_LE; break;
    default: break;
    }
  }
  const Expr *K = strip(R);
  if (const auto *DR = dyn_cast<DeclRefExpr>(K))
    if (const auto *EC = dyn_cast<EnumConstantDecl>(DR->getDecl())) {
      bool Ok = successName(EC->getName());
      if (Op == BO_EQ)
        return Ok ? PSuccess : PFailure;
      if (Op == BO_NE)
        return Ok ? PFailure : PUnknown;
      return PUnknown;
    }
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(K)) {
    Pol P = barePol(L);
    bool Same = (Op == BO_EQ) == B->getValue();
    return (Op == BO_EQ || Op == BO_NE) ? (Same ? P : flip(P)) : PUnknown;
  }
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(K))
    return Op == BO_EQ ? PFailure : Op == BO_NE ? PSuccess : PUnknown;
  std::optional<int64_t> Known = constantInt(K, A.Ctx);
  if (!Known)
    return PUnknown;
  int64_t V = *Known;
  bool IsEnum = strip(L)->getType()->isEnumeralType();
  if (V >= 100 && V < 600) { // an HTTP status
    bool Good = V >= 200 && V < 400;
    switch (Op) {
    case BO_EQ: return Good ? PSuccess : PFailure;
    case BO_NE: return Good ? PFailure : PUnknown;
    case BO_LT: return V <= 500 ? PSuccess : PUnknown;
    case BO_LE: return V < 500 ? PSuccess : PUnknown;
    case BO_GE: return V >= 400 ? PFailure : V <= 300 ? PSuccess : PUnknown;
    case BO_GT: return V >= 399 ? PFailure : V < 300 ? PSuccess : PUnknown;
    default: return PUnknown;
    }
  }
  switch (Op) {
  case BO_EQ: return V == 0 ? PSuccess : V < 0 ? PFailure : IsEnum ? PFailure : PUnknown;
  case BO_NE: return V == 0 ? PFailure : V < 0 ? PSuccess : PUnknown;
  case BO_LT: return V <= 0 ? PFailure : PUnknown;
  case BO_LE: return V <= 0 ? PFailure : PUnknown;
  case BO_GE: return V == 0 ? PSuccess : PUnknown;
  case BO_GT: return V == 0 ? (IsEnum ? PFailure : PSuccess)
                            : V < 0 ? PSuccess : PUnknown;
  default: return PUnknown;
  }
}

bool OutcomeTests::namesVar(const std::string &Name,
                          const llvm::DenseSet<const VarDecl *> &Vars) const {
  return llvm::any_of(Vars, [&](const VarDecl *V) {
    return V->getIdentifier() && V->getName() == Name;
  });
}

bool OutcomeTests::namesOutcome(llvm::ArrayRef<std::string> Names) const {
  for (const std::string &N : Names) {
    if (namesVar(N, O.RawOutcomes) || namesVar(N, O.Outputs))
      return true;
    for (const auto &KV : O.Flags)
      if (KV.first->getIdentifier() && KV.first->getName() == N)
        return true;
  }
  return false;
}

Pol OutcomeTests::recoveredPol(const Expr *E) const {
  llvm::SmallVector<RecoveredPart, 4> Parts;
  bool AnyOr = false;
  if (!readRecoveredTest(E, A.SM, A.Ctx.getLangOpts(), Parts, AnyOr))
    return PNone;
  bool Success = false, Failure = false, Unknown = false;
  for (const RecoveredPart &P : Parts) {
    bool OL = namesOutcome(P.Left), OR = namesOutcome(P.Right);
    Pol Part = PNone;
    if (OL && OR) {
      Part = PUnknown;
    } else if (OL || OR) {
      Part = PUnknown;
      const auto &Other = OL ? P.Right : P.Left;
      bool OtherNumber = OL ? P.RightNumber : P.LeftNumber;
      if (!P.Op) {
        // `!ok` where `ok` is a flag.
        for (const auto &KV : O.Flags)
          if (P.Left.size() == 1 && KV.first->getIdentifier() &&
              KV.first->getName() == P.Left[0])
            Part = P.Negated ? flip(KV.second) : KV.second;
      } else if (*P.Op == BO_EQ || *P.Op == BO_NE) {
        bool Ok = false, Known = false;
        if (!Other.empty()) {
          Ok = successName(Other.back());
          Known = true;
        } else if (OtherNumber && OL) {
          long long V = 0;
          if (!llvm::StringRef(P.RightText).getAsInteger(0, V)) {
            Known = V == 0 || (V >= 200 && V < 600);
            Ok = V == 0 || (V >= 200 && V < 400);
          }
        }
        if (Known)
          Part = *P.Op == BO_EQ ? (Ok ? PSuccess : PFailure)
                                : (Ok ? PFailure : PUnknown);
      }
    }
    if (Part == PSuccess)
      Success = true;
    else if (Part == PFailure)
      Failure = true;
    else if (Part == PUnknown)
      Unknown = true;
  }
  // Like `&&`: a known side decides; sides that disagree are false on
  // failure.
  Pol Result = Success && Failure ? PFailure
               : Success          ? PSuccess
               : Failure          ? PFailure
               : Unknown          ? PUnknown
                                  : PNone;
  if (AnyOr && Result != PNone)
    return PUnknown;
  return Result;
}

bool OutcomeTests::mentionsCounter(const Expr *E) const {
  llvm::SmallVector<RecoveredPart, 4> Parts;
  bool AnyOr = false;
  if (!readRecoveredTest(E, A.SM, A.Ctx.getLangOpts(), Parts, AnyOr))
    return false;
  for (const RecoveredPart &P : Parts)
    for (const auto *Side : {&P.Left, &P.Right})
      for (const std::string &N : *Side)
        if (namesVar(N, O.Counters))
          return true;
  return false;
}

Pol OutcomeTests::test(const Expr *E, unsigned Depth) const {
  if (!E)
    return PNone;
  if (Depth >= MaxWalkDepth)
    return PUnknown;
  E = strip(E);
  if (isa<RecoveryExpr>(E))
    return recoveredPol(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_LNot)
      return flip(test(UO->getSubExpr(), Depth + 1));
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Exclaim && OC->getNumArgs() == 1)
      return flip(test(OC->getArg(0), Depth + 1));
  // A known side decides over an unknown one: `res && !retryable(res)` is
  // true only on success. When the sides disagree, `||` is true on success
  // (`rc == CURLE_OK || rc == CURLE_GOT_NOTHING`), `&&` false on failure.
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      Pol L = test(BO->getLHS(), Depth + 1), R = test(BO->getRHS(), Depth + 1);
      auto Known = [](Pol P) { return P == PSuccess || P == PFailure; };
      if (Known(L) && Known(R) && L != R)
        return BO->getOpcode() == BO_LOr ? PSuccess : PFailure;
      if (Known(L))
        return L;
      if (Known(R))
        return R;
      return combine(L, R);
    }
  const Expr *L, *R;
  if (auto Op = comparisonOf(E, L, R))
    return comparePol(L, *Op, R);
  return barePol(E);
}

} // namespace recognizer
} // namespace model
} // namespace resilience
