//===--- UnboundedWaits.cpp - Is this wait parked on someone else, forever? ===//

#include "wait/UnboundedWaits.h"
#include "ast/TableLookup.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"

namespace resilience {
namespace model {

using namespace clang;
using namespace table;

UnboundedWaitAnalysis::UnboundedWaitAnalysis(
    ASTContext &Ctx, llvm::ArrayRef<LibraryModel> Libraries,
    const WaitOptions &Opts)
    : Ctx(Ctx), Opts(Opts),
      Handles(Ctx, Libraries, /*MaxReasonableTimeoutMs=*/0) {}

const ParkingCall *UnboundedWaitAnalysis::parkingCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  auto It = Parking.find(Callee);
  if (It != Parking.end())
    return It->second;
  const ParkingCall *Found = nullptr;
  std::string Name = calleeName(Callee);
  for (const ParkingCall &P : waitKnowledge().Parking)
    if (globMatch(P.Function, Name))
      Found = &P;
  Parking[Callee] = Found;
  return Found;
}

static const std::pair<std::string, unsigned> *
poolFunction(const CallExpr *Call, const WaitOptions &Opts) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || Opts.PoolBorrowFunctions.empty())
    return nullptr;
  std::string Name = calleeName(Callee);
  for (const auto &P : Opts.PoolBorrowFunctions)
    if (globMatch(P.first, Name))
      return &P;
  return nullptr;
}

bool UnboundedWaitAnalysis::isCandidate(const CallExpr *Call) {
  return parkingCall(Call) || poolFunction(Call, Opts);
}

std::optional<WaitFinding>
UnboundedWaitAnalysis::judge(const CallExpr *Call, const FunctionDecl *Fn) {
  if (poolFunction(Call, Opts))
    return judgePoolFunction(Call);
  const ParkingCall *W = parkingCall(Call);
  if (!W)
    return std::nullopt;
  if (W->Kind == WaitKind::Result)
    return judgeFuture(Call, *W, Fn);
  return judgeBorrow(Call, *W, Fn);
}

// ---------------------------------------------------------------------------
// Pools

/// Does \p T name, through its typedefs, one of \p Names?
static bool sugarNamed(QualType T, llvm::ArrayRef<llvm::StringRef> Names,
                       llvm::ArrayRef<std::string> More) {
  for (unsigned I = 0; I < 8 && !T.isNull(); ++I) {
    std::string N;
    if (const auto *TT = T->getAs<TypedefType>()) {
      N = qualifiedName(TT->getDecl());
    } else if (const auto *RD = T->getAsRecordDecl()) {
      if (!RD->getIdentifier())
        return false;
      N = qualifiedName(RD);
    }
    if (!N.empty() && (llvm::is_contained(Names, llvm::StringRef(N)) ||
                       llvm::is_contained(More, N)))
      return true;
    QualType Next = T->getLocallyUnqualifiedSingleStepDesugaredType();
    if (Next == T)
      break;
    T = Next;
  }
  return false;
}

