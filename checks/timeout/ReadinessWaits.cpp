//===--- ReadinessWaits.cpp - poll/select over sets of descriptors --------===//
//
// Part of the per-function flow (HandleFlow.h), class WaitSets: which
// handles a wait watches, the wait's timeout written on them, and a request
// using it up.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleFlow.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace resilience {
namespace model {

using namespace clang;
using namespace table;

/// The name of a record type (through pointers, arrays and references), or
/// of the typedef that names an anonymous one (`fd_set`).
static llvm::StringRef recordTypeName(QualType T) {
  for (unsigned I = 0; I < 4 && !T.isNull(); ++I) {
    T = T.getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    else if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
      T = AT->getElementType();
    else
      break;
  }
  const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
  if (!RD)
    return {};
  if (RD->getIdentifier())
    return RD->getName();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName();
  return {};
}

/// The variable a set expression names: `&p`, `fds`, `fds[i]`, `*set`.
static const VarDecl *setRoot(const Expr *E) {
  for (unsigned I = 0; E && I < 6; ++I) {
    E = strip(E);
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref) {
        E = UO->getSubExpr();
        continue;
      }
      return nullptr;
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      E = AS->getBase();
      continue;
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(DRE->getDecl());
    return nullptr;
  }
  return nullptr;
}

/// Is \p Loc inside an expansion of the macro \p Name?
static bool inMacro(SourceLocation Loc, llvm::StringRef Name, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (unsigned I = 0; Loc.isMacroID() && I < 8; ++I) {
    if (Lexer::getImmediateMacroName(Loc, SM, Ctx.getLangOpts()) == Name)
      return true;
    Loc = SM.getImmediateMacroCallerLoc(Loc);
  }
  return false;
}

WaitSets::WaitSets(HandleFlow &Flow) : Flow(Flow), T(Flow.T), Ctx(Flow.Ctx) {}

void WaitSets::noteEvents(const VarDecl *Set, const Expr *Events,
                            const ReadinessWait &RW) {
  auto &E = SetEvents[Set];
  E.first = true;
  for (llvm::StringRef Flag : RW.ReadEvents)
    if (mentionsFlag(Events, Flag, Ctx))
      E.second = true;
}

void WaitSets::noteSetInit(const VarDecl *Set, const Expr *Init,
                             const ReadinessWait &RW) {
  const auto *ILE = dyn_cast_or_null<InitListExpr>(strip(Init));
  if (!ILE || RW.SetField.empty())
    return;
  if (ILE->getType()->isArrayType()) {
    for (const Expr *E : ILE->inits())
      noteSetInit(Set, E, RW);
    return;
  }
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD || recordTypeName(ILE->getType()) != RW.SetRecord)
    return;
  unsigned Index = 0;
  for (const FieldDecl *F : RD->fields()) {
    if (Index < ILE->getNumInits()) {
      if (F->getName() == RW.SetField)
        if (auto K = Flow.keyOf(T.lookThrough(ILE->getInit(Index))))
          SetMembers[Set].push_back(*K);
      if (!RW.EventsField.empty() && F->getName() == RW.EventsField)
        noteEvents(Set, ILE->getInit(Index), RW);
    }
    ++Index;
  }
}

