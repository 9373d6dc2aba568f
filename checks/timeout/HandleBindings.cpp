//===--- HandleBindings.cpp - Helpers summarized per call, accessor keys --===//
//
// Two ways the flow names what the caller names:
//
// - A generic setter wrapper (`SetOption(handle, CURLOPT_TIMEOUT, 30L)`
//   whose body calls `curl_easy_setopt(h, option, value)`) writes whatever
//   option its caller passes. Such a helper is summarized once per call,
//   with its parameters bound to the call's arguments; a bound argument that
//   is itself a parameter of a bound helper is followed up the chain.
// - An accessor (`task.easy()`) names the handle it returns: the field its
//   body returns, or, when its body is elsewhere, the accessor itself, under
//   the key of the object it is called on. A helper that receives the object
//   and configures `task.easy()` configures the caller's `task.easy()`.
//
//===----------------------------------------------------------------------===//

#include "timeout/HandleConfig.h"
#include "ast/CallSites.h"
#include "timeout/HandleFlow.h"
#include "ast/TableLookup.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"

namespace resilience {
namespace model {

using namespace clang;
using namespace table;
using llvm::isAlnum;

const Expr *HandleFlow::bound(const Expr *E) const {
  if (!Bound)
    return E;
  const Expr *S = strip(E);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(S))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
      auto It = Bound->find(P);
      if (It != Bound->end() && It->second)
        return It->second;
    }
  return E;
}

HandleFlow::Bindings
HandleFlow::bindingsFor(const CallExpr *CE, const FunctionDecl *Callee) const {
  Bindings B = HandleConfigAnalysis::argumentBindings(CE, Callee);
  for (auto &KV : B)
    KV.second = bound(KV.second);
  return B;
}

namespace {
/// Is \p E (stripped) a reference to one of \p FD's parameters?
bool isParamOf(const Expr *E, const FunctionDecl *FD) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(strip(E));
  const auto *P = DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  return P && P->getDeclContext() == FD;
}

class CallFinder : public ConstStmtVisitor<CallFinder> {
public:
  std::vector<const CallExpr *> Calls;
  void VisitStmt(const Stmt *S) {
    for (const Stmt *C : S->children())
      if (C)
        Visit(C);
  }
  void VisitCallExpr(const CallExpr *C) {
    Calls.push_back(C);
    VisitStmt(C);
  }
  void VisitLambdaExpr(const LambdaExpr *) {}
};
} // namespace

bool HandleConfigAnalysis::forwardsToSetter(const FunctionDecl *FD,
                                            unsigned Level) {
  if (!FD || !FD->hasBody() || Level > 3 ||
      Ctx.getSourceManager().isInSystemHeader(FD->getLocation()))
    return false;
  auto It = Forwarders.find(FD);
  if (It != Forwarders.end())
    return It->second;
  Forwarders[FD] = false; // recursion
  CallFinder F;
  F.Visit(FD->getBody());
  bool Found = false;
  for (const CallExpr *CE : F.Calls) {
    LibCall LC = T.classify(CE->getDirectCallee());
    if (LC.K == LibCall::Setter)
      Found = isParamOf(argumentAt(CE, LC.Set->OptionArg), FD) ||
              isParamOf(argumentAt(CE, LC.Set->ValueArg), FD);
    else if (LC.K == LibCall::SlotSet && !LC.Slot->Fixed)
      Found = isParamOf(argumentAt(CE, LC.Slot->ValueArg), FD);
    else if (LC.K == LibCall::None && CE->getDirectCallee()) {
      const FunctionDecl *Def = CE->getDirectCallee()->getDefinition();
      Found = Def && llvm::any_of(CE->arguments(), [&](const Expr *Arg) {
                return isParamOf(Arg, FD);
              }) && forwardsToSetter(Def, Level + 1);
    }
    if (Found)
      break;
  }
  Forwarders[FD] = Found;
  return Found;
}

std::unique_ptr<HandleConfigAnalysis::FunctionResult>
HandleConfigAnalysis::analyzeBound(const FunctionDecl *FD, int ModeValue,
                                   const Bindings &B) {
  auto Key = std::make_pair(FD, ModeValue);
  if (InProgress.count(Key) || Depth > 8)
    return nullptr;
  InProgress.insert(Key);
  ++Depth;
  auto R = std::make_unique<FunctionResult>();
  HandleFlow Flow(*this, FD, static_cast<Mode>(ModeValue), &B);
  bool OK = Flow.run(*R);
  --Depth;
  InProgress.erase(Key);
  if (!OK)
    return nullptr;
  return R;
}

