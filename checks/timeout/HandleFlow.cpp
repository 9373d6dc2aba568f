//===--- HandleFlow.cpp - The flow over one function's CFG ----------------===//
//
// The keys the flow follows in a function (handles, the member paths under
// them, locals that wrap a handle), the state a key starts in (a local, a
// field of `this`, a parameter), the join at a block's entry, what an
// expression evaluates to, and the worklist over the CFG. What each
// statement does to the state is in HandleTransfer.cpp.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleFlow.h"
#include "LLVMCompat.h"
#include "ast/AstDepth.h"
#include "ast/TableLookup.h"
#include "timeout/KeywordBounds.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include <deque>
#include <optional>

namespace resilience {
namespace model {

using namespace clang;
using namespace table;

// ---------------------------------------------------------------------------
// Keys, initial states, joins, values

std::optional<HandleKey> HandleFlow::keyOf(const Expr *E) const {
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      auto A = Aliases.find(VD);
      if (A != Aliases.end())
        return A->second;
      return HandleKey{VD};
    }
    return std::nullopt;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return std::nullopt;
    const Expr *Base = strip(ME->getBase());
    if (isa<CXXThisExpr>(Base))
      return HandleKey{nullptr, Field};
    std::optional<HandleKey> BK = keyOf(Base);
    if (!BK || BK->size() >= 4)
      return std::nullopt;
    BK->push_back(Field);
    return BK;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    return accessorKey(MC);
  return std::nullopt;
}

bool HandleFlow::isLocalRoot(const HandleKey &K) const {
  const auto *VD = K.empty() ? nullptr : dyn_cast_or_null<VarDecl>(K.front());
  if (!VD || isa<ParmVarDecl>(VD) || !VD->isLocalVarDecl())
    return false;
  return VD->getParentFunctionOrMethod() == FD;
}

HandleState HandleFlow::initial(const HandleKey &K) {
  if (isLocalRoot(K)) {
    // A field reached through a local pointer or reference belongs to an
    // object made elsewhere (`conn *c = arg; c->evcon`), unless the object
    // is allocated right here (`new T`, make_unique/make_shared).
    const auto *VD = cast<VarDecl>(K.front());
    QualType T = VD->getType();
    if (K.size() > 1 && (T->isPointerType() || T->isReferenceType() ||
                         !pointeeOfSmartPointer(T).isNull())) {
      const Expr *Init = VD->getInit() ? strip(VD->getInit()) : nullptr;
      bool MadeHere = Init && (isa<CXXNewExpr>(Init) ||
                               (isa<CallExpr>(Init) &&
                                !pointeeOfSmartPointer(Init->getType()).isNull() &&
                                cast<CallExpr>(Init)->getDirectCallee() &&
                                cast<CallExpr>(Init)->getDirectCallee()->isInStdNamespace()));
      if (!MadeHere)
        return HandleState::outOfSight(nullptr);
    }
    // A member of a local object: what its constructor left there.
    if (K.size() == 2 && T->isRecordType())
      return constructedMember(VD, K);
    if (K.size() > 1 && !isa<FieldDecl>(K.back()))
      return HandleState::outOfSight(nullptr); // an accessor out of sight
    return HandleState::fresh(nullptr);
  }
  if (K.front() == nullptr) { // a field of `this`
    if (M != Mode::Real || K.size() != 2 || !isa<FieldDecl>(K[1]))
      return M == Mode::Real ? HandleState::outOfSight(nullptr)
                             : HandleState::fresh(nullptr);
    return A.fieldAtEntry(cast<FieldDecl>(K[1]));
  }
  if (const auto *P = dyn_cast<ParmVarDecl>(K.front())) {
    if (P->getParentFunctionOrMethod() == FD && M == Mode::ParamEffect)
      return HandleState::fresh(nullptr);
    // A function only this file calls: what its callers pass.
    if (P->getParentFunctionOrMethod() == FD && M == Mode::Real)
      if (auto S = A.paramFromCallers(
              P, HandleKey(K.begin() + 1, K.end())))
        return *S;
  }
  return HandleState::outOfSight(nullptr);
}

HandleState HandleFlow::get(const FlowState &St, const HandleKey &K) {
  auto It = St.find(K);
  if (It != St.end())
    return It->second;
  return initial(K);
}

void HandleFlow::joinInto(FlowState &Into, const FlowState &From) {
  for (const auto &KV : From) {
    auto It = Into.find(KV.first);
    if (It != Into.end()) {
      It->second.join(KV.second);
      continue;
    }
    if (isLocalRoot(KV.first)) {
      Into.emplace(KV.first, KV.second);
    } else {
      HandleState S = initial(KV.first);
      S.join(KV.second);
      Into.emplace(KV.first, S);
    }
  }
  for (auto &KV : Into)
    if (!From.count(KV.first) && !isLocalRoot(KV.first))
      KV.second.join(initial(KV.first));
}

bool HandleFlow::isHandleOrPrefix(const HandleKey &K) const {
  for (const HandleKey &H : HandleKeys)
    if (H.size() >= K.size() && std::equal(K.begin(), K.end(), H.begin()))
      return true;
  return false;
}

void HandleFlow::collectHandleKeys(const Stmt *Root) {
  // Iterative: an expression can nest thousands deep (x+x+...+x).
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *CE = dyn_cast<CallExpr>(S)) {
      LibCall LC = T.classify(calleeOf(CE));
      const Expr *H = nullptr;
      if (LC.K == LibCall::Request)
        H = HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req);
      else if (LC.K == LibCall::Setter)
        H = argumentAt(CE, LC.Set->HandleArg);
      else if (LC.K == LibCall::SlotSet)
        H = argumentAt(CE, LC.Slot->HandleArg);
      else if (LC.K == LibCall::Resetter || LC.K == LibCall::Copier)
        H = argumentAt(CE, 0);
      if (LC.K == LibCall::Request) {
        SawRequest = true;
        if (const Expr *Also = argumentAt(CE, LC.Req->AlsoHandleArg))
          if (auto K = keyOf(T.lookThrough(Also)))
            HandleKeys.insert(*K);
      }
      if (H)
        if (auto K = keyOf(T.lookThrough(H)))
          HandleKeys.insert(*K);
    }
    auto NoteAssigned = [&](const HandleKey &K, const Expr *RHS) {
      if (T.makesHandle(RHS))
        HandleKeys.insert(K);
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      if (BO->getOpcode() == BO_Assign)
        if (auto K = keyOf(BO->getLHS()))
          NoteAssigned(*K, BO->getRHS());
    // `return socket(...)`: a factory, whose result the flow must compute.
    if (const auto *RS = dyn_cast<ReturnStmt>(S))
      if (RS->getRetValue() && T.makesHandle(RS->getRetValue()))
        SawRequest = true;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
        if (auto K = keyOf(OC->getArg(0)))
          NoteAssigned(*K, OC->getArg(1));
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit()) {
            NoteAssigned(HandleKey{VD}, VD->getInit());
            if (VD->isLocalVarDecl())
              if (const Expr *Inner = T.wrappedHandle(VD->getInit(), 0))
                if (auto K = keyOf(T.lookThrough(Inner))) {
                  Aliases[VD] = *K;
                  HandleKeys.insert(*K);
                }
          }
    llvm::SmallVector<const Stmt *, 8> Kids(S->child_begin(), S->child_end());
    Work.append(Kids.rbegin(), Kids.rend());
  }
}