bool UnboundedWaitAnalysis::isConnectionType(QualType T, unsigned Depth) {
  if (T.isNull() || Depth > 2)
    return false;
  T = T.getNonReferenceType();
  QualType Pointee = pointeeOfSmartPointer(T);
  if (!Pointee.isNull())
    T = Pointee;
  std::vector<llvm::StringRef> Names;
  for (const LibraryModel &L : Handles.lookup().libraries()) {
    Names.insert(Names.end(), L.HandleTypes.begin(), L.HandleTypes.end());
    Names.insert(Names.end(), L.ConnectionTypes.begin(),
                 L.ConnectionTypes.end());
  }
  if (sugarNamed(T, Names, Opts.ConnectionTypes))
    return true;
  // A pooled entry that wraps one (`struct Slot { CURL *h; time_t used; }`).
  if (const auto *RD = T->getAsCXXRecordDecl())
    if (RD->hasDefinition() &&
        !Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
      for (const FieldDecl *F : RD->fields())
        if (isConnectionType(F->getType(), Depth + 1))
          return true;
  return false;
}

/// The element type of a standard container type, if \p T is one.
static QualType containerElement(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *TS = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!TS)
    return QualType();
  std::string Name = qualifiedName(TS);
  if (!llvm::is_contained(waitKnowledge().Containers, llvm::StringRef(Name)))
    return QualType();
  unsigned Index = llvm::StringRef(Name).ends_with("map") ? 1 : 0;
  // The arguments as written keep their typedefs (`CURL *`, not `void *`).
  if (const auto *TST = T->getAs<TemplateSpecializationType>()) {
    llvm::ArrayRef<TemplateArgument> Written = TST->template_arguments();
    if (Written.size() > Index &&
        Written[Index].getKind() == TemplateArgument::Type)
      return Written[Index].getAsType();
  }
  const TemplateArgumentList &Args = TS->getTemplateArgs();
  if (Args.size() <= Index || Args[Index].getKind() != TemplateArgument::Type)
    return QualType();
  // A queue or stack wraps another container of the same elements.
  return Args[Index].getAsType();
}

const ValueDecl *UnboundedWaitAnalysis::poolIn(const Stmt *S,
                                               std::string &Element) {
  if (!S)
    return nullptr;
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(S))
    D = ME->getMemberDecl();
  if (D && (isa<VarDecl>(D) || isa<FieldDecl>(D))) {
    QualType E = containerElement(D->getType());
    if (!E.isNull() && isConnectionType(E)) {
      Element = E.getAsString(Ctx.getPrintingPolicy());
      return D;
    }
  }
  if (const auto *L = dyn_cast<LambdaExpr>(S))
    return poolIn(L->getBody(), Element);
  for (const Stmt *Child : S->children())
    if (const ValueDecl *P = poolIn(Child, Element))
      return P;
  return nullptr;
}

std::optional<WaitFinding>
UnboundedWaitAnalysis::judgeBorrow(const CallExpr *Call, const ParkingCall &W,
                                   const FunctionDecl *Fn) {
  WaitFinding F;
  F.K = WaitFinding::PoolBorrow;
  F.Wait = &W;
  // What the wait waits for: its predicate, or the condition of the loop
  // around it (`while (pool.empty()) cv.wait(lk);`). A semaphore has
  // neither: the function that takes the permit takes from the pool.
  if (W.Kind == WaitKind::Notify) {
    if (const Expr *Pred = argumentAt(Call, W.PredicateArg))
      F.Pool = poolIn(Pred, F.Element);
    DynTypedNode Node = DynTypedNode::create(*Call);
    for (unsigned Depth = 0; !F.Pool && Depth < 16; ++Depth) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.empty())
        break;
      Node = Parents[0];
      const Stmt *Cond = nullptr;
      if (const auto *WS = Node.get<WhileStmt>())
        Cond = WS->getCond();
      else if (const auto *DS = Node.get<DoStmt>())
        Cond = DS->getCond();
      else if (const auto *FS = Node.get<ForStmt>())
        Cond = FS->getCond();
      else if (Node.get<FunctionDecl>() || Node.get<LambdaExpr>())
        break;
      if (Cond)
        F.Pool = poolIn(Cond, F.Element);
    }
  } else if (Fn && Fn->getBody()) {
    F.Pool = poolIn(Fn->getBody(), F.Element);
  }
  if (!F.Pool)
    return std::nullopt;
  return F;
}

