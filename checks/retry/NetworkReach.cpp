//===--- NetworkReach.cpp - Which calls talk to a remote peer -------------===//

#include "retry/NetworkReach.h"
#include "knowledge/LibraryTable.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;

namespace resilience {
namespace model {

RemoteCallClassifier::RemoteCallClassifier(
    const std::vector<std::string> &UserRequests) {
  // Library requests are entry points of C APIs or methods; the table names
  // them unqualified, as the global functions they are.
  for (const LibraryModel &L : builtinLibraries())
    for (const RequestCall &R : L.Requests)
      Requests.add(R.Function.contains("::") ? R.Function.str()
                                             : ("::" + R.Function).str());
  const RetryKnowledge &K = retryKnowledge();
  Requests.add(K.ExtraRemoteOperations);
  Requests.add(UserRequests);
  Streams.add(K.StreamOperations);
  EventLoops.add(K.EventLoopCalls);
  ContextTypes.add(K.RemoteContextTypes);
  ResultTypes.add(K.RemoteResultTypes);
}

/// The class of a `T*` argument, or of an lvalue argument (bound to a
/// `T&` parameter).
static const CXXRecordDecl *pointeeRecord(QualType T) {
  if (T.isNull())
    return nullptr;
  if (T->isPointerType() || T->isReferenceType())
    T = T->getPointeeType();
  return T->getAsCXXRecordDecl();
}

CallRole RemoteCallClassifier::classify(const CallExpr *Call) const {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return CallRole::Other;
  std::string Name = plainQualifiedName(FD);
  if (!Name.empty()) {
    if (EventLoops.matchesName(Name))
      return CallRole::EventLoop;
    if (Streams.matchesName(Name))
      return CallRole::Stream;
    if (Requests.matchesName(Name))
      return CallRole::Remote;
  }
  if (ContextTypes.empty())
    return CallRole::Other;
  // A method of the context itself (set_deadline) is configuration.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (ContextTypes.matches(MD->getParent()))
      return CallRole::Other;
  // `request_fn()`: a callable handed in by the caller that yields a
  // library's result wraps a request.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
    if (OC->getOperator() == OO_Call)
      if (const CXXRecordDecl *RD =
              Call->getCallReturnType(FD->getASTContext())
                  .getNonReferenceType()
                  ->getAsCXXRecordDecl())
        if (ResultTypes.matches(RD))
          return CallRole::Remote;
  // A call that takes a context and gives back a result performs the RPC:
  // generated stub methods, and std::function invokers wrapping them. Calls
  // that only decorate the context (`attachMetadata(&ctx)`) return nothing.
  if (Call->getCallReturnType(FD->getASTContext())->isVoidType())
    return CallRole::Other;
  unsigned First = isa<CXXOperatorCallExpr>(Call) ? 1 : 0;
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = Call->getArg(I);
    if (const CXXRecordDecl *RD = pointeeRecord(Arg->getType()))
      if (ContextTypes.matches(RD))
        return CallRole::Remote;
  }
  return CallRole::Other;
}

const FunctionDecl *CallReach::searchableCallee(const CallExpr *Call) const {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = nullptr;
  if (!FD->hasBody(Def) || !Def)
    return nullptr;
  if (SM.isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

namespace {
/// Every call in a body, lambdas included (a wrapper that runs its request
/// in a lambda still performs it); iterative, for bodies nested thousands
/// deep.
std::vector<const CallExpr *> callsIn(const Stmt *Body) {
  std::vector<const CallExpr *> Calls;
  llvm::SmallVector<const Stmt *, 64> Work{Body};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      Work.push_back(L->getBody());
      continue;
    }
    if (const auto *C = dyn_cast<CallExpr>(S))
      Calls.push_back(C);
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return Calls;
}
} // namespace

bool CallReach::reaches(const FunctionDecl *FD) {
  return FD && search(FD, 0);
}

bool CallReach::search(const FunctionDecl *FD, unsigned Depth) {
  auto It = Memo.find(FD);
  if (It != Memo.end())
    return It->second == Yes; // a cycle in progress answers "not yet"
  if (Depth > 16 || !FD->getBody())
    return false;
  Memo[FD] = InProgress;
  bool Found = false;
  std::vector<const CallExpr *> Calls = callsIn(FD->getBody());
  for (const CallExpr *Call : Calls) {
    if (Direct(Call)) {
      Found = true;
      break;
    }
  }
  if (!Found)
    for (const CallExpr *Call : Calls)
      if (const FunctionDecl *Callee = searchableCallee(Call))
        if (Callee != FD && search(Callee, Depth + 1)) {
          Found = true;
          break;
        }
  Memo[FD] = Found ? Yes : No;
  return Found;
}

} // namespace model
} // namespace resilience
