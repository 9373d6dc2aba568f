//===--- HandleConfig.cpp - Is this handle bounded before this call? ------===//

#include "timeout/HandleConfig.h"
#include "LLVMCompat.h"
#include "timeout/HandleFlow.h"
#include "ast/AstDepth.h"
#include "timeout/KeywordBounds.h"
#include "ast/CallSites.h"
#include "ast/TableLookup.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <deque>
#include <optional>

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// HandleState

static void sizeFor(HandleState &S, size_t N) {
  if (S.Slots.size() < N) {
    S.Slots.resize(N, NotSet);
    S.Witness.resize(N, nullptr);
  }
}

HandleState HandleState::fresh(const LibraryModel *Lib) {
  HandleState S;
  S.Lib = Lib;
  if (Lib)
    sizeFor(S, Lib->Slots.size());
  return S;
}

HandleState HandleState::outOfSight(const LibraryModel *Lib) {
  HandleState S = fresh(Lib);
  S.OutOfSight = true;
  return S;
}

void HandleState::write(unsigned Slot, uint8_t Value, const Expr *Where) {
  sizeFor(*this, Slot + 1);
  Slots[Slot] = Value;
  Witness[Slot] = Where;
}

bool HandleState::join(const HandleState &O) {
  bool Changed = false;
  if (!Lib && O.Lib) {
    Lib = O.Lib;
    Changed = true;
  }
  sizeFor(*this, O.Slots.size());
  for (unsigned I = 0; I < Slots.size(); ++I) {
    uint8_t V = Slots[I] | O.slot(I);
    if (V != Slots[I]) {
      Slots[I] = V;
      Changed = true;
    }
    if (!Witness[I] && I < O.Witness.size() && O.Witness[I])
      Witness[I] = O.Witness[I];
  }
  if (O.OutOfSight && !OutOfSight) {
    OutOfSight = true;
    Changed = true;
  }
  return Changed;
}

// ---------------------------------------------------------------------------
// Helpers of the flow

namespace {
bool isNonRecordPointer(QualType T) {
  return T->isPointerType() && !T->getPointeeType()->isRecordType();
}
} // namespace

using namespace table;


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

void HandleFlow::assign(const HandleKey &K, const Expr *RHS, FlowState &St) {
  if (!HandleKeys.count(K))
    return;
  St[K] = valueOf(RHS, St);
}

void HandleFlow::markOutOfSight(const HandleKey &Prefix, FlowState &St) {
  for (const HandleKey &H : HandleKeys)
    if (H.size() >= Prefix.size() &&
        std::equal(Prefix.begin(), Prefix.end(), H.begin())) {
      HandleState S = get(St, H);
      S.OutOfSight = true;
      St[H] = S;
    }
}

