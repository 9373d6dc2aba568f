//===--- RetryLayers.cpp - Retries under a retry loop ---------------------===//
//
// Handles are followed by declaration (a local variable or a field): the
// channel arguments that received a service config with a retryPolicy, the
// channel made from them, the stub made from the channel, and copies or
// moves of any of them, across the functions of the translation unit.
//
//===----------------------------------------------------------------------===//

#include "retry/RetryLayers.h"
#include "ast/BoundValues.h"
#include "retry/RetryLoopInternals.h"
#include "retry/RetryPolicyConfig.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace resilience {
namespace model {

RetryLayers::RetryLayers(ASTContext &Ctx, RetryLoopAnalysis &A,
                         std::vector<RetryingClient> Clients)
    : Ctx(Ctx), A(A), Clients(std::move(Clients)) {
  TimeTypes.add(retryKnowledge().TimeTypes);
}

RetryLayers::~RetryLayers() = default;

/// The declaration a handle expression names: `v`, `this->f`, `p->f`,
/// `*v`, `&v`, `v.get()`, `v->` (a smart pointer's arrow).
static const Decl *declOf(const Expr *E, unsigned Depth = 0) {
  E = strip(E);
  if (!E || Depth > 6)
    return nullptr;
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return dyn_cast<VarDecl>(DR->getDecl());
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
      return declOf(UO->getSubExpr(), Depth + 1);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if ((OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
        OC->getNumArgs() >= 1)
      return declOf(OC->getArg(0), Depth + 1);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (MC->getNumArgs() == 0 && MC->getMethodDecl() &&
        MC->getMethodDecl()->getIdentifier() &&
        MC->getMethodDecl()->getName() == "get")
      return declOf(MC->getImplicitObjectArgument(), Depth + 1);
  return nullptr;
}

/// The text of a string argument: a literal, or a constant initialized
/// with one (`const char kConfig[] = "..."`, `const std::string k = "..."`).
static std::optional<std::string> stringOf(const Expr *E) {
  E = strip(E);
  auto FirstLiteral = [](const Stmt *S) -> const StringLiteral * {
    const StringLiteral *Found = nullptr;
    forEachSubStmt(S, true, [&](const Stmt *N) {
      if (!Found)
        Found = dyn_cast<StringLiteral>(N);
    });
    return Found;
  };
  const StringLiteral *SL = FirstLiteral(E);
  if (!SL) // a constant, maybe wrapped in a std::string temporary
    forEachSubStmt(E, true, [&](const Stmt *N) {
      const auto *DR = dyn_cast<DeclRefExpr>(N);
      const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
      if (!SL && V && V->getInit())
        SL = FirstLiteral(V->getInit());
    });
  if (SL && (SL->isOrdinary() || SL->isUTF8()))
    return SL->getString().str();
  return std::nullopt;
}

namespace {
/// Every place a handle is configured or handed on.
struct HandleIndexer : RecursiveASTVisitor<HandleIndexer> {
  const SourceManager &SM;
  std::vector<const CallExpr *> Calls;
  std::vector<std::pair<const Decl *, const Expr *>> Flows;

  explicit HandleIndexer(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool inSystem(SourceLocation L) const {
    return L.isValid() && SM.isInSystemHeader(L);
  }
  bool VisitCallExpr(CallExpr *C) {
    if (!inSystem(C->getBeginLoc()))
      Calls.push_back(C);
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(C))
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
          !inSystem(C->getBeginLoc()))
        if (const Decl *D = declOf(OC->getArg(0)))
          Flows.push_back({D, OC->getArg(1)});
    return true;
  }
  bool VisitVarDecl(VarDecl *V) {
    if (V->getInit() && !inSystem(V->getLocation()))
      Flows.push_back({V, V->getInit()});
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign && !inSystem(BO->getBeginLoc()))
      if (const Decl *D = declOf(BO->getLHS()))
        Flows.push_back({D, BO->getRHS()});
    return true;
  }
  bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
    if (inSystem(CD->getLocation()))
      return true;
    for (const CXXCtorInitializer *I : CD->inits())
      if (I->isMemberInitializer() && I->isWritten())
        Flows.push_back({I->getMember(), I->getInit()});
    return true;
  }
};
} // namespace

