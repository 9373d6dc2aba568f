//===--- OwnStatements.cpp ------------------------------------------------===//

#include "OwnStatements.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace resilience {
namespace model {

namespace {

class OwnStatements : public RecursiveASTVisitor<OwnStatements> {
public:
  OwnStatements(const FunctionDecl *Root,
                llvm::function_ref<void(const Stmt *)> Visit)
      : Root(Root), Visit(Visit) {}

  bool TraverseDecl(Decl *D) {
    // Other callables are matched, and walked, on their own.
    if (D && D != Root &&
        (isa<FunctionDecl, FunctionTemplateDecl, RecordDecl, BlockDecl>(D)))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseBlockExpr(BlockExpr *) { return true; }
  bool VisitStmt(Stmt *S) {
    Visit(S);
    return true;
  }

private:
  const FunctionDecl *Root;
  llvm::function_ref<void(const Stmt *)> Visit;
};

} // namespace

const FunctionDecl *
matchedCallable(const ast_matchers::MatchFinder::MatchResult &R) {
  const FunctionDecl *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  // A lambda's operator() is walked once, through its lambda.
  if (Fn && isLambdaCallOperator(Fn))
    return nullptr;
  if (const auto *L = R.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Fn = L->getCallOperator();
  if (!Fn || !Fn->doesThisDeclarationHaveABody() || !Fn->getBody())
    return nullptr;
  return Fn;
}

void addCallableMatchers(ast_matchers::MatchFinder *Finder,
                         ast_matchers::MatchFinder::MatchCallback *Cb) {
  using namespace ast_matchers;
  // A lambda's call operator is reached through the lambda: the matcher
  // never visits the closure class.
  Finder->addMatcher(functionDecl(isDefinition(),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     Cb);
  Finder->addMatcher(lambdaExpr(unless(isExpansionInSystemHeader())).bind("lambda"),
                     Cb);
}

void forEachOwnStatement(const FunctionDecl *Fn,
                         llvm::function_ref<void(const Stmt *)> Visit) {
  OwnStatements(Fn, Visit).TraverseDecl(const_cast<FunctionDecl *>(Fn));
}

} // namespace model
} // namespace resilience