void HandleFlow::transferCall(const CallExpr *CE, FlowState &St, bool Record) {
  const FunctionDecl *Callee = calleeOf(CE);
  LibCall LC = T.classify(Callee);
  auto HandleAt = [&](unsigned I) -> std::optional<HandleKey> {
    const Expr *H = argumentAt(CE, I);
    if (!H)
      return std::nullopt;
    return keyOf(T.lookThrough(H));
  };
  auto Write = [&](const HandleKey &K, unsigned Slot, uint8_t V) {
    HandleState S = get(St, K);
    if (!S.Lib) {
      S.Lib = LC.Lib;
      sizeFor(S, LC.Lib->Slots.size());
    }
    S.write(Slot, V, CE);
    St[K] = S;
  };

  transferWait(CE, St);

  // fcntl(fd, F_SETFL, O_NONBLOCK): a flag written on a handle argument
  // (a qualified name for a member: `s.connect("inproc://...")`).
  std::string Qualified =
      Callee && (Callee->getDeclName().isIdentifier() || isa<CXXMethodDecl>(Callee))
          ? calleeName(Callee)
          : std::string();
  for (const LibraryModel &L : T.libraries())
    for (const FlagArgument &FA : L.Flags)
      if (FA.HandleArg != NoArg && Callee &&
          Callee->getDeclName().isIdentifier() &&
          (FA.Function.contains("::") ? llvm::StringRef(Qualified)
                                      : Callee->getName()) == FA.Function &&
          FA.Arg < CE->getNumArgs() &&
          mentionsFlag(CE->getArg(FA.Arg), FA.Flag, Ctx))
        if (auto K = HandleAt(FA.HandleArg)) {
          HandleState S = get(St, *K);
          if (S.Lib && S.Lib != &L)
            continue;
          if (!S.Lib) {
            S.Lib = &L;
            sizeFor(S, L.Slots.size());
          }
          S.write(FA.Slot, Finite, CE);
          St[*K] = S;
        }

  switch (LC.K) {
  case LibCall::Setter: {
    auto K = HandleAt(LC.Set->HandleArg);
    if (!K || LC.Set->OptionArg >= CE->getNumArgs() ||
        LC.Set->ValueArg >= CE->getNumArgs())
      return;
    const Expr *OptE = bound(CE->getArg(LC.Set->OptionArg));
    auto Opts = optionNames(OptE, Ctx);
    for (llvm::StringRef O : LC.Lib->OpaqueOptions)
      if (llvm::is_contained(Opts, O)) {
        markOutOfSight(*K, St);
        return;
      }
    for (const BoundOption &BO : LC.Lib->Options) {
      if (!llvm::is_contained(Opts, BO.Name))
        continue;
      Write(*K, BO.Slot,
            T.classifyValue(bound(CE->getArg(LC.Set->ValueArg)),
                          LC.Lib->Slots[BO.Slot], Ctx));
      return;
    }
    // An option this helper's caller chooses, not known here: it may be
    // any of them.
    if (Opts.empty() && isa<DeclRefExpr>(strip(OptE)) &&
        isa<ParmVarDecl>(cast<DeclRefExpr>(strip(OptE))->getDecl()))
      markOutOfSight(*K, St);
    return;
  }
  case LibCall::SlotSet: {
    auto K = HandleAt(LC.Slot->HandleArg);
    if (!K || LC.Slot->Slot >= LC.Lib->Slots.size())
      return;
    if (!LC.Slot->ValueType.empty()) {
      const Expr *Val = argumentAt(CE, LC.Slot->ValueArg);
      if (!Val || !isRecordNamed(strip(Val)->getType(), LC.Slot->ValueType))
        return;
    }
    uint8_t V = LC.Slot->Fixed;
    if (!V) {
      const Expr *Val = argumentAt(CE, LC.Slot->ValueArg);
      V = Val ? T.classifyValue(bound(Val), LC.Lib->Slots[LC.Slot->Slot], Ctx)
              : uint8_t(Finite);
    }
    Write(*K, LC.Slot->Slot, V);
    return;
  }
  case LibCall::Resetter:
    if (auto K = HandleAt(0))
      St[*K] = HandleState::fresh(LC.Lib);
    return;
  case LibCall::Request: {
    // A readiness wait is used up by the next request that it bounds.
    if (!Record) {
      consumeWaits(CE, LC, St);
      return;
    }
    RequestFact F;
    F.Lib = LC.Lib;
    F.Request = LC.Req;
    if (const Expr *HE =
            HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req)) {
      F.Handle = T.lookThrough(HE);
      if (auto K = keyOf(T.lookThrough(HE))) {
        F.State = get(St, *K);
        F.Resolved = true;
      } else {
        F.State = valueOf(T.lookThrough(HE), St);
        F.Resolved = !F.State.OutOfSight;
      }
    } else if (LC.Req->HandleArg == NoArg) {
      // No handle: the call's own arguments are all there is.
      F.State = HandleState::fresh(LC.Lib);
      F.Resolved = true;
    }
    if (const Expr *Also = argumentAt(CE, LC.Req->AlsoHandleArg)) {
      Also = T.lookThrough(Also);
      auto AK = keyOf(Also);
      HandleState Other = AK ? get(St, *AK) : valueOf(Also, St);
      // Either object may carry the bound: a slot set on one counts.
      sizeFor(F.State, LC.Lib->Slots.size());
      for (unsigned I = 0; I < LC.Lib->Slots.size(); ++I) {
        uint8_t O = Other.slot(I);
        if (O & Finite)
          F.State.write(I, F.State.Slots[I] | Finite,
                        I < Other.Witness.size() ? Other.Witness[I] : CE);
        else if (O & (Zero | Never))
          F.State.Slots[I] |= (O & (Zero | Never));
      }
      F.State.OutOfSight |= Other.OutOfSight;
      if (!F.State.Lib)
        F.State.Lib = Other.Lib;
    }
    if (!F.State.Lib) {
      F.State.Lib = LC.Lib;
      sizeFor(F.State, LC.Lib->Slots.size());
    } else {
      F.KnownOrigin = F.State.Lib == LC.Lib;
    }
    // A bound written in the call's text ("SET statement_timeout = 5000")
    // stays on the handle; the call that writes it is configuration, not a
    // request to report.
    if (!LC.Req->Keywords.empty()) {
      bool Wrote = applyKeywords(CE, *LC.Req, F.State);
      if (const Expr *HE =
              HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req))
        if (auto K = keyOf(T.lookThrough(HE))) {
          HandleState H = get(St, *K);
          if (!H.Lib) {
            H.Lib = LC.Lib;
            sizeFor(H, LC.Lib->Slots.size());
          }
          applyKeywords(CE, *LC.Req, H);
          St[*K] = H;
          if (Wrote)
            return;
        }
    }
    // A bound carried by the call itself applies to this call only.
    forEachFlag(CE, LC.Lib, NoArg, Ctx, [&](const FlagArgument &FA) {
      F.State.write(FA.Slot, Finite, CE);
    });
    const RequestCall &Q = *LC.Req;
    if (Q.BoundArgSlot < LC.Lib->Slots.size()) {
      const BoundSlot &Slot = LC.Lib->Slots[Q.BoundArgSlot];
      if (const Expr *BA = argumentAt(CE, Q.BoundArg))
        F.State.write(Q.BoundArgSlot, T.classifyValue(BA, Slot, Ctx), BA);
      if (!Q.BoundArgType.empty())
        for (const Expr *Arg : CE->arguments())
          if (isRecordNamed(strip(Arg)->getType(), Q.BoundArgType))
            F.State.write(Q.BoundArgSlot, T.classifyValue(Arg, Slot, Ctx), Arg);
    }
    Result->Facts[CE] = F;
    consumeWaits(CE, LC, St);
    return;
  }
  case LibCall::Creator:
  case LibCall::BoundedCreator:
  case LibCall::Copier:
  case LibCall::Own:
    return;
  case LibCall::None:
    break;
  }

  // Not a library call: a helper defined here, or a function out of sight.
  if (isa<CXXOperatorCallExpr>(CE))
    return;
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  bool SystemCallee =
      Callee && Ctx.getSourceManager().isInSystemHeader(Callee->getLocation());
  if (Record && Def && Def->hasBody() && !SystemCallee)
    recordArguments(CE, Def, St);
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = strip(CE->getArg(I));
    std::optional<HandleKey> K = keyOf(Arg);
    bool AddressOf = false;
    if (!K)
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg)) {
        if (UO->getOpcode() == UO_AddrOf) {
          K = keyOf(UO->getSubExpr());
          AddressOf = true;
        } else if (UO->getOpcode() == UO_Deref &&
                   strip(UO->getSubExpr())->getType()->isPointerType() &&
                   strip(UO->getSubExpr())
                       ->getType()
                       ->getPointeeType()
                       ->isRecordType()) {
          K = keyOf(UO->getSubExpr()); // `helper(*task)`: the same object
        }
      }
    if (!K || SystemCallee)
      continue;
    bool Visible = Def && Def->hasBody() && I < Def->getNumParams();
    // Arguments of a helper we can see are followed whatever they are (the
    // helper's summary says whether it touches a handle); an unknown callee
    // only matters for what is already known to be a handle.
    if (!Visible && !isHandleOrPrefix(*K))
      continue;
    // The address of a handle pointer lets the callee replace the handle.
    if (AddressOf && isNonRecordPointer(strip(cast<UnaryOperator>(Arg)
                                                  ->getSubExpr())
                                            ->getType())) {
      markOutOfSight(*K, St);
      continue;
    }
    if (!Visible) {
      markOutOfSight(*K, St);
      continue;
    }
    // A generic setter wrapper is summarized for this call's arguments.
    std::unique_ptr<HandleConfigAnalysis::FunctionResult> PerCall;
    if (A.forwardsToSetter(Def))
      PerCall = A.analyzeBound(Def, int(Mode::ParamEffect),
                               bindingsFor(CE, Def));
    const HandleConfigAnalysis::FunctionResult *R =
        PerCall ? PerCall.get() : A.analyze(Def, /*Neutral=*/true);
    if (!R) {
      markOutOfSight(*K, St);
      continue;
    }
    const ParmVarDecl *P = Def->getParamDecl(I);
    for (const auto &KV : R->Exit) {
      if (KV.first.empty() || KV.first.front() != P)
        continue;
      HandleKey Target = *K;
      Target.append(KV.first.begin() + 1, KV.first.end());
      HandleState S = get(St, Target);
      const HandleState &Eff = KV.second;
      if (!S.Lib && Eff.Lib) {
        S.Lib = Eff.Lib;
        sizeFor(S, Eff.Lib->Slots.size());
      }
      for (unsigned Slot = 0; Slot < Eff.Slots.size(); ++Slot) {
        uint8_t E = Eff.Slots[Slot];
        const Expr *W = Slot < Eff.Witness.size() ? Eff.Witness[Slot] : nullptr;
        if (PerCall)
          W = CE; // the value came from this call's arguments
        if (!(E & NotSet))
          S.write(Slot, E, W ? W : CE); // the helper always writes this slot
        else if (E != NotSet) {
          sizeFor(S, Slot + 1);
          S.Slots[Slot] |= (E & ~NotSet);
          if (!S.Witness[Slot])
            S.Witness[Slot] = CE;
        }
      }
      S.OutOfSight |= Eff.OutOfSight;
      St[Target] = S;
      HandleKeys.insert(Target);
    }
  }
}