void RetryLayers::indexHandles() {
  if (Indexed)
    return;
  Indexed = true;
  const RetryKnowledge &K = retryKnowledge();
  HandleIndexer Ix(Ctx.getSourceManager());
  Ix.TraverseDecl(Ctx.getTranslationUnitDecl());

  NameList ConfigSetters, ArgSetters, IntSetters, Factories;
  ConfigSetters.add(K.ServiceConfigSetters);
  ArgSetters.add(K.ChannelArgSetters);
  IntSetters.add(K.ChannelIntSetters);
  Factories.add(K.HandleFactories);
  llvm::DenseSet<const Decl *> Disabled;
  auto ObjectOf = [](const CallExpr *C) -> const Decl * {
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
      return declOf(MC->getImplicitObjectArgument());
    return nullptr;
  };
  for (const CallExpr *C : Ix.Calls) {
    const FunctionDecl *FD = C->getDirectCallee();
    if (!FD)
      continue;
    for (const RetryCountSetter &S : K.RetryCountSetters) {
      NameList N;
      N.add(S.Function);
      if (!N.matches(FD) || C->getNumArgs() <= std::max(S.CountArg,
                                                        S.HandleArg))
        continue;
      const Decl *H = declOf(C->getArg(S.HandleArg));
      if (!H)
        continue;
      HandleRetry R{C->getBeginLoc(), S.Library.str(), std::nullopt};
      std::optional<int64_t> Count = constantInt(C->getArg(S.CountArg), Ctx);
      if (Count && *Count >= 0 && *Count < (int64_t(1) << 31))
        R.Attempts = unsigned(*Count) + 1;
      Handles[H] = R;
    }
    const Decl *Obj = ObjectOf(C);
    if (!Obj)
      continue;
    std::optional<std::string> Json;
    if (ConfigSetters.matches(FD) && C->getNumArgs() >= 1) {
      Json = stringOf(C->getArg(0));
    } else if (ArgSetters.matches(FD) && C->getNumArgs() >= 2) {
      std::optional<std::string> Key = stringOf(C->getArg(0));
      if (Key && *Key == K.ServiceConfigArg)
        Json = stringOf(C->getArg(1));
    } else if (IntSetters.matches(FD) && C->getNumArgs() >= 2) {
      std::optional<std::string> Key = stringOf(C->getArg(0));
      Expr::EvalResult V;
      if (Key && *Key == K.RetryEnableArg &&
          !C->getArg(1)->isValueDependent() &&
          C->getArg(1)->EvaluateAsInt(V, Ctx) && V.Val.getInt().isZero())
        Disabled.insert(Obj);
    }
    if (!Json)
      continue;
    std::optional<unsigned> N = policyAttempts(*Json);
    if (!N)
      continue;
    HandleRetry R{C->getBeginLoc(), "gRPC", std::nullopt};
    if (*N > 0)
      R.Attempts = std::min(*N, K.MaxPolicyAttempts);
    Handles[Obj] = R;
  }
  for (const Decl *D : Disabled) {
    auto It = Handles.find(D);
    if (It != Handles.end())
      It->second.Attempts = 1;
  }
  // What a value made from a retrying handle inherits.
  std::function<const HandleRetry *(const Expr *, unsigned)> From =
      [&](const Expr *E, unsigned Depth) -> const HandleRetry * {
    E = strip(E);
    if (!E || Depth > 4)
      return nullptr;
    if (const Decl *D = declOf(E)) {
      auto It = Handles.find(D);
      return It == Handles.end() ? nullptr : &It->second;
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      for (const Expr *Arg : CE->arguments())
        if (const HandleRetry *R = From(Arg, Depth + 1))
          return R;
      return nullptr;
    }
    if (const auto *C = dyn_cast<CallExpr>(E))
      if (Factories.matches(C->getDirectCallee()))
        for (const Expr *Arg : C->arguments())
          if (const HandleRetry *R = From(Arg, Depth + 1))
            return R;
    return nullptr;
  };
  for (int Round = 0; Round < 4; ++Round)
    for (const auto &F : Ix.Flows)
      if (!Handles.count(F.first))
        if (const HandleRetry *R = From(F.second, 0)) {
          HandleRetry Copy = *R;
          Handles[F.first] = Copy;
        }
}

