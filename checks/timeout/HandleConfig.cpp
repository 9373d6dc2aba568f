//===--- HandleConfig.cpp - Is this handle bounded before this call? ------===//
//
// The analysis object: HandleState's join, and HandleConfigAnalysis, which
// runs the flow (HandleFlow.cpp, its transfer functions in
// HandleTransfer.cpp) per function and mode, caches the results for the
// translation unit, and summarizes what a class's methods leave in a field.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleConfig.h"
#include "LLVMCompat.h"
#include "timeout/HandleFlow.h"
#include "ast/CallSites.h"
#include "ast/TableLookup.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace resilience {
namespace model {

using namespace clang;

// ---------------------------------------------------------------------------
// HandleState

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

using namespace table;

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