std::optional<WaitFinding>
UnboundedWaitAnalysis::judgePoolFunction(const CallExpr *Call) {
  const auto *P = poolFunction(Call, Opts);
  WaitFinding F;
  F.K = WaitFinding::PoolFunction;
  F.TimeoutArg = P->second;
  if (P->second == NoArg)
    return F; // it takes no timeout at all
  if (P->second >= Call->getNumArgs())
    return std::nullopt; // not this overload
  BoundSlot Reading{"timeout", /*ZeroMeansNever=*/false,
                    /*NegativeMeansNever=*/true};
  if (Handles.lookup().classifyValue(Call->getArg(P->second), Reading, Ctx) &
      Never) {
    F.Infinite = true;
    return F;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------
// Futures

bool UnboundedWaitAnalysis::hangs(const CallExpr *Request,
                                  const FunctionDecl *Fn) {
  const RequestFact *F = Handles.factAt(Request, Fn);
  if (!F || !F->Lib || !F->Request)
    return false;
  const LibraryModel &Lib = *F->Lib;
  const RequestCall &Req = *F->Request;
  if (!Req.NeverBounded.empty())
    return true;
  bool Explicit = false;
  for (unsigned G = 0; G < Lib.BoundingGroups.size(); ++G) {
    if (!Req.Groups.empty() && !llvm::is_contained(Req.Groups, G))
      continue;
    bool All = true;
    for (unsigned Slot : Lib.BoundingGroups[G]) {
      uint8_t V = F->State.slot(Slot);
      All &= (V & Finite) != 0;
      // An explicit "never"; a zero that is no usable bound (cpprestsdk's
      // timer expires at once) fails fast instead.
      Explicit |= (V & Never) != 0 ||
                  ((V & Zero) && Lib.Slots[Slot].ZeroMeansNever);
    }
    if (All)
      return false;
  }
  if (Explicit)
    return true;
  if (F->State.OutOfSight || (Lib.RequireKnownOrigin && !F->KnownOrigin))
    return false;
  if (Req.ServerSide)
    return false; // a slow query ends when the server ends it
  return Lib.Unbounded != Severity::Finite;
}

/// The functions a body calls that are defined in the translation unit.
const CallExpr *UnboundedWaitAnalysis::hangingRequest(const Stmt *Body,
                                                      const FunctionDecl *Fn,
                                                      unsigned Depth,
                                                      bool &SawRequest) {
  if (!Body || Depth > 3)
    return nullptr;
  struct Finder : RecursiveASTVisitor<Finder> {
    std::vector<const CallExpr *> Calls;
    std::vector<const LambdaExpr *> Lambdas;
    bool TraverseLambdaExpr(LambdaExpr *L) {
      Lambdas.push_back(L);
      return true; // its body runs in its own function
    }
    bool VisitCallExpr(CallExpr *CE) {
      Calls.push_back(CE);
      return true;
    }
  } V;
  V.TraverseStmt(const_cast<Stmt *>(Body));
  for (const CallExpr *CE : V.Calls) {
    if (Handles.asRequest(CE, nullptr)) {
      SawRequest = true;
      if (hangs(CE, Fn))
        return CE;
      continue;
    }
    const FunctionDecl *Callee = CE->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def || !Def->hasBody() ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
      continue;
    if (const CallExpr *R =
            hangingRequest(Def->getBody(), Def, Depth + 1, SawRequest))
      return R;
  }
  for (const LambdaExpr *L : V.Lambdas)
    if (const CallExpr *R = hangingRequest(L->getBody(), L->getCallOperator(),
                                           Depth + 1, SawRequest))
      return R;
  return nullptr;
}

/// The function a callable argument runs: a lambda's call operator, a
/// function named (or its address), or null.
static const FunctionDecl *callableBody(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    if (UO->getOpcode() == UO_AddrOf)
      E = strip(UO->getSubExpr());
  if (const auto *L = dyn_cast_or_null<LambdaExpr>(E))
    return L->getCallOperator();
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return FD->getDefinition();
  return nullptr;
}

/// Every expression that gives \p D (a local or a field) its value: its
/// initializer and the assignments in \p Scope.
using Source = std::pair<const Expr *, const FunctionDecl *>;

static void sourcesOf(const ValueDecl *D, const Stmt *Scope,
                      const FunctionDecl *Fn, std::vector<Source> &Out) {
  if (!Scope)
    return;
  auto Names = [&](const Expr *E) {
    E = strip(E);
    if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E))
      return DRE->getDecl() == D;
    if (const auto *ME = dyn_cast_or_null<MemberExpr>(E))
      return ME->getMemberDecl() == D;
    return false;
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(Scope))
    if (BO->getOpcode() == BO_Assign && Names(BO->getLHS()))
      Out.push_back({BO->getRHS(), Fn});
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Scope))
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2 &&
        Names(OC->getArg(0)))
      Out.push_back({OC->getArg(1), Fn});
  if (const auto *DS = dyn_cast<DeclStmt>(Scope))
    for (const Decl *Dc : DS->decls())
      if (Dc == D && cast<VarDecl>(Dc)->getInit())
        Out.push_back({cast<VarDecl>(Dc)->getInit(), Fn});
  for (const Stmt *Child : Scope->children())
    sourcesOf(D, Child, Fn, Out);
}