const RetryLayers::HandleRetry *
RetryLayers::handleOf(const CallExpr *C) const {
  auto Look = [&](const Expr *E) -> const HandleRetry * {
    const Decl *D = declOf(E);
    auto It = D ? Handles.find(D) : Handles.end();
    return It == Handles.end() ? nullptr : &It->second;
  };
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(C))
    if (const HandleRetry *R = Look(MC->getImplicitObjectArgument()))
      return R;
  for (const Expr *Arg : C->arguments())
    if (const HandleRetry *R = Look(Arg))
      return R;
  return nullptr;
}

std::optional<RetryLayer> RetryLayers::clientLayer(const CallExpr *C) const {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return std::nullopt;
  for (const RetryingClient &RC : Clients) {
    NameList N;
    N.add(RC.Name);
    const auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (N.matches(FD) || (MD && N.matches(MD->getParent()))) {
      RetryLayer L;
      L.K = RetryLayer::Client;
      L.Where = C->getBeginLoc();
      L.Via = C;
      L.Name = RC.Name;
      L.Attempts = RC.Attempts;
      return L;
    }
  }
  return std::nullopt;
}

void RetryLayers::callsOf(const Stmt *S,
                          std::vector<const CallExpr *> &Out) const {
  forEachSubStmt(S, false, [&](const Stmt *N) {
    if (const auto *C = dyn_cast<CallExpr>(N))
      Out.push_back(C);
  });
}

/// The defined function a call runs (a function, a method, a lambda's call
/// operator), outside system headers.
static const FunctionDecl *definedCallee(const CallExpr *C,
                                         const SourceManager &SM) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->getBody() || SM.isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

bool RetryLayers::search(const FunctionDecl *FD, const CallExpr *Via,
                         unsigned Depth, std::vector<RetryLayer> &Chain) {
  if (!FD || Depth > 3)
    return false;
  bool Found = false;
  forEachSubStmt(FD->getBody(), true, [&](const Stmt *S) {
    if (Found || !isa<ForStmt, WhileStmt, DoStmt>(S))
      return;
    const RetrySummary *Inner = A.summarize(S, FD);
    if (!Inner)
      return;
    RetryLayer L;
    L.K = RetryLayer::Loop;
    L.Where = Inner->Header;
    L.Via = Via;
    L.Name = Inner->RemoteName;
    L.Attempts = attemptCap(*Inner);
    L.Inner = Inner;
    Chain.push_back(L);
    std::vector<RetryLayer> Deeper;
    if (Depth < 3)
      for (const CallExpr *C : Inner->Remotes) {
        if (auto H = handleOf(C)) {
          RetryLayer HL{RetryLayer::Handle, H->Where, C, H->Library,
                        H->Attempts, nullptr};
          if (H->Attempts != 1u)
            Deeper.push_back(HL);
          break;
        }
        if (search(definedCallee(C, Ctx.getSourceManager()), C, Depth + 1,
                   Deeper))
          break;
      }
    Chain.insert(Chain.end(), Deeper.begin(), Deeper.end());
    Found = true;
  });
  if (Found)
    return true;
  std::vector<const CallExpr *> Calls;
  callsOf(FD->getBody(), Calls);
  for (const CallExpr *C : Calls) {
    if (const HandleRetry *H = handleOf(C)) {
      if (H->Attempts == 1u)
        continue;
      Chain.push_back({RetryLayer::Handle, H->Where, Via, H->Library,
                       H->Attempts, nullptr});
      return true;
    }
    if (std::optional<RetryLayer> L = clientLayer(C)) {
      L->Via = Via;
      Chain.push_back(*L);
      return true;
    }
  }
  for (const CallExpr *C : Calls) {
    const FunctionDecl *Callee = definedCallee(C, Ctx.getSourceManager());
    if (Callee && Callee != FD && search(Callee, Via, Depth + 1, Chain))
      return true;
  }
  return false;
}