void HandleFlow::transfer(const Stmt *S, FlowState &St, bool Record) {
  // `h = make()` on a class type (a smart pointer, a client object).
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      if (auto K = keyOf(OC->getArg(0)))
        if (HandleKeys.count(*K)) {
          assign(*K, OC->getArg(1), St);
          return;
        }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    transferCall(CE, St, Record);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      if (auto K = keyOf(BO->getLHS())) {
        assign(*K, BO->getRHS(), St);
        // A write into a handle's own fields (`m->options.connect_timeout
        // = t`) configures it in a way the table does not describe.
        for (size_t N = K->size() - 1; N >= 1; --N) {
          HandleKey Prefix(K->begin(), K->begin() + N);
          if (HandleKeys.count(Prefix) && get(St, Prefix).Lib) {
            markOutOfSight(Prefix, St);
            break;
          }
        }
      }
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD->getInit())
          assign(HandleKey{VD}, VD->getInit(), St);
    return;
  }
  if (const auto *RS = dyn_cast<ReturnStmt>(S)) {
    if (Record && RS->getRetValue()) {
      HandleState V = valueOf(RS->getRetValue(), St);
      if (Result->Returned)
        Result->Returned->join(V);
      else
        Result->Returned = V;
    }
    return;
  }
}

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
  collectSetMembers(Body);

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
        transfer(CS->getStmt(), St, Record);
      else if (auto CI = E.getAs<CFGInitializer>()) {
        const CXXCtorInitializer *Init = CI->getInitializer();
        if (Init->getMember() && Init->getInit())
          assign(HandleKey{nullptr, Init->getMember()}, Init->getInit(), St);
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

// ---------------------------------------------------------------------------
// HandleConfigAnalysis

HandleConfigAnalysis::HandleConfigAnalysis(ASTContext &Ctx,
                                           llvm::ArrayRef<LibraryModel> Libraries,
                                           uint64_t MaxReasonableTimeoutMs)
    : Ctx(Ctx), T(Libraries, MaxReasonableTimeoutMs) {}
HandleConfigAnalysis::~HandleConfigAnalysis() = default;

const RequestCall *HandleConfigAnalysis::asRequest(const CallExpr *Call,
                                                   const LibraryModel **Lib) const {
  LibCall LC = T.classify(Call->getDirectCallee());
  if (LC.K != LibCall::Request)
    return nullptr;
  if (Lib)
    *Lib = LC.Lib;
  return LC.Req;
}

const Expr *HandleConfigAnalysis::handleArgument(const CallExpr *Call,
                                                 const LibraryModel &Lib,
                                                 const RequestCall &Req) {
  (void)Lib;
  if (!Req.HandleType.empty()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return nullptr;
    unsigned Shift = isa<CXXOperatorCallExpr>(Call) &&
                             isa<CXXMethodDecl>(Callee)
                         ? 1
                         : 0;
    for (unsigned I = 0; I < Callee->getNumParams(); ++I)
      if (isRecordNamed(Callee->getParamDecl(I)->getType(), Req.HandleType))
        return I + Shift < Call->getNumArgs() ? Call->getArg(I + Shift)
                                              : nullptr;
    return nullptr;
  }
  return argumentAt(Call, Req.HandleArg);
}


static Mode modeOf(bool Neutral, bool Field) {
  if (Field)
    return Mode::FieldSummary;
  return Neutral ? Mode::ParamEffect : Mode::Real;
}

const HandleConfigAnalysis::FunctionResult *
HandleConfigAnalysis::analyze(const FunctionDecl *FD, bool Neutral) {
  return analyzeIn(FD, int(modeOf(Neutral, false)));
}

const HandleConfigAnalysis::FunctionResult *
HandleConfigAnalysis::analyzeIn(const FunctionDecl *FD, int ModeValue) {
  auto Key = std::make_pair(FD, ModeValue);
  auto It = Results.find(Key);
  if (It != Results.end())
    return It->second.get();
  if (InProgress.count(Key) || Depth > 8)
    return nullptr; // recursion, or too deep to be worth it
  InProgress.insert(Key);
  ++Depth;
  auto R = std::make_unique<FunctionResult>();
  HandleFlow Flow(*this, FD, static_cast<Mode>(ModeValue));
  bool OK = Flow.run(*R);
  --Depth;
  InProgress.erase(Key);
  auto &Slot = Results[Key];
  Slot = OK ? std::move(R) : nullptr;
  return Slot.get();
}

const RequestFact *HandleConfigAnalysis::factAt(const CallExpr *Call,
                                                const FunctionDecl *Enclosing) {
  const FunctionResult *R = analyzeIn(Enclosing, int(Mode::Real));
  if (!R)
    return nullptr;
  auto It = R->Facts.find(Call);
  return It == R->Facts.end() ? nullptr : &It->second;
}

const HandleState *
HandleConfigAnalysis::returnedHandle(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() ||
      Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  const FunctionResult *R = analyzeIn(Def, int(Mode::Real));
  if (!R || !R->Returned)
    return nullptr;
  return &*R->Returned;
}

HandleState HandleConfigAnalysis::fieldAtEntry(const FieldDecl *Field) {
  auto It = FieldSummaries.find(Field);
  if (It != FieldSummaries.end())
    return It->second;
  if (FieldsInProgress.count(Field))
    return HandleState::fresh(nullptr);
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD || !RD->hasDefinition())
    return HandleState::outOfSight(nullptr);
  FieldsInProgress.insert(Field);

  HandleState Summary;
  bool Touched = false;
  bool SomethingUnseen = false;
  HandleKey Key{nullptr, Field};
  auto Take = [&](const FunctionResult *R) {
    if (!R) {
      SomethingUnseen = true;
      return;
    }
    auto E = R->Exit.find(Key);
    if (E == R->Exit.end())
      return;
    if (!Touched)
      Summary = E->second;
    else
      Summary.join(E->second);
    Touched = true;
  };
  for (const CXXMethodDecl *MD : methodsOf(RD)) {
    if (MD->isImplicit() || MD->isDeleted() || MD->isDefaulted() ||
        isPureVirtual(MD))
      continue;
    const FunctionDecl *Def = MD->getDefinition();
    if (!Def || !Def->hasBody()) {
      // Methods a macro declares (Q_OBJECT's, defined by moc) are library
      // code: they do not configure the class's handles.
      if (!MD->getLocation().isMacroID())
        SomethingUnseen = true;
      continue;
    }
    // A setter wrapper writes what its callers pass: one summary per call.
    if (forwardsToSetter(Def) && !callSites().callersOf(Def).empty()) {
      for (const auto &Site : callSites().callersOf(Def)) {
        auto R = analyzeBound(Def, int(Mode::FieldSummary),
                              argumentBindings(Site.first, Def));
        Take(R.get());
      }
      continue;
    }
    Take(analyzeIn(Def, int(Mode::FieldSummary)));
  }
  if (Field->hasInClassInitializer() && Field->getInClassInitializer()) {
    const Expr *IE = strip(Field->getInClassInitializer());
    const LibraryModel *L = nullptr;
    if (const auto *CE = dyn_cast<CallExpr>(IE)) {
      LibCall LC = T.classify(CE->getDirectCallee());
      if (LC.K == LibCall::Creator)
        L = LC.Lib;
    }
    if (!L && isa<CXXConstructExpr>(IE))
      L = T.libraryOfHandleType(IE->getType());
    if (L) {
      if (!Touched)
        Summary = HandleState::fresh(L);
      else
        Summary.join(HandleState::fresh(L));
      Touched = true;
    }
  }
  // A handle held by value is constructed with its class: unbounded unless
  // some method configures it.
  if (!Touched && !Field->getType()->isPointerType())
    if (const LibraryModel *L = T.libraryOfHandleType(Field->getType())) {
      Summary = HandleState::fresh(L);
      Touched = true;
    }
  FieldsInProgress.erase(Field);
  // A wait in one method does not carry over to a read in another.
  if (Summary.Lib)
    for (unsigned I = 0; I < Summary.Slots.size() && I < Summary.Lib->Slots.size(); ++I)
      if (Summary.Lib->Slots[I].WaitBefore) {
        Summary.Slots[I] = NotSet;
        Summary.Witness[I] = nullptr;
      }
  if (!Touched)
    Summary = HandleState::outOfSight(nullptr);
  if (SomethingUnseen)
    Summary.OutOfSight = true;
  FieldSummaries[Field] = Summary;
  return Summary;
}

} // namespace model
} // namespace resilience