/// The field an accessor's body returns: `return easy_;`,
/// `return easy_.get();`, `return this->easy_;`.
static const FieldDecl *returnedField(const CXXMethodDecl *MD,
                                      const table::Lookup &T) {
  const FunctionDecl *Def = MD->getDefinition();
  const auto *Body = Def ? dyn_cast_or_null<CompoundStmt>(Def->getBody())
                         : nullptr;
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(T.lookThrough(Ret->getRetValue()));
  if (!ME || !isa<CXXThisExpr>(strip(ME->getBase())))
    return nullptr;
  return dyn_cast<FieldDecl>(ME->getMemberDecl());
}

std::optional<HandleKey>
HandleFlow::accessorKey(const CXXMemberCallExpr *MC) const {
  const CXXMethodDecl *MD = MC->getMethodDecl();
  if (!MD || MC->getNumArgs() != 0 || MD->isStatic() ||
      !MD->getDeclName().isIdentifier() ||
      Ctx.getSourceManager().isInSystemHeader(MD->getLocation()))
    return std::nullopt;
  QualType RT = MD->getReturnType();
  if (!RT->isPointerType() && !RT->isReferenceType() &&
      !T.libraryOfHandleType(RT))
    return std::nullopt;
  if (T.classify(MD).K != LibCall::None)
    return std::nullopt;
  const Decl *Step = returnedField(MD, T);
  // An accessor defined elsewhere names the same handle each time only if
  // it cannot change the object.
  if (!Step && MD->isConst() && !MD->getDefinition())
    Step = MD->getCanonicalDecl();
  if (!Step)
    return std::nullopt;
  const Expr *Base = strip(MC->getImplicitObjectArgument());
  std::optional<HandleKey> BK;
  if (isa<CXXThisExpr>(Base))
    BK = HandleKey{nullptr};
  else
    BK = keyOf(Base);
  if (!BK || BK->size() >= 4)
    return std::nullopt;
  BK->push_back(Step);
  return BK;
}

bool HandleFlow::droppedConfiguration() const {
  if (!Ctx.getDiagnostics().hasErrorOccurred() || !FD->getBody())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef Text = Lexer::getSourceText(
      SM.getExpansionRange(FD->getBody()->getSourceRange()), SM,
      Ctx.getLangOpts());
  llvm::StringMap<unsigned> InText, InAst;
  auto Count = [&](llvm::StringRef Name) {
    Name = Name.rsplit("::").second.empty() ? Name : Name.rsplit("::").second;
    if (Name.empty() || Name.contains('*') || InText.count(Name))
      return;
    unsigned N = 0;
    for (size_t At = Text.find(Name); At != llvm::StringRef::npos;
         At = Text.find(Name, At + 1)) {
      bool Before = At > 0 && (isAlnum(Text[At - 1]) || Text[At - 1] == '_');
      size_t End = At + Name.size();
      bool After = End < Text.size() && (isAlnum(Text[End]) || Text[End] == '_');
      N += !Before && !After;
    }
    InText[Name] = N;
  };
  for (const LibraryModel &L : T.libraries()) {
    for (const OptionSetter &S : L.Setters)
      Count(S.Function);
    for (const SlotSetter &S : L.SlotSetters)
      Count(S.Function);
  }
  CallFinder F;
  F.Visit(FD->getBody());
  for (const CallExpr *CE : F.Calls)
    if (const FunctionDecl *Callee = calleeOf(CE))
      if (Callee->getIdentifier() && InText.count(Callee->getName()))
        ++InAst[Callee->getName()];
  for (const auto &KV : InText)
    if (KV.second > InAst.lookup(KV.first()))
      return true;
  return false;
}

