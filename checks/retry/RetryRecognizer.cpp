//===--- RetryRecognizer.cpp - Does this loop repeat a failed call --------===//
//
// See RetryLoop.h for the shapes. The steps: find the remote calls of the
// loop (nested loops are judged on their own); find the outcome variables
// and flags; walk the body keeping the tests that guard each statement, to
// find the exits and their polarity and the delays on the retry path, and
// whether an exit waits for the response's content; reject polls (every
// success exit waits for the content) and loops whose target changes per
// iteration; find what bounds the loop.
//
//===----------------------------------------------------------------------===//

#include "ast/AstDepth.h"
#include "ast/BoundValues.h"
#include "retry/RetryLoopInternals.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang;

namespace resilience {
namespace model {

namespace {

enum Pol : unsigned char { PNone, PSuccess, PFailure, PUnknown };

Pol flip(Pol P) {
  return P == PSuccess ? PFailure : P == PFailure ? PSuccess : P;
}

Pol combine(Pol A, Pol B) {
  if (A == PNone)
    return B;
  if (B == PNone)
    return A;
  return A == B ? A : PUnknown;
}

bool successName(llvm::StringRef N) {
  return N.ends_with("OK") || N.ends_with("_OK") || N.ends_with("Ok") ||
         N.ends_with("SUCCESS") || N.ends_with("Success") ||
         N.ends_with("NoError") || N.ends_with("NO_ERROR") ||
         // `XML_ERROR_NONE`, `ErrorNone`: the "no error" value of an error
         // enum (a result compared with it failed when it differs).
         N.ends_with("ERROR_NONE") || N.ends_with("ErrorNone") ||
         N.ends_with("ERR_NONE");
}

struct Guard {
  const Expr *Cond; // null for the pseudo-guards of try and catch
  Pol P;
};

struct Exit {
  Pol P;
  llvm::SmallVector<const Expr *, 4> Guards;
  /// A guard tests the response's content: leaving waits for what the
  /// server says, not for the call to work.
  bool Content = false;
};

class Recognizer {
public:
  Recognizer(RetryLoopAnalysis::Impl &A, const Stmt *Loop,
             const FunctionDecl *Fn, llvm::ArrayRef<const CallExpr *> Known)
      : A(A), Loop(Loop), Fn(Fn), KnownRemote(Known.begin(), Known.end()),
        Contents(A) {
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

  std::unique_ptr<RetrySummary> run();

private:
  // Parts of the loop that run every iteration.
  template <typename F> void eachPart(F Fn_) {
    if (Cond)
      Fn_(static_cast<const Stmt *>(Cond));
    if (Body)
      Fn_(Body);
    if (Inc)
      Fn_(Inc);
  }

  bool isOutcomeExpr(const Expr *E) const;
  bool isErrorCode(QualType T) const;
  bool refersOutcome(const Expr *E) const;
  Pol barePol(const Expr *E) const;
  Pol test(const Expr *E) const;
  Pol comparePol(const Expr *L, BinaryOperatorKind Op, const Expr *R) const;
  Pol currentPol() const;
  /// A test clang could not type (partial context), read from its text.
  Pol recoveredPol(const Expr *E) const;
  bool namesVar(const std::string &Name,
                const llvm::DenseSet<const VarDecl *> &Vars) const;
  bool namesOutcome(llvm::ArrayRef<std::string> Names) const;
  bool mentionsCounter(const Expr *E) const;

  void findOutcomes();
  void walk(const Stmt *S);
  void walkSwitch(const SwitchStmt *S);
  void addExit();
  bool underContentTest() const;
  bool targetVaries();
  LoopBound findBound(const VarDecl *&Uncompared, const Expr *&BoundTest);
  bool isTimeExpr(const Expr *E) const;

  RetryLoopAnalysis::Impl &A;
  const Stmt *Loop;
  const FunctionDecl *Fn;
  llvm::DenseSet<const CallExpr *> KnownRemote;
  const Stmt *Body = nullptr, *Inc = nullptr;
  const Expr *Cond = nullptr;

  llvm::SmallVector<const CallExpr *, 4> Remotes;
  llvm::DenseSet<const CallExpr *> RemoteSet;
  bool EventLoop = false;
  llvm::DenseMap<const VarDecl *, Pol> Flags;
  llvm::DenseSet<const VarDecl *> RawOutcomes, Outputs, DeclaredInside,
      Counters, Scaled;
  /// Error codes the remote calls fill in (`http::write(s, req, ec)`).
  llvm::DenseSet<const VarDecl *> ErrorOutputs;

  // Walk state.
  llvm::SmallVector<Guard, 8> Guards;
  unsigned Nested = 0, Switches = 0;
  bool Recording = false;
  /// How deep walk() is: past MaxWalkDepth it stops descending (silent).
  unsigned WalkDepth = 0;
  llvm::SmallVector<Exit, 8> Exits;
  llvm::SmallVector<const Expr *, 8> BoundTests; // set by findBound
  llvm::SmallVector<std::pair<const CallExpr *, Pol>, 4> Delays;
  /// A sleep whose argument clang could not type (partial context) waits on
  /// the retry path: its length is unknown.
  bool RecoveredDelay = false;
  bool isRecoveredSleep(const RecoveryExpr *RE) const;
  /// In a translation unit with errors, clang drops a statement such as
  /// `sleep_for(kRetryDelay)` whose argument it cannot resolve: the loop's
  /// text still names a sleep.
  bool droppedSleep() const;
  ContentTests Contents;
};

bool Recognizer::isOutcomeExpr(const Expr *E) const {
  E = strip(E);
  if (!E)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return isOutcomeExpr(BO->getRHS());
  if (const auto *V = refVar(E))
    return RawOutcomes.count(V) || Flags.count(V) || ErrorOutputs.count(V);
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    if (RemoteSet.count(C))
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
      if (Outputs.count(V) && A.isErrorField(ME->getMemberDecl()))
        return true;
    return isOutcomeExpr(ME->getBase());
  }
  return false;
}

/// A type the knowledge lists as an error code: true when it holds one.
bool Recognizer::isErrorCode(QualType T) const {
  if (T.isNull())
    return false;
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && A.ErrorCodeTypes.matches(RD);
}

bool Recognizer::refersOutcome(const Expr *E) const {
  bool Found = false;
  forEachSubStmt(E, true, [&](const Stmt *S) {
    if (!Found)
      if (const auto *X = dyn_cast<Expr>(S))
        Found = isOutcomeExpr(X);
  });
  return Found;
}

Pol Recognizer::barePol(const Expr *E) const {
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return barePol(BO->getRHS());
  if (const VarDecl *V = refVar(E)) {
    auto It = Flags.find(V);
    if (It != Flags.end())
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

Pol Recognizer::comparePol(const Expr *L, BinaryOperatorKind Op,
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

bool Recognizer::namesVar(const std::string &Name,
                          const llvm::DenseSet<const VarDecl *> &Vars) const {
  return llvm::any_of(Vars, [&](const VarDecl *V) {
    return V->getIdentifier() && V->getName() == Name;
  });
}

bool Recognizer::namesOutcome(llvm::ArrayRef<std::string> Names) const {
  for (const std::string &N : Names) {
    if (namesVar(N, RawOutcomes) || namesVar(N, Outputs))
      return true;
    for (const auto &KV : Flags)
      if (KV.first->getIdentifier() && KV.first->getName() == N)
        return true;
  }
  return false;
}

Pol Recognizer::recoveredPol(const Expr *E) const {
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
        for (const auto &KV : Flags)
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

/// `sleep_for(kRetryDelay)` with kRetryDelay from a missing header: clang
/// keeps the callee's name as the first child of the RecoveryExpr.
bool Recognizer::isRecoveredSleep(const RecoveryExpr *RE) const {
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

bool Recognizer::droppedSleep() const {
  if (!A.Ctx.getDiagnostics().hasErrorOccurred() || !Body)
    return false;
  CharSourceRange Range = A.SM.getExpansionRange(Body->getSourceRange());
  llvm::StringRef Text =
      Lexer::getSourceText(Range, A.SM, A.Ctx.getLangOpts());
  std::string Lower = Text.lower();
  for (const auto *Hints : {&A.SleepHints, &A.BackoffHints})
    for (const std::string &H : *Hints)
      if (llvm::StringRef(Lower).contains(H)) {
        // Only a name the AST of the loop does not hold.
        bool InAst = false;
        forEachSubStmt(Body, true, [&](const Stmt *S) {
          if (const auto *C = dyn_cast<CallExpr>(S))
            if (const FunctionDecl *FD = C->getDirectCallee())
              if (FD->getIdentifier() &&
                  FD->getName().lower().find(H) != std::string::npos)
                InAst = true;
        });
        if (!InAst)
          return true;
      }
  return false;
}

bool Recognizer::mentionsCounter(const Expr *E) const {
  llvm::SmallVector<RecoveredPart, 4> Parts;
  bool AnyOr = false;
  if (!readRecoveredTest(E, A.SM, A.Ctx.getLangOpts(), Parts, AnyOr))
    return false;
  for (const RecoveredPart &P : Parts)
    for (const auto *Side : {&P.Left, &P.Right})
      for (const std::string &N : *Side)
        if (namesVar(N, Counters))
          return true;
  return false;
}

Pol Recognizer::test(const Expr *E) const {
  if (!E)
    return PNone;
  E = strip(E);
  if (isa<RecoveryExpr>(E))
    return recoveredPol(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_LNot)
      return flip(test(UO->getSubExpr()));
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Exclaim && OC->getNumArgs() == 1)
      return flip(test(OC->getArg(0)));
  // A known side decides over an unknown one: `res && !retryable(res)` is
  // true only on success. When the sides disagree, `||` is true on success
  // (`rc == CURLE_OK || rc == CURLE_GOT_NOTHING`), `&&` false on failure.
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      Pol L = test(BO->getLHS()), R = test(BO->getRHS());
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

Pol Recognizer::currentPol() const {
  for (auto It = Guards.rbegin(); It != Guards.rend(); ++It)
    if (It->P == PSuccess || It->P == PFailure)
      return It->P;
  return PNone;
}

void Recognizer::findOutcomes() {
  auto ContainsRemote = [&](const Stmt *S) {
    bool Found = false;
    forEachSubStmt(S, false, [&](const Stmt *N) {
      if (const auto *C = dyn_cast<CallExpr>(N))
        Found |= RemoteSet.count(C) > 0;
    });
    return Found;
  };
  // Results of remote calls, and what remote calls write through pointers.
  eachPart([&](const Stmt *Part) {
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
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    if (F->getInit())
      forEachSubStmt(F->getInit(), false, [&](const Stmt *S) {
        if (const auto *DS = dyn_cast<DeclStmt>(S))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              if (V->getInit() && ContainsRemote(V->getInit()))
                RawOutcomes.insert(V);
      });
  // `for (d = 1; d <= kMax; d <<= 1)`: whatever the increment updates.
  if (Inc)
    forEachSubStmt(Inc, false, [&](const Stmt *S) {
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
  eachPart([&](const Stmt *Part) {
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
      if (isErrorCode(Out->getType()))
        ErrorOutputs.insert(Out);
    }
  }
  // Flags computed from an outcome: `ok = (rc == CURLE_OK)`.
  for (int Round = 0; Round < 2; ++Round)
    eachPart([&](const Stmt *Part) {
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
        Pol P = test(Value);
        if (P == PSuccess || P == PFailure)
          Flags[V] = P;
      });
    });
}

void Recognizer::addExit() {
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

bool Recognizer::underContentTest() const {
  return llvm::any_of(Guards, [&](const Guard &G) {
    return G.Cond && Contents.isContentTest(G.Cond);
  });
}

void Recognizer::walkSwitch(const SwitchStmt *S) {
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
        P = comparePol(S->getCond(), BO_EQ, Case->getLHS());
      Guards.push_back({S->getCond(), P});
      while (const auto *Nested = dyn_cast_or_null<SwitchCase>(Inner))
        Inner = Nested->getSubStmt();
    }
    walk(Inner);
  }
  Guards.resize(Base);
  --Switches;
}

void Recognizer::walk(const Stmt *S) {
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
    Pol P = test(If->getCond());
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
          Guards.push_back({If->getCond(), flip(test(If->getCond()))});
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
        HasRemote |= RemoteSet.count(C) > 0;
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
          if (!RawOutcomes.count(V) && !Flags.count(V)) {
            // `done = true;` under `if (op.done())` holds a content test.
            if (underContentTest())
              Contents.markContent(V);
            Pol P = currentPol();
            if (P == PSuccess || P == PFailure)
              Flags[V] = B->getValue() ? P : flip(P);
          }
  for (const Stmt *C : S->children())
    walk(C);
}

/// A loop whose request changes with the iteration fetches different
/// things: successive items (`urls[i]`, `*it`), pages (`req.set_page_token(
/// resp.next_page_token())`, `cursor = next`), not the same one again.
bool Recognizer::targetVaries() {
  // Variables written in the loop with a value that depends on the
  // response, on themselves, or on a counter.
  llvm::DenseSet<const VarDecl *> Advanced(Counters.begin(), Counters.end());
  auto Advancing = [&](const VarDecl *V, const Expr *Value) {
    if (!V || DeclaredInside.count(V) || RawOutcomes.count(V) ||
        Outputs.count(V))
      return;
    // The request a retry policy hands back is the same one again.
    if (A.isPolicyCall(Value))
      return;
    if (refersToAny(Value, [&](const VarDecl *X) {
          return X == V || RawOutcomes.count(X) || Outputs.count(X) ||
                 Counters.count(X);
        }))
      Advanced.insert(V);
  };
  eachPart([&](const Stmt *Part) {
    forEachSubStmt(Part, false, [&](const Stmt *S) {
      if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
        if (BO->isAssignmentOp())
          Advancing(writtenVar(BO->getLHS()), BO->getRHS());
      } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S)) {
        // The request itself writes its outputs, it does not advance.
        const CXXMethodDecl *MD = MC->getMethodDecl();
        if (MD && !MD->isConst() && MC->getNumArgs() > 0 &&
            !RemoteSet.count(MC))
          for (const Expr *Arg : MC->arguments())
            Advancing(writtenVar(MC->getImplicitObjectArgument()), Arg);
      } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
        if (OC->isAssignmentOp() && OC->getNumArgs() == 2)
          Advancing(writtenVar(OC->getArg(0)), OC->getArg(1));
      }
    });
  });
  // Loop-local variables computed from advancing ones advance too.
  for (int Round = 0; Round < 3; ++Round)
    for (const VarDecl *V : DeclaredInside)
      if (V->getInit() && !RawOutcomes.count(V) &&
          refersToAny(V->getInit(),
                      [&](const VarDecl *X) { return Advanced.count(X); }))
        Advanced.insert(V);

  // What the request reads: its arguments, its object, and the arguments
  // of calls that configure the same handle (`curl_easy_setopt(h, ...)`).
  llvm::DenseSet<const VarDecl *> Handles;
  llvm::SmallVector<const Expr *, 8> Inputs;
  for (const CallExpr *C : Remotes) {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C)) {
      Inputs.push_back(MC->getImplicitObjectArgument());
      if (const VarDecl *V = writtenVar(MC->getImplicitObjectArgument()))
        Handles.insert(V);
    }
    for (unsigned I = 0; I < C->getNumArgs(); ++I) {
      Inputs.push_back(C->getArg(I));
      if (I == 0)
        if (const VarDecl *V = refVar(C->getArg(0)))
          Handles.insert(V);
    }
  }
  eachPart([&](const Stmt *Part) {
    forEachSubStmt(Part, false, [&](const Stmt *S) {
      const auto *C = dyn_cast<CallExpr>(S);
      if (!C || RemoteSet.count(C) || A.isDirectDelay(C))
        return;
      const Expr *First = nullptr;
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
        First = MC->getImplicitObjectArgument();
      else if (C->getNumArgs() > 0 && !isa<CXXOperatorCallExpr>(C))
        First = C->getArg(0);
      const VarDecl *V = First ? writtenVar(First) : nullptr;
      if (V && Handles.count(V))
        for (const Expr *Arg : C->arguments())
          Inputs.push_back(Arg);
    });
  });
  for (const Expr *In : Inputs)
    if (refersToAny(In, [&](const VarDecl *X) { return Advanced.count(X); }))
      return true;
  return false;
}

bool Recognizer::isTimeExpr(const Expr *E) const {
  bool Found = false;
  forEachSubStmt(E, true, [&](const Stmt *S) {
    if (Found)
      return;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *FD = C->getDirectCallee())
        if (A.Clocks.matches(FD)) {
          Found = true;
          return;
        }
    if (const auto *X = dyn_cast<Expr>(S)) {
      QualType T = X->getType();
      if (!T.isNull())
        if (const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl())
          Found = A.TimeTypes.matches(RD);
    }
  });
  return Found;
}

LoopBound Recognizer::findBound(const VarDecl *&Uncompared,
                                const Expr *&BoundTest) {
  llvm::SmallVector<const Expr *, 8> Tests;
  if (Cond)
    Tests.push_back(Cond);
  for (const Exit &E : Exits)
    Tests.append(E.Guards.begin(), E.Guards.end());
  BoundTests.assign(Tests.begin(), Tests.end());
  LoopBound Best = LoopBound::None;
  BoundTest = nullptr;
  for (const Expr *T : Tests) {
    LoopBound Before = Best;
    forEachSubStmt(T, true, [&](const Stmt *S) {
      const auto *X = dyn_cast<Expr>(S);
      if (!X)
        return;
      // `attempt < kMaxAttempts` with the limit from a missing header.
      if (isa<RecoveryExpr>(X) && mentionsCounter(X))
        Best = LoopBound::AttemptCounter;
      const Expr *L, *R;
      if (comparisonOf(X, L, R)) {
        auto IsCounter = [&](const VarDecl *V) { return Counters.count(V); };
        if (refersToAny(L, IsCounter) || refersToAny(R, IsCounter))
          Best = LoopBound::AttemptCounter;
        else if (Best == LoopBound::None && (isTimeExpr(L) || isTimeExpr(R)))
          Best = LoopBound::Deadline;
      }
      if (const auto *C = dyn_cast<CallExpr>(X)) {
        // A same-file predicate that compares the attempt with a limit.
        if (A.predicateCapsAttempts(
                C, [&](const VarDecl *V) { return Counters.count(V) > 0; }))
          Best = LoopBound::AttemptCounter;
        else if (Best == LoopBound::None && A.isPolicyCall(C))
          Best = LoopBound::Policy;
      }
    });
    // `while (retries--)`: a counter tested for zero.
    const Expr *Bare = strip(T);
    if (const auto *UO = dyn_cast<UnaryOperator>(Bare))
      Bare = strip(UO->getSubExpr());
    if (const VarDecl *V = refVar(Bare))
      if (Counters.count(V))
        Best = LoopBound::AttemptCounter;
    if (Best != Before)
      BoundTest = T;
  }
  Uncompared = nullptr;
  if (Best == LoopBound::None)
    for (const VarDecl *V : Counters)
      if (V->getType()->isIntegerType() && !Outputs.count(V)) {
        // Compared anywhere in the function (a guard we did not see)?
        bool Compared = false;
        forEachSubStmt(Fn->getBody(), true, [&](const Stmt *S) {
          const auto *X = dyn_cast<Expr>(S);
          const Expr *L, *R;
          if (!Compared && X && comparisonOf(X, L, R))
            Compared = refersToAny(X, [&](const VarDecl *Y) { return Y == V; });
          llvm::SmallVector<RecoveredPart, 4> Parts;
          bool AnyOr = false;
          if (!Compared && X && V->getIdentifier() &&
              readRecoveredTest(X, A.SM, A.Ctx.getLangOpts(), Parts, AnyOr))
            for (const RecoveredPart &P : Parts)
              Compared |= llvm::is_contained(P.Left, V->getName().str()) ||
                          llvm::is_contained(P.Right, V->getName().str());
        });
        if (!Compared && (!Uncompared ||
                          V->getLocation() < Uncompared->getLocation()))
          Uncompared = V;
      }
  return Best;
}

std::unique_ptr<RetrySummary> Recognizer::run() {
  if (!Body)
    return nullptr;
  eachPart([&](const Stmt *Part) {
    forEachSubStmt(Part, true, [&](const Stmt *S) {
      if (const auto *C = dyn_cast<CallExpr>(S))
        if (A.Classifier.classify(C) == CallRole::EventLoop)
          EventLoop = true;
    });
    forEachSubStmt(Part, false, [&](const Stmt *S) {
      if (const auto *C = dyn_cast<CallExpr>(S))
        if ((KnownRemote.count(C) || A.isRemote(C)) &&
            RemoteSet.insert(C).second)
          Remotes.push_back(C);
    });
  });
  if (Remotes.empty() || EventLoop)
    return nullptr;
  // A body that always leaves, with no `continue`, never repeats anything.
  if (alwaysLeaves(Body)) {
    bool Continues = false;
    forEachSubStmt(Body, false, [&](const Stmt *S) {
      Continues |= isa<ContinueStmt>(S);
    });
    if (!Continues)
      return nullptr;
  }

  findOutcomes();
  for (const VarDecl *V : RawOutcomes)
    Contents.addResponse(V);
  for (const VarDecl *V : Outputs)
    Contents.addResponse(V);
  for (const CallExpr *C : Remotes)
    Contents.addRemote(C);
  llvm::SmallVector<const Stmt *, 3> Parts;
  eachPart([&](const Stmt *Part) { Parts.push_back(Part); });
  Contents.learn(Remotes, Parts, Fn);
  // Two passes: the first learns `done = true` flags, the second records.
  walk(Body);
  Guards.clear();
  Recording = true;
  walk(Body);

  // A poll is not a retry: when every exit on success is also guarded by
  // a test of the response's content (`r && r->status == 200 &&
  // job_done(r->body)`, `s.ok() && op.done()`), or the condition that keeps
  // the loop going tests the content (`while (!op.done())`), the loop
  // repeats requests that worked until the server reports a state. That a
  // transport failure also goes round again (`if (!res) continue;`) does
  // not make it a retry loop.
  Pol CondPol = test(Cond);
  bool CondPolls = Cond && Contents.isContentTest(Cond);
  bool SuccessExit = llvm::any_of(Exits, [](const Exit &E) {
    return E.P == PSuccess && !E.Content;
  });
  bool Retries = (CondPol == PFailure && !CondPolls) ||
                 (SuccessExit && CondPol != PSuccess);
  if (!Retries || targetVaries())
    return nullptr;

  auto S = std::make_unique<RetrySummary>();
  S->Loop = Loop;
  S->Header = Loop->getBeginLoc();
  S->Remote = Remotes.front();
  S->RemoteName = calleeDisplayName(S->Remote);
  for (const auto &D : Delays) {
    if (D.second == PSuccess)
      continue;
    S->Delay = D.first;
    break;
  }
  if (S->Delay) {
    const FunctionDecl *FD = S->Delay->getDirectCallee();
    if (FD && A.isBackoffHelper(FD)) {
      S->FromBackoffHelper = true;
      S->Growth = DelayGrowth::Exponential;
      S->Ceiling = S->Random = true;
    } else {
      DelayEvidence E = delayEvidence(A, S->Delay, Fn, Body);
      S->Growth = E.Exp      ? DelayGrowth::Exponential
                  : E.Linear ? DelayGrowth::Linear
                             : DelayGrowth::Constant;
      S->Ceiling = E.Ceiling;
      S->Random = E.Random;
      S->DelayUnknown = E.Opaque && !E.Random;
    }
  }
  if (!S->Delay && (RecoveredDelay || droppedSleep()))
    S->DelayUnknown = true;
  S->Bound = findBound(S->UncomparedCounter, S->BoundTest);
  S->Tests.assign(BoundTests.begin(), BoundTests.end());
  S->Remotes.assign(Remotes.begin(), Remotes.end());
  // A delay that is itself compared with a limit in the loop's tests
  // (`for (d = 1; d <= kMax; d <<= 1) sleep(d);`) has that ceiling. An
  // attempt counter compared with the attempt cap is not a delay ceiling.
  if (S->Delay && !S->Ceiling && S->Growth == DelayGrowth::Exponential) {
    llvm::DenseSet<const VarDecl *> InDelay, Seen;
    // What the delay reads, following loop-local initializers
    // (`double t = debt + jitter; usleep(t * 1e6);`).
    llvm::SmallVector<const Expr *, 8> Work(S->Delay->arg_begin(),
                                             S->Delay->arg_end());
    while (!Work.empty()) {
      const Expr *E = Work.pop_back_val();
      forEachSubStmt(E, true, [&](const Stmt *N) {
        const VarDecl *V = refVar(dyn_cast<Expr>(N));
        if (!V || !Seen.insert(V).second)
          return;
        if (Scaled.count(V))
          InDelay.insert(V);
        else if (DeclaredInside.count(V) && V->getInit())
          Work.push_back(V->getInit());
      });
    }
    for (const Expr *T : BoundTests)
      forEachSubStmt(T, true, [&](const Stmt *N) {
        const auto *X = dyn_cast<Expr>(N);
        const Expr *L, *R;
        if (X && comparisonOf(X, L, R) &&
            refersToAny(X, [&](const VarDecl *V) { return InDelay.count(V); }))
          S->Ceiling = true;
      });
  }
  return S;
}

} // namespace

std::unique_ptr<RetrySummary>
recognizeRetryLoop(RetryLoopAnalysis::Impl &A, const Stmt *Loop,
                   const FunctionDecl *Fn,
                   llvm::ArrayRef<const CallExpr *> KnownRemote) {
  Recognizer R(A, Loop, Fn, KnownRemote);
  return R.run();
}

} // namespace model
} // namespace resilience
