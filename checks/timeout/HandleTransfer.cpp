//===--- HandleTransfer.cpp - What each statement does to the handles -----===//
//
// The transfer functions of the flow (HandleFlow.cpp): an assignment or an
// initializer gives a key the value of its right-hand side; a library call
// writes a slot (a setter, a slot setter, a flag argument, a resetter); a
// request records its fact and uses up the readiness waits before it; a
// call of a helper defined in the translation unit applies the helper's
// summary to the arguments it receives, and a call out of sight puts the
// handles it receives out of sight.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleFlow.h"
#include "LLVMCompat.h"
#include "ast/TableLookup.h"
#include "timeout/KeywordBounds.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include <optional>

namespace resilience {
namespace model {

using namespace clang;
using namespace table;

namespace {
bool isNonRecordPointer(QualType T) {
  return T->isPointerType() && !T->getPointeeType()->isRecordType();
}
} // namespace

HandleTransfer::HandleTransfer(HandleFlow &Flow)
    : Flow(Flow), A(Flow.A), T(Flow.T), Ctx(Flow.Ctx) {}

void HandleTransfer::assign(const HandleKey &K, const Expr *RHS,
                            FlowState &St) {
  if (!Flow.HandleKeys.count(K))
    return;
  St[K] = Flow.valueOf(RHS, St);
}

void HandleTransfer::markOutOfSight(const HandleKey &Prefix, FlowState &St) {
  for (const HandleKey &H : Flow.HandleKeys)
    if (H.size() >= Prefix.size() &&
        std::equal(Prefix.begin(), Prefix.end(), H.begin())) {
      HandleState S = Flow.get(St, H);
      S.OutOfSight = true;
      St[H] = S;
    }
}

void HandleTransfer::transferCall(const CallExpr *CE, FlowState &St,
                                  bool Record) {
  const FunctionDecl *Callee = calleeOf(CE);
  LibCall LC = T.classify(Callee);
  auto HandleAt = [&](unsigned I) -> std::optional<HandleKey> {
    const Expr *H = argumentAt(CE, I);
    if (!H)
      return std::nullopt;
    return Flow.keyOf(T.lookThrough(H));
  };
  auto Write = [&](const HandleKey &K, unsigned Slot, uint8_t V) {
    HandleState S = Flow.get(St, K);
    if (!S.Lib) {
      S.Lib = LC.Lib;
      sizeFor(S, LC.Lib->Slots.size());
    }
    S.write(Slot, V, CE);
    St[K] = S;
  };

  Flow.Waits.transferWait(CE, St);

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
          HandleState S = Flow.get(St, *K);
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
    const Expr *OptE = Flow.bound(CE->getArg(LC.Set->OptionArg));
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
            T.classifyValue(Flow.bound(CE->getArg(LC.Set->ValueArg)),
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
      V = Val ? T.classifyValue(Flow.bound(Val), LC.Lib->Slots[LC.Slot->Slot],
                                Ctx)
              : uint8_t(Finite);
    }
    Write(*K, LC.Slot->Slot, V);
    return;
  }
  case LibCall::Resetter:
    if (auto K = HandleAt(0))
      St[*K] = HandleState::fresh(LC.Lib);
    return;
  case LibCall::Request:
    transferRequest(CE, LC, St, Record);
    return;
  case LibCall::Creator:
  case LibCall::BoundedCreator:
  case LibCall::Copier:
  case LibCall::Own:
    return;
  case LibCall::None:
    break;
  }

  transferHelperCall(CE, Callee, St, Record);
}

