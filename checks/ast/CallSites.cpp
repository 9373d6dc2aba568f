//===--- CallSites.cpp - Who calls each function of the translation unit --===//

#include "ast/CallSites.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

namespace resilience {
namespace model {

using namespace clang;

namespace {
class Indexer : public RecursiveASTVisitor<Indexer> {
public:
  Indexer(std::map<const FunctionDecl *, std::vector<CallSites::Site>> &Callers,
          std::map<std::string, std::vector<CallSites::Site>> &Names,
          std::map<const FunctionDecl *, unsigned> &Refs,
          const SourceManager &SM)
      : Callers(Callers), Names(Names), Refs(Refs), SM(SM) {}

  // Function pointers in initializers outside any function body.
  bool VisitVarDecl(VarDecl *VD) {
    if (!VD->isLocalVarDecl() && VD->getInit() &&
        !SM.isInSystemHeader(VD->getLocation())) {
      const FunctionDecl *Saved = Current;
      Current = nullptr;
      visit(VD->getInit());
      Current = Saved;
    }
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext() ||
        SM.isInSystemHeader(FD->getLocation()))
      return true;
    Current = FD;
    visit(FD->getBody());
    return true;
  }

private:
  // Lambdas count as part of the function that holds them.
  // Iterative, in source order: expressions can nest thousands deep.
  void visit(const Stmt *Root) {
    llvm::SmallVector<const Stmt *, 64> Work{Root};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
          ++Refs[FD->getDefinition() ? FD->getDefinition() : FD];
      if (const auto *CE = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *Callee = CE->getDirectCallee()) {
          if (const FunctionDecl *Def = Callee->getDefinition())
            if (Current)
              Callers[Def].push_back({CE, Current});
          if (Current && Callee->getDeclName().isIdentifier())
            Names[Callee->getName().str()].push_back({CE, Current});
        }
      llvm::SmallVector<const Stmt *, 8> Kids(S->child_begin(), S->child_end());
      Work.append(Kids.rbegin(), Kids.rend());
    }
  }

  std::map<const FunctionDecl *, std::vector<CallSites::Site>> &Callers;
  std::map<std::string, std::vector<CallSites::Site>> &Names;
  std::map<const FunctionDecl *, unsigned> &Refs;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
};
} // namespace

void CallSites::build() {
  if (Built)
    return;
  Built = true;
  Indexer V(Callers, ByName, Refs, Ctx.getSourceManager());
  V.TraverseDecl(Ctx.getTranslationUnitDecl());
}

llvm::ArrayRef<CallSites::Site> CallSites::callersOf(const FunctionDecl *Def) {
  build();
  auto It = Callers.find(Def);
  if (It == Callers.end())
    return {};
  return It->second;
}

bool CallSites::addressTaken(const FunctionDecl *Def) {
  build();
  // Each call names its callee once; any other mention takes the address.
  auto R = Refs.find(Def);
  unsigned Named = R == Refs.end() ? 0 : R->second;
  auto C = Callers.find(Def);
  unsigned Called = C == Callers.end() ? 0 : unsigned(C->second.size());
  return Named > Called;
}

bool CallSites::anyCallTo(llvm::StringRef Name) {
  return !callsTo(Name).empty();
}

llvm::ArrayRef<CallSites::Site> CallSites::callsTo(llvm::StringRef Name) {
  build();
  auto It = ByName.find(Name.str());
  if (It == ByName.end())
    return {};
  return It->second;
}

} // namespace model
} // namespace resilience