HandleState HandleFlow::valueOf(const Expr *E, const FlowState &St) {
  E = strip(E);
  if (!E)
    return HandleState::outOfSight(nullptr);
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
    return valueOf(DI->getExpr(), St);
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    const CXXConstructorDecl *Ctor = CC->getConstructor();
    if (Ctor && Ctor->isCopyOrMoveConstructor() && CC->getNumArgs() >= 1)
      return valueOf(CC->getArg(0), St);
    if (const LibraryModel *L = T.libraryOfHandleType(CC->getType())) {
      HandleState S = takeConfig(HandleState::fresh(L), CC->arguments(), St);
      llvm::SmallVector<const Expr *, 4> Args(CC->arguments());
      applyKinds(S, qualifiedName(recordOf(CC->getType())), Args, CC, Ctx);
      return S;
    }
    // A constructor the user did not write configures nothing.
    if (Ctor && !Ctor->isUserProvided() && !Ctor->isCopyOrMoveConstructor())
      return HandleState::fresh(nullptr);
    // Converting a smart pointer (unique_ptr to shared_ptr) keeps the handle.
    if (!pointeeOfSmartPointer(CC->getType()).isNull() &&
        CC->getNumArgs() == 1)
      return valueOf(CC->getArg(0), St);
  }
  if (const auto *NE = dyn_cast<CXXNewExpr>(E))
    if (const LibraryModel *L = T.libraryOfHandleType(NE->getAllocatedType())) {
      HandleState S = HandleState::fresh(L);
      if (const CXXConstructExpr *CC = NE->getConstructExpr()) {
        S = takeConfig(S, CC->arguments(), St);
        llvm::SmallVector<const Expr *, 4> Args(CC->arguments());
        applyKinds(S, qualifiedName(recordOf(CC->getType())), Args, CC, Ctx);
      }
      return S;
    }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    LibCall LC = T.classify(Callee);
    if (LC.K == LibCall::Creator) {
      HandleState S = HandleState::fresh(LC.Lib);
      forEachFlag(CE, LC.Lib, NoArg, Ctx, [&](const FlagArgument &FA) {
        S.write(FA.Slot, Finite, CE);
      });
      llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
      applyKinds(S, calleeName(Callee), Args, CE, Ctx);
      return S;
    }
    if (LC.K == LibCall::Request && LC.Req->ReturnsHandle) {
      // A connect that returns its handle: a fresh one with what its own
      // arguments say, or the handle it was given.
      if (LC.Req->HandleArg != NoArg)
        if (const Expr *H = argumentAt(CE, LC.Req->HandleArg))
          return valueOf(T.lookThrough(H), St);
      HandleState S = HandleState::fresh(LC.Lib);
      applyKeywords(CE, *LC.Req, S);
      return S;
    }
    if (LC.K == LibCall::BoundedCreator) {
      HandleState S = HandleState::fresh(LC.Lib);
      for (unsigned I = 0; I < S.Slots.size(); ++I)
        S.write(I, Finite, CE);
      return S;
    }
    if (Callee && !LC.Lib && Callee->getDeclName().isIdentifier()) {
      // std::make_shared<T>(...) / make_unique: a fresh T.
      llvm::StringRef N = Callee->getName();
      if (N == "make_shared" || N == "make_unique" || N == "allocate_shared")
        if (Callee->isInStdNamespace())
          if (const LibraryModel *L =
                  T.libraryOfHandleType(pointeeOfSmartPointer(CE->getType()))) {
            HandleState S =
                takeConfig(HandleState::fresh(L), CE->arguments(), St);
            llvm::SmallVector<const Expr *, 4> Args(CE->arguments());
            applyKinds(S,
                       qualifiedName(recordOf(pointeeOfSmartPointer(CE->getType()))),
                       Args, CE, Ctx);
            return S;
          }
    }
    if (LC.K == LibCall::Copier && CE->getNumArgs() > 0) {
      HandleState S = valueOf(CE->getArg(0), St);
      if (!S.Lib) {
        S.Lib = LC.Lib;
        sizeFor(S, LC.Lib->Slots.size());
      }
      return S;
    }
    if (Callee && !LC.Lib)
      if (const HandleState *R = A.returnedHandle(Callee))
        return *R;
    return HandleState::outOfSight(LC.Lib);
  }
  if (auto K = keyOf(E))
    return get(St, *K);
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return HandleState::fresh(nullptr);
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    HandleState S = valueOf(CO->getTrueExpr(), St);
    S.join(valueOf(CO->getFalseExpr(), St));
    return S;
  }
  return HandleState::outOfSight(nullptr);
}
/// Writes what the text of the call's string arguments says (a libpq
/// connection string's connect_timeout) into \p S. Text out of sight that
/// may hold the keyword counts as a bound (may-sense); an opaque keyword
/// (a service file) puts the handle out of sight.
bool HandleFlow::applyKeywords(const CallExpr *CE, const RequestCall &Req,
                               HandleState &S) {
  bool Wrote = false;
  for (const KeywordBound &KB : Req.Keywords) {
    bool Unknown = false;
    uint8_t V = keywordValue(CE, KB, Ctx, Unknown);
    if (KB.Opaque) {
      if (V)
        S.OutOfSight = true;
      continue;
    }
    if (V)
      S.write(KB.Slot, V, CE);
    else if (Unknown)
      S.write(KB.Slot, uint8_t(S.slot(KB.Slot) | Finite), CE);
    Wrote |= V != 0;
  }
  return Wrote;
}