void HandleFlow::recordArguments(const CallExpr *CE, const FunctionDecl *Def,
                                 const FlowState &St) {
  if (Def->isExternallyVisible() || isa<CXXOperatorCallExpr>(CE))
    return;
  FlowState Copy = St;
  for (unsigned I = 0; I < CE->getNumArgs() && I < Def->getNumParams(); ++I) {
    std::map<HandleKey, HandleState> &Out = Result->ArgStates[{CE, I}];
    const Expr *Arg = CE->getArg(I);
    std::optional<HandleKey> K = keyOf(Arg);
    if (!K)
      if (const auto *UO = dyn_cast<UnaryOperator>(strip(Arg)))
        if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)
          K = keyOf(UO->getSubExpr());
    if (!K) {
      Out[HandleKey{}] = valueOf(T.lookThrough(Arg), Copy);
      continue;
    }
    Out[HandleKey{}] = get(Copy, *K);
    for (const HandleKey &H : HandleKeys)
      if (H.size() > K->size() && std::equal(K->begin(), K->end(), H.begin()))
        Out[HandleKey(H.begin() + K->size(), H.end())] = get(Copy, H);
  }
}

std::optional<HandleState>
HandleConfigAnalysis::paramFromCallers(const ParmVarDecl *P,
                                       const HandleKey &Suffix) {
  const auto *Fn = dyn_cast_or_null<FunctionDecl>(P->getDeclContext());
  if (!Fn || Fn->isExternallyVisible() || isa<CXXMethodDecl>(Fn) ||
      callSites().addressTaken(Fn))
    return std::nullopt;
  auto Sites = callSites().callersOf(Fn);
  if (Sites.empty())
    return std::nullopt;
  unsigned Index = P->getFunctionScopeIndex();
  std::optional<HandleState> Joined;
  for (const auto &Site : Sites) {
    const FunctionResult *R = Site.second
                                  ? analyzeIn(Site.second, int(Mode::Real))
                                  : nullptr;
    if (!R)
      return std::nullopt;
    auto It = R->ArgStates.find({Site.first, Index});
    if (It == R->ArgStates.end())
      return std::nullopt;
    auto S = It->second.find(Suffix);
    if (S == It->second.end())
      return std::nullopt;
    if (!Joined)
      Joined = S->second;
    else
      Joined->join(S->second);
  }
  return Joined;
}

HandleState HandleFlow::constructedMember(const VarDecl *VD,
                                          const HandleKey &K) {
  // `Task task;` whose constructor made the handle: what the constructor
  // leaves in the field. A constructor out of sight, or an accessor whose
  // body is elsewhere, leaves it out of sight.
  const auto *Field = dyn_cast<FieldDecl>(K[1]);
  const auto *CC = dyn_cast_or_null<CXXConstructExpr>(
      VD->getInit() ? strip(VD->getInit()) : nullptr);
  if (!Field)
    return HandleState::outOfSight(nullptr);
  if (!CC || !CC->getConstructor())
    return HandleState::fresh(nullptr); // `struct job j = {NULL, 0};`
  const CXXConstructorDecl *Ctor = CC->getConstructor();
  if (!Ctor->isUserProvided())
    return HandleState::fresh(nullptr);
  const FunctionDecl *Def = Ctor->getDefinition();
  if (!Def || !Def->hasBody())
    return HandleState::outOfSight(nullptr);
  const HandleConfigAnalysis::FunctionResult *R =
      A.analyzeIn(Def, int(Mode::FieldSummary));
  if (!R)
    return HandleState::outOfSight(nullptr);
  auto It = R->Exit.find(HandleKey{nullptr, Field});
  if (It == R->Exit.end())
    return HandleState::fresh(nullptr);
  return It->second;
}

CallSites &HandleConfigAnalysis::callSites() {
  if (!Sites)
    Sites = std::make_unique<CallSites>(Ctx);
  return *Sites;
}

std::vector<const CXXMethodDecl *>
HandleConfigAnalysis::methodsOf(const CXXRecordDecl *RD) {
  std::vector<const CXXMethodDecl *> Out(RD->method_begin(), RD->method_end());
  for (const Decl *D : RD->decls())
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D))
      for (const FunctionDecl *Spec : FT->specializations())
        if (const auto *MD = dyn_cast<CXXMethodDecl>(Spec))
          Out.push_back(MD);
  return Out;
}

HandleConfigAnalysis::Bindings
HandleConfigAnalysis::argumentBindings(const CallExpr *CE,
                                       const FunctionDecl *Callee) {
  Bindings B;
  unsigned Shift = isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(Callee)
                       ? 1
                       : 0;
  for (unsigned I = 0; I < Callee->getNumParams(); ++I)
    if (I + Shift < CE->getNumArgs())
      B[Callee->getParamDecl(I)] = CE->getArg(I + Shift);
  return B;
}

} // namespace model
} // namespace resilience