/// A request: records its fact (the handle's state, what a second object
/// and the call's own arguments add) when \p Record, and uses up the
/// readiness waits that bound it.
void HandleTransfer::transferRequest(const CallExpr *CE, const LibCall &LC,
                                 FlowState &St, bool Record) {
  // A readiness wait is used up by the next request that it bounds.
  if (!Record) {
    Flow.Waits.consumeWaits(CE, LC, St);
    return;
  }
  RequestFact F;
  F.Lib = LC.Lib;
  F.Request = LC.Req;
  if (const Expr *HE =
          HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req)) {
    F.Handle = T.lookThrough(HE);
    if (auto K = Flow.keyOf(T.lookThrough(HE))) {
      F.State = Flow.get(St, *K);
      F.Resolved = true;
    } else {
      F.State = Flow.valueOf(T.lookThrough(HE), St);
      F.Resolved = !F.State.OutOfSight;
    }
  } else if (LC.Req->HandleArg == NoArg) {
    // No handle: the call's own arguments are all there is.
    F.State = HandleState::fresh(LC.Lib);
    F.Resolved = true;
  }
  if (const Expr *Also = argumentAt(CE, LC.Req->AlsoHandleArg)) {
    Also = T.lookThrough(Also);
    auto AK = Flow.keyOf(Also);
    HandleState Other = AK ? Flow.get(St, *AK) : Flow.valueOf(Also, St);
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
    bool Wrote = Flow.applyKeywords(CE, *LC.Req, F.State);
    if (const Expr *HE =
            HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req))
      if (auto K = Flow.keyOf(T.lookThrough(HE))) {
        HandleState H = Flow.get(St, *K);
        if (!H.Lib) {
          H.Lib = LC.Lib;
          sizeFor(H, LC.Lib->Slots.size());
        }
        Flow.applyKeywords(CE, *LC.Req, H);
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
  Flow.Result->Facts[CE] = F;
  Flow.Waits.consumeWaits(CE, LC, St);
}

/// Not a library call: a helper defined here, or a function out of sight.
void HandleTransfer::transferHelperCall(const CallExpr *CE,
                                    const FunctionDecl *Callee,
                                    FlowState &St, bool Record) {
  if (isa<CXXOperatorCallExpr>(CE))
    return;
  const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
  bool SystemCallee =
      Callee && Ctx.getSourceManager().isInSystemHeader(Callee->getLocation());
  if (Record && Def && Def->hasBody() && !SystemCallee)
    Flow.recordArguments(CE, Def, St);
  for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
    const Expr *Arg = strip(CE->getArg(I));
    std::optional<HandleKey> K = Flow.keyOf(Arg);
    bool AddressOf = false;
    if (!K)
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg)) {
        if (UO->getOpcode() == UO_AddrOf) {
          K = Flow.keyOf(UO->getSubExpr());
          AddressOf = true;
        } else if (UO->getOpcode() == UO_Deref &&
                   strip(UO->getSubExpr())->getType()->isPointerType() &&
                   strip(UO->getSubExpr())
                       ->getType()
                       ->getPointeeType()
                       ->isRecordType()) {
          K = Flow.keyOf(UO->getSubExpr()); // `helper(*task)`: the same object
        }
      }
    if (!K || SystemCallee)
      continue;
    bool Visible = Def && Def->hasBody() && I < Def->getNumParams();
    // Arguments of a helper we can see are followed whatever they are (the
    // helper's summary says whether it touches a handle); an unknown callee
    // only matters for what is already known to be a handle.
    if (!Visible && !Flow.isHandleOrPrefix(*K))
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
                               Flow.bindingsFor(CE, Def));
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
      HandleState S = Flow.get(St, Target);
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
      Flow.HandleKeys.insert(Target);
    }
  }
}


void HandleTransfer::transfer(const Stmt *S, FlowState &St, bool Record) {
  // `h = make()` on a class type (a smart pointer, a client object).
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S))
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      if (auto K = Flow.keyOf(OC->getArg(0)))
        if (Flow.HandleKeys.count(*K)) {
          assign(*K, OC->getArg(1), St);
          return;
        }
  if (const auto *CE = dyn_cast<CallExpr>(S)) {
    transferCall(CE, St, Record);
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign)
      if (auto K = Flow.keyOf(BO->getLHS())) {
        assign(*K, BO->getRHS(), St);
        // A write into a handle's own fields (`m->options.connect_timeout
        // = t`) configures it in a way the table does not describe.
        for (size_t N = K->size() - 1; N >= 1; --N) {
          HandleKey Prefix(K->begin(), K->begin() + N);
          if (Flow.HandleKeys.count(Prefix) && Flow.get(St, Prefix).Lib) {
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
      HandleState V = Flow.valueOf(RS->getRetValue(), St);
      if (Flow.Result->Returned)
        Flow.Result->Returned->join(V);
      else
        Flow.Result->Returned = V;
    }
    return;
  }
}

} // namespace model
} // namespace resilience