void WaitSets::collectSetMembers(const Stmt *Root) {
  // Iterative, in source order: an expression can nest thousands deep
  // (x+x+...+x) where clang itself has no trouble.
  llvm::SmallVector<const Stmt *, 64> Work{Root};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    for (const LibraryModel &L : T.libraries())
      for (const ReadinessWait &RW : L.ReadinessWaits) {
        // `pfd.fd = fd`, `fds[n].fd = fd`
        if (const auto *BO = dyn_cast<BinaryOperator>(S))
          if (BO->getOpcode() == BO_Assign && !RW.SetField.empty())
            if (const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS())))
              if (ME->getMemberDecl()->getName() == RW.SetField &&
                  recordTypeName(ME->getBase()->getType()) == RW.SetRecord)
                if (const VarDecl *Set = setRoot(ME->getBase()))
                  if (auto K = Flow.keyOf(T.lookThrough(BO->getRHS())))
                    SetMembers[Set].push_back(*K);
        // `pfd.events = POLLOUT`, `pfd.events |= POLLIN`
        if (const auto *BO = dyn_cast<BinaryOperator>(S))
          if ((BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_OrAssign) &&
              !RW.EventsField.empty())
            if (const auto *ME = dyn_cast<MemberExpr>(strip(BO->getLHS())))
              if (ME->getMemberDecl()->getName() == RW.EventsField &&
                  recordTypeName(ME->getBase()->getType()) == RW.SetRecord)
                if (const VarDecl *Set = setRoot(ME->getBase()))
                  noteEvents(Set, BO->getRHS(), RW);
        // `struct pollfd p = {fd, POLLIN, 0}`
        if (const auto *DS = dyn_cast<DeclStmt>(S))
          for (const Decl *D : DS->decls())
            if (const auto *VD = dyn_cast<VarDecl>(D))
              if (VD->getInit() && recordTypeName(VD->getType()) == RW.SetRecord)
                noteSetInit(VD, VD->getInit(), RW);
        // FD_SET(fd, &set): the macro's expansion mentions both.
        if (const auto *CA = dyn_cast<CompoundAssignOperator>(S))
          if (!RW.SetMacro.empty() && inMacro(CA->getBeginLoc(), RW.SetMacro, Ctx)) {
            const VarDecl *Set = nullptr;
            llvm::SmallVector<HandleKey, 2> Members;
            llvm::SmallVector<const Stmt *, 16> Work{CA};
            while (!Work.empty()) {
              const Stmt *X = Work.pop_back_val();
              if (!X)
                continue;
              if (const auto *E = dyn_cast<Expr>(X)) {
                if (isa<DeclRefExpr>(E) || isa<MemberExpr>(E)) {
                  if (recordTypeName(E->getType()) == RW.SetRecord) {
                    if (const VarDecl *V = setRoot(E))
                      Set = V;
                  } else if (E->getType()->isIntegerType()) {
                    if (auto K = Flow.keyOf(E))
                      if (Flow.HandleKeys.count(*K))
                        Members.push_back(*K);
                  }
                }
              }
              if (const auto *DS = dyn_cast<DeclStmt>(X))
                for (const Decl *D : DS->decls())
                  if (const auto *VD = dyn_cast<VarDecl>(D))
                    Work.push_back(VD->getInit());
              for (const Stmt *C : X->children())
                Work.push_back(C);
            }
            if (Set)
              for (const HandleKey &K : Members)
                SetMembers[Set].push_back(K);
          }
      }
    llvm::SmallVector<const Stmt *, 8> Kids(S->child_begin(), S->child_end());
    Work.append(Kids.rbegin(), Kids.rend());
  }
}

/// poll(fds, n, timeout): the wait's timeout, written on every handle in the
/// sets it watches. The library of a handle is not set here: a descriptor
/// is known to be a socket only from where it was made.
void WaitSets::transferWait(const CallExpr *CE, FlowState &St) {
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return;
  std::string Qualified = calleeName(Callee);
  for (const LibraryModel &L : T.libraries())
    for (const ReadinessWait &RW : L.ReadinessWaits) {
      // "poll" is the C function; "zmq::poll" names its namespace.
      llvm::StringRef Name =
          RW.Function.contains("::") ? llvm::StringRef(Qualified)
                                     : Callee->getName();
      if (Name != RW.Function || RW.TimeoutArg >= CE->getNumArgs() ||
          RW.Slot >= L.Slots.size())
        continue;
      uint8_t V = T.classifyValue(CE->getArg(RW.TimeoutArg), L.Slots[RW.Slot], Ctx);
      for (unsigned A : RW.SetArgs) {
        if (A >= CE->getNumArgs())
          continue;
        // Another library's wait of the same name watches other sets.
        if (recordTypeName(CE->getArg(A)->getType()) != RW.SetRecord)
          continue;
        const VarDecl *Set = setRoot(CE->getArg(A));
        auto It = Set ? SetMembers.find(Set) : SetMembers.end();
        if (It == SetMembers.end())
          continue;
        auto Ev = SetEvents.find(Set);
        if (Ev != SetEvents.end() && Ev->second.first && !Ev->second.second)
          continue; // waits for output only: no read waits behind it
        for (const HandleKey &K : It->second) {
          if (!Flow.HandleKeys.count(K))
            continue;
          HandleState S = Flow.get(St, K);
          S.write(RW.Slot, V, CE);
          St[K] = S;
        }
      }
    }
}

void WaitSets::consumeWaits(const CallExpr *CE, const LibCall &LC,
                              FlowState &St) {
  const Expr *HE = HandleConfigAnalysis::handleArgument(CE, *LC.Lib, *LC.Req);
  auto K = HE ? Flow.keyOf(T.lookThrough(HE)) : std::nullopt;
  auto It = K ? St.find(*K) : St.end();
  if (It == St.end())
    return;
  for (unsigned G = 0; G < LC.Lib->BoundingGroups.size(); ++G) {
    if (!LC.Req->Groups.empty() && !llvm::is_contained(LC.Req->Groups, G))
      continue;
    for (unsigned Slot : LC.Lib->BoundingGroups[G])
      if (Slot < LC.Lib->Slots.size() && LC.Lib->Slots[Slot].WaitBefore &&
          Slot < It->second.Slots.size()) {
        It->second.Slots[Slot] = NotSet;
        It->second.Witness[Slot] = nullptr;
      }
  }
}

} // namespace model
} // namespace resilience