/// A handle built from one of its library's ConfigTypes takes the config's
/// slots (cpprestsdk's http_client copies its http_client_config).
HandleState HandleFlow::takeConfigArgs(HandleState S,
                                       llvm::ArrayRef<const Expr *> Args,
                                       const FlowState &St) {
  if (!S.Lib || S.Lib->ConfigTypes.empty())
    return S;
  for (const Expr *Arg : Args) {
    const CXXRecordDecl *RD = recordOf(strip(Arg)->getType());
    if (!RD || !llvm::is_contained(S.Lib->ConfigTypes, qualifiedName(RD)))
      continue;
    HandleState C = valueOf(T.lookThrough(Arg), St);
    for (unsigned I = 0; I < S.Slots.size(); ++I)
      S.write(I, C.slot(I), I < C.Witness.size() ? C.Witness[I] : nullptr);
    S.OutOfSight |= C.OutOfSight;
  }
  return S;
}

// ---------------------------------------------------------------------------
// The worklist

bool HandleFlow::run(HandleConfigAnalysis::FunctionResult &Out) {
  Result = &Out;
  const Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  collectHandleKeys(Body);
  if (M == Mode::ParamEffect)
    for (const ParmVarDecl *P : FD->parameters())
      HandleKeys.insert(HandleKey{P});
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getMember() && Init->getInit()) {
        collectHandleKeys(Init->getInit());
        const Expr *IE = strip(Init->getInit());
        if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(IE))
          IE = DI->getExpr();
        if (T.makesHandle(IE))
          HandleKeys.insert(HandleKey{nullptr, Init->getMember()});
      }
  if (HandleKeys.empty() && !SawRequest)
    return true; // nothing to follow here
  Waits.collectSetMembers(Body);

  // clang's CFG builder recurses on nested expressions: past the cap, this
  // function is out of sight (see ast/AstDepth.h).
  if (nestsDeeperThan(Body, MaxAstDepth))
    return false;
  CFG::BuildOptions BO;
  BO.AddInitializers = true;
  BO.setAllAlwaysAdd();
  std::unique_ptr<CFG> G =
      CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!G)
    return false;

  unsigned N = G->getNumBlockIDs();
  std::vector<std::optional<FlowState>> OutStates(N);
  auto InState = [&](const CFGBlock *B) {
    FlowState In;
    bool First = true;
    for (const CFGBlock *Pred : B->preds()) {
      if (!Pred || !OutStates[Pred->getBlockID()])
        continue;
      if (First) {
        In = *OutStates[Pred->getBlockID()];
        // Non-local keys absent from this predecessor still hold their
        // entry value there; joinInto handles that for later predecessors.
        First = false;
      } else {
        joinInto(In, *OutStates[Pred->getBlockID()]);
      }
    }
    return In;
  };
  auto Process = [&](const CFGBlock *B, FlowState St, bool Record) {
    for (const CFGElement &E : *B) {
      if (auto CS = E.getAs<CFGStmt>())
        Transfer.transfer(CS->getStmt(), St, Record);
      else if (auto CI = E.getAs<CFGInitializer>()) {
        const CXXCtorInitializer *Init = CI->getInitializer();
        if (Init->getMember() && Init->getInit())
          Transfer.assign(HandleKey{nullptr, Init->getMember()},
                          Init->getInit(), St);
      }
    }
    return St;
  };

  std::deque<const CFGBlock *> Work;
  std::vector<bool> Queued(N, false);
  Work.push_back(&G->getEntry());
  Queued[G->getEntry().getBlockID()] = true;
  unsigned Budget = 200 * N + 100;
  while (!Work.empty() && Budget--) {
    const CFGBlock *B = Work.front();
    Work.pop_front();
    Queued[B->getBlockID()] = false;
    FlowState NewOut = Process(B, InState(B), /*Record=*/false);
    auto &Old = OutStates[B->getBlockID()];
    bool Changed = !Old;
    if (Old) {
      FlowState Joined = *Old;
      joinInto(Joined, NewOut);
      for (const auto &KV : Joined) {
        auto It = Old->find(KV.first);
        if (It == Old->end() || !(It->second == KV.second)) {
          Changed = true;
          break;
        }
      }
      if (Changed)
        Old = std::move(Joined);
    } else {
      Old = std::move(NewOut);
    }
    if (!Changed)
      continue;
    for (const CFGBlock *Succ : B->succs())
      if (Succ && !Queued[Succ->getBlockID()]) {
        Queued[Succ->getBlockID()] = true;
        Work.push_back(Succ);
      }
  }
  if (!Work.empty())
    return false; // did not converge within the budget: know nothing

  for (const CFGBlock *B : *G)
    if (B && OutStates[B->getBlockID()])
      Process(B, InState(B), /*Record=*/true);
  Out.Exit = InState(&G->getExit());
  if (droppedConfiguration()) {
    for (auto &KV : Out.Facts)
      KV.second.State.OutOfSight = true;
    for (auto &KV : Out.Exit)
      KV.second.OutOfSight = true;
    if (Out.Returned)
      Out.Returned->OutOfSight = true;
  }
  return true;
}

} // namespace model
} // namespace resilience