static bool calleeIn(const CallExpr *CE, llvm::ArrayRef<llvm::StringRef> Names) {
  const FunctionDecl *Callee = CE ? CE->getDirectCallee() : nullptr;
  if (!Callee)
    return false;
  std::string N = calleeName(Callee);
  return llvm::is_contained(Names, llvm::StringRef(N));
}

/// The object of a member call (`p` in `p.get_future()`), as a declaration.
static const ValueDecl *objectDecl(const CallExpr *CE, const Lookup &T) {
  const Expr *O = T.lookThrough(argumentAt(CE, ObjectArg));
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(O))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast_or_null<MemberExpr>(O))
    return ME->getMemberDecl();
  return nullptr;
}

std::optional<WaitFinding>
UnboundedWaitAnalysis::judgeSource(const Expr *Source, const FunctionDecl *Fn,
                                   unsigned Depth) {
  const WaitKnowledge &K = waitKnowledge();
  Source = strip(Source);
  if (!Source || Depth > 4)
    return std::nullopt;
  // Copies, moves, `.share()`, continuations: the same producer.
  if (const auto *CC = dyn_cast<CXXConstructExpr>(Source))
    if (CC->getNumArgs() >= 1)
      return judgeSource(CC->getArg(0), Fn, Depth + 1);
  const auto *CE = dyn_cast<CallExpr>(Source);
  if (!CE)
    return std::nullopt;
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (Callee && Callee->isInStdNamespace() && Callee->getDeclName().isIdentifier() &&
      Callee->getName() == "move" && CE->getNumArgs() == 1)
    return judgeSource(CE->getArg(0), Fn, Depth + 1);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const CXXMethodDecl *MD = MC->getMethodDecl();
    if ((MD && MD->getDeclName().isIdentifier() && MD->getName() == "share") ||
        calleeIn(CE, K.Continuations))
      return judgeSource(MC->getImplicitObjectArgument(), Fn, Depth + 1);
  }
  WaitFinding F;
  F.K = WaitFinding::RemoteFuture;
  F.Producer = CE;
  // A library request's own future or task.
  const LibraryModel *Lib = nullptr;
  if (Handles.asRequest(CE, &Lib)) {
    if (!hangs(CE, Fn))
      return std::nullopt;
    F.Request = CE;
    F.Lib = Lib;
    return F;
  }
  // std::async(policy?, fn, args...).
  std::string Name = Callee ? calleeName(Callee) : std::string();
  for (const FutureProducer &P : K.Producers) {
    if (Name != P.Function)
      continue;
    for (unsigned I = P.CallableArg; I < CE->getNumArgs(); ++I) {
      const Expr *A = CE->getArg(I);
      if (const auto *ET = strip(A)->getType()->getAs<EnumType>())
        if (qualifiedName(ET->getDecl()) == "std::launch")
          continue;
      const FunctionDecl *Body = callableBody(A);
      if (!Body || !Body->hasBody())
        return std::nullopt;
      bool Saw = false;
      F.Request = hangingRequest(Body->getBody(), Body, 0, Saw);
      if (!F.Request)
        return std::nullopt;
      Handles.asRequest(F.Request, &F.Lib);
      return F;
    }
    return std::nullopt;
  }
  // promise.get_future(): who fulfils the promise?
  if (calleeIn(CE, K.GetFuture)) {
    const ValueDecl *Promise = objectDecl(CE, Handles.lookup());
    const Stmt *Scope = Fn ? Fn->getBody() : nullptr;
    if (!Promise || !Scope)
      return std::nullopt;
    struct Fulfils : RecursiveASTVisitor<Fulfils> {
      const ValueDecl *Promise;
      const Lookup *T;
      llvm::ArrayRef<llvm::StringRef> Names;
      std::vector<const CallExpr *> Found;
      bool VisitCallExpr(CallExpr *C) {
        if (calleeIn(C, Names) && objectDecl(C, *T) == Promise)
          Found.push_back(C);
        return true;
      }
    } V;
    V.Promise = Promise;
    V.T = &Handles.lookup();
    V.Names = K.Fulfil;
    V.TraverseStmt(const_cast<Stmt *>(Scope));
    for (const CallExpr *Set : V.Found) {
      // The lambda around the fulfilment, and the call it is handed to.
      DynTypedNode Node = DynTypedNode::create(*Set);
      const LambdaExpr *Callback = nullptr;
      for (unsigned D = 0; D < 24; ++D) {
        auto Parents = Ctx.getParents(Node);
        if (Parents.empty())
          break;
        Node = Parents[0];
        if (const auto *L = Node.get<LambdaExpr>()) {
          Callback = L;
          break;
        }
      }
      if (!Callback)
        continue;
      const CallExpr *Taker = nullptr;
      Node = DynTypedNode::create(*Callback);
      for (unsigned D = 0; D < 6 && !Taker; ++D) {
        auto Parents = Ctx.getParents(Node);
        if (Parents.empty())
          break;
        Node = Parents[0];
        Taker = Node.get<CallExpr>();
      }
      if (!Taker || !Handles.asRequest(Taker, &F.Lib))
        continue;
      if (hangs(Taker, Fn)) {
        F.Request = Taker;
        return F;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

std::optional<WaitFinding>
UnboundedWaitAnalysis::judgeFuture(const CallExpr *Call, const ParkingCall &W,
                                   const FunctionDecl *Fn) {
  const Expr *Obj = strip(argumentAt(Call, ObjectArg));
  if (!Obj)
    return std::nullopt;
  std::optional<WaitFinding> F;
  const ValueDecl *D = nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Obj))
    D = DRE->getDecl();
  else if (const auto *ME = dyn_cast<MemberExpr>(Obj))
    D = ME->getMemberDecl();
  if (!D) {
    F = judgeSource(Obj, Fn, 0);
  } else {
    std::vector<Source> Sources;
    if (const auto *VD = dyn_cast<VarDecl>(D)) {
      if (!VD->isLocalVarDecl() || isa<ParmVarDecl>(VD))
        return std::nullopt; // handed in: its producer is out of sight
      sourcesOf(D, Fn ? Fn->getBody() : nullptr, Fn, Sources);
    } else if (const auto *FD = dyn_cast<FieldDecl>(D)) {
      if (const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent()))
        for (const CXXMethodDecl *MD : RD->methods())
          if (const FunctionDecl *Def = MD->getDefinition())
            sourcesOf(D, Def->getBody(), Def, Sources);
    }
    for (const Source &S : Sources)
      if ((F = judgeSource(S.first, S.second, 0)))
        break;
  }
  if (F)
    F->Wait = &W;
  return F;
}

} // namespace model
} // namespace resilience
