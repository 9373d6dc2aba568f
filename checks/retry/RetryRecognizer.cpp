//===--- RetryRecognizer.cpp - Does this loop repeat a failed call --------===//
//
// See RetryLoop.h for the shapes. The steps: find the remote calls of the
// loop (nested loops are judged on their own); find the outcome variables
// and flags (OutcomeTests.cpp); walk the body keeping the tests that guard
// each statement, to find the exits and their polarity and the delays on
// the retry path, and whether an exit waits for the response's content
// (LoopExits.cpp); reject polls (every success exit waits for the content)
// and loops whose target changes per iteration; find what bounds the loop.
//
//===----------------------------------------------------------------------===//

#include "ast/AstDepth.h"
#include "ast/BoundValues.h"
#include "retry/OutcomeTests.h"
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

using namespace recognizer;

class Recognizer {
public:
  Recognizer(RetryLoopAnalysis::Impl &A, const Stmt *Loop,
             const FunctionDecl *Fn, llvm::ArrayRef<const CallExpr *> Known)
      : A(A), Loop(Loop), Fn(Fn), KnownRemote(Known.begin(), Known.end()),
        Pieces(Loop), Body(Pieces.Body), Cond(Pieces.Cond),
        Reader(A, Outcomes), Contents(A), Walk(A, Outcomes, Reader, Contents) {}

  std::unique_ptr<RetrySummary> run();

private:
  // Parts of the loop that run every iteration.
  template <typename F> void eachPart(F Fn_) { Pieces.each(Fn_); }

  bool targetVaries();
  LoopBound findBound(const VarDecl *&Uncompared, const Expr *&BoundTest);
  bool isTimeExpr(const Expr *E) const;
  /// In a translation unit with errors, clang drops a statement such as
  /// `sleep_for(kRetryDelay)` whose argument it cannot resolve: the loop's
  /// text still names a sleep.
  bool droppedSleep() const;

  RetryLoopAnalysis::Impl &A;
  const Stmt *Loop;
  const FunctionDecl *Fn;
  llvm::DenseSet<const CallExpr *> KnownRemote;
  LoopParts Pieces;
  const Stmt *Body;
  const Expr *Cond;

  llvm::SmallVector<const CallExpr *, 4> Remotes;
  bool EventLoop = false;
  /// The outcome variables and flags, and the reading of tests.
  LoopOutcomes Outcomes;
  OutcomeTests Reader;
  ContentTests Contents;
  /// The exits and delays of the body.
  LoopExits Walk;
  llvm::SmallVector<const Expr *, 8> BoundTests; // set by findBound
};

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

/// A loop whose request changes with the iteration fetches different
/// things: successive items (`urls[i]`, `*it`), pages (`req.set_page_token(
/// resp.next_page_token())`, `cursor = next`), not the same one again.
bool Recognizer::targetVaries() {
  // Variables written in the loop with a value that depends on the
  // response, on themselves, or on a counter.
  llvm::DenseSet<const VarDecl *> Advanced(Outcomes.Counters.begin(),
                                           Outcomes.Counters.end());
  auto Advancing = [&](const VarDecl *V, const Expr *Value) {
    if (!V || Outcomes.DeclaredInside.count(V) ||
        Outcomes.RawOutcomes.count(V) || Outcomes.Outputs.count(V))
      return;
    // The request a retry policy hands back is the same one again.
    if (A.isPolicyCall(Value))
      return;
    if (refersToAny(Value, [&](const VarDecl *X) {
          return X == V || Outcomes.RawOutcomes.count(X) ||
                 Outcomes.Outputs.count(X) || Outcomes.Counters.count(X);
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
            !Outcomes.RemoteSet.count(MC))
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
    for (const VarDecl *V : Outcomes.DeclaredInside)
      if (V->getInit() && !Outcomes.RawOutcomes.count(V) &&
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
      if (!C || Outcomes.RemoteSet.count(C) || A.isDirectDelay(C))
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
  for (const Exit &E : Walk.Exits)
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
      if (isa<RecoveryExpr>(X) && Reader.mentionsCounter(X))
        Best = LoopBound::AttemptCounter;
      const Expr *L, *R;
      if (comparisonOf(X, L, R)) {
        auto IsCounter = [&](const VarDecl *V) {
          return Outcomes.Counters.count(V);
        };
        if (refersToAny(L, IsCounter) || refersToAny(R, IsCounter))
          Best = LoopBound::AttemptCounter;
        else if (Best == LoopBound::None && (isTimeExpr(L) || isTimeExpr(R)))
          Best = LoopBound::Deadline;
      }
      if (const auto *C = dyn_cast<CallExpr>(X)) {
        // A same-file predicate that compares the attempt with a limit.
        if (A.predicateCapsAttempts(C, [&](const VarDecl *V) {
              return Outcomes.Counters.count(V) > 0;
            }))
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
      if (Outcomes.Counters.count(V))
        Best = LoopBound::AttemptCounter;
    if (Best != Before)
      BoundTest = T;
  }
  Uncompared = nullptr;
  if (Best == LoopBound::None)
    for (const VarDecl *V : Outcomes.Counters)
      if (V->getType()->isIntegerType() && !Outcomes.Outputs.count(V)) {
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
            Outcomes.RemoteSet.insert(C).second)
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

  Outcomes.find(Pieces, Remotes, Reader);
  for (const VarDecl *V : Outcomes.RawOutcomes)
    Contents.addResponse(V);
  for (const VarDecl *V : Outcomes.Outputs)
    Contents.addResponse(V);
  for (const CallExpr *C : Remotes)
    Contents.addRemote(C);
  llvm::SmallVector<const Stmt *, 3> Parts;
  eachPart([&](const Stmt *Part) { Parts.push_back(Part); });
  Contents.learn(Remotes, Parts, Fn);
  Walk.read(Body);

  // A poll is not a retry: when every exit on success is also guarded by
  // a test of the response's content (`r && r->status == 200 &&
  // job_done(r->body)`, `s.ok() && op.done()`), or the condition that keeps
  // the loop going tests the content (`while (!op.done())`), the loop
  // repeats requests that worked until the server reports a state. That a
  // transport failure also goes round again (`if (!res) continue;`) does
  // not make it a retry loop.
  Pol CondPol = Reader.test(Cond);
  bool CondPolls = Cond && Contents.isContentTest(Cond);
  bool SuccessExit = llvm::any_of(Walk.Exits, [](const Exit &E) {
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
  for (const auto &D : Walk.Delays) {
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
  if (!S->Delay && (Walk.RecoveredDelay || droppedSleep()))
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
        if (Outcomes.Scaled.count(V))
          InDelay.insert(V);
        else if (Outcomes.DeclaredInside.count(V) && V->getInit())
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