std::vector<RetryLayer> RetryLayers::under(const RetrySummary &S,
                                           const FunctionDecl *Fn) {
  indexHandles();
  std::vector<const CallExpr *> Calls;
  const Stmt *Body = nullptr, *Cond = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(S.Loop)) {
    Body = F->getBody();
    Cond = F->getCond();
  } else if (const auto *W = dyn_cast<WhileStmt>(S.Loop)) {
    Body = W->getBody();
    Cond = W->getCond();
  } else if (const auto *D = dyn_cast<DoStmt>(S.Loop)) {
    Body = D->getBody();
    Cond = D->getCond();
  }
  if (Cond)
    callsOf(Cond, Calls);
  if (Body)
    callsOf(Body, Calls);
  for (const CallExpr *C : Calls) {
    std::vector<RetryLayer> Chain;
    if (const HandleRetry *H = handleOf(C)) {
      if (H->Attempts != 1u)
        Chain.push_back(
            {RetryLayer::Handle, H->Where, C, H->Library, H->Attempts, nullptr});
    } else if (std::optional<RetryLayer> L = clientLayer(C)) {
      if (L->Attempts != 1u)
        Chain.push_back(*L);
    } else {
      const FunctionDecl *Callee = definedCallee(C, Ctx.getSourceManager());
      if (Callee && Callee != Fn)
        search(Callee, C, 1, Chain);
      // An inner loop bounded to one attempt does not multiply.
      if (!Chain.empty() && Chain.front().Attempts == 1u)
        Chain.clear();
    }
    if (!Chain.empty())
      return Chain;
  }
  return {};
}

std::optional<unsigned> RetryLayers::attemptCap(const RetrySummary &S) const {
  const Expr *Cond = nullptr;
  const Stmt *Init = nullptr;
  if (const auto *F = dyn_cast<ForStmt>(S.Loop)) {
    Cond = F->getCond();
    Init = F->getInit();
  } else if (const auto *W = dyn_cast<WhileStmt>(S.Loop)) {
    Cond = W->getCond();
  } else if (const auto *D = dyn_cast<DoStmt>(S.Loop)) {
    Cond = D->getCond();
  }
  const Expr *L, *R;
  std::optional<BinaryOperatorKind> Op =
      Cond ? comparisonOf(strip(Cond), L, R) : std::nullopt;
  if (!Op)
    return std::nullopt;
  auto Const = [&](const Expr *E) { return constantInt(strip(E), Ctx); };
  std::optional<int64_t> Limit = Const(R);
  if (!Limit) {
    std::swap(L, R);
    Limit = Const(R);
    switch (*Op) {
    case BO_LT: Op = BO_GT; break;
    case BO_GT: Op = BO_LT; break;
    case BO_LE: Op = BO_GE; break;
    case BO_GE: Op = BO_LE; break;
    default: break;
    }
  }
  if (!Limit || (*Op != BO_LT && *Op != BO_LE))
    return std::nullopt;
  // `++n < k` counts from one more.
  int64_t Shift = 0;
  const Expr *Counter = strip(L);
  if (const auto *UO = dyn_cast<UnaryOperator>(Counter)) {
    if (UO->getOpcode() == UO_PreInc)
      Shift = 1;
    else if (UO->getOpcode() != UO_PostInc)
      return std::nullopt;
    Counter = strip(UO->getSubExpr());
  }
  const VarDecl *V = refVar(Counter);
  if (!V || !V->getType()->isIntegerType())
    return std::nullopt;
  std::optional<int64_t> Start;
  if (V->getInit())
    Start = Const(V->getInit());
  if (Init)
    forEachSubStmt(Init, true, [&](const Stmt *N) {
      if (const auto *BO = dyn_cast<BinaryOperator>(N))
        if (BO->getOpcode() == BO_Assign && refVar(BO->getLHS()) == V)
          Start = Const(BO->getRHS());
    });
  if (!Start)
    return std::nullopt;
  // A do-while runs once before its first test.
  if (isa<DoStmt>(S.Loop))
    Shift = 0;
  int64_t N = *Limit - (*Start + Shift) + (*Op == BO_LE ? 1 : 0);
  if (N < 1 || N > 1000000)
    return std::nullopt;
  return unsigned(N);
}

} // namespace model
} // namespace resilience
