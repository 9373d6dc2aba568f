//===--- RetryCheckCommon.h - What the three retry checks share -----------===//
//
// The three retry checks read the same summary (retry/RetryLoop) and accept
// the same knowledge options, read locally or globally (a bare
// `RequestFunctions` key extends all three alike):
//   RequestFunctions  in-house request functions defined elsewhere
//   SleepFunctions    in-house waits
//   RandomFunctions   in-house random sources
//   BackoffHelpers    calls that wait a capped, jittered, growing delay
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_RETRYCHECKCOMMON_H
#define RESILIENCE_TIDY_RETRYCHECKCOMMON_H

#include "clang-tidy/ClangTidyCheck.h"
#include "OptionValues.h"
#include "retry/RetryLoop.h"
#include "retry/RetryPolicyConfig.h"
#include "knowledge/RetryKnowledge.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include <memory>

namespace resilience {

class RetryCheckBase : public clang::tidy::ClangTidyCheck {
public:
  RetryCheckBase(llvm::StringRef Name, clang::tidy::ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {
    Raw[0] = Options.getLocalOrGlobal("RequestFunctions", "").str();
    Raw[1] = Options.getLocalOrGlobal("SleepFunctions", "").str();
    Raw[2] = Options.getLocalOrGlobal("RandomFunctions", "").str();
    Raw[3] = Options.getLocalOrGlobal("BackoffHelpers", "").str();
    Opts.RequestFunctions = model::splitList(Raw[0]);
    Opts.SleepFunctions = model::splitList(Raw[1]);
    Opts.RandomFunctions = model::splitList(Raw[2]);
    Opts.BackoffHelpers = model::splitList(Raw[3]);
  }

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &O) override {
    Options.store(O, "RequestFunctions", Raw[0]);
    Options.store(O, "SleepFunctions", Raw[1]);
    Options.store(O, "RandomFunctions", Raw[2]);
    Options.store(O, "BackoffHelpers", Raw[3]);
  }

  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override {
    using namespace clang::ast_matchers;
    Finder->addMatcher(
        stmt(anyOf(forStmt(), whileStmt(), doStmt()),
             unless(isExpansionInSystemHeader()),
             forCallable(functionDecl().bind("fn")))
            .bind("loop"),
        this);
    if (!WantsLibraryPolicies)
      return;
    // Retry policies given to a library as data.
    Finder->addMatcher(
        stringLiteral(unless(isExpansionInSystemHeader())).bind("literal"),
        this);
    std::vector<llvm::StringRef> Setters;
    for (const model::RetryCountSetter &S :
         model::retryKnowledge().RetryCountSetters)
      Setters.push_back(S.Function.ltrim(':'));
    Finder->addMatcher(
        callExpr(callee(functionDecl(hasAnyName(Setters))),
                 unless(isExpansionInSystemHeader()))
            .bind("setter"),
        this);
  }

  /// A literal handed straight to a call is a service config only if the
  /// call is one that takes a service config; a literal kept in a variable
  /// or constant (to be passed later, maybe from another file) counts.
  static bool mayBeServiceConfig(const clang::StringLiteral *Lit,
                                 clang::ASTContext &Ctx) {
    clang::DynTypedNode Node = clang::DynTypedNode::create(*Lit);
    for (unsigned Depth = 0; Depth < 8; ++Depth) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.size() != 1)
        return true;
      Node = Parents[0];
      const auto *E = Node.get<clang::Expr>();
      if (!E)
        return true; // a declaration's initializer, a return, ...
      if (llvm::isa<clang::ImplicitCastExpr, clang::CXXConstructExpr,
                    clang::MaterializeTemporaryExpr,
                    clang::CXXBindTemporaryExpr, clang::ExprWithCleanups,
                    clang::ParenExpr, clang::CXXFunctionalCastExpr>(E))
        continue;
      const auto *Call = llvm::dyn_cast<clang::CallExpr>(E);
      if (!Call || !Call->getDirectCallee())
        return true;
      const model::RetryKnowledge &K = model::retryKnowledge();
      std::string Name = model::plainQualifiedName(Call->getDirectCallee());
      if (llvm::is_contained(K.ServiceConfigSetters, Name))
        return true;
      if (llvm::is_contained(K.ChannelArgSetters, Name) &&
          Call->getNumArgs() >= 2) {
        const clang::Expr *KeyArg = Call->getArg(0)->IgnoreImplicit();
        if (const auto *CE = llvm::dyn_cast<clang::CXXConstructExpr>(KeyArg))
          if (CE->getNumArgs() > 0)
            KeyArg = CE->getArg(0)->IgnoreImplicit();
        const auto *Key =
            llvm::dyn_cast<clang::StringLiteral>(KeyArg->IgnoreParenImpCasts());
        return Key && Key->getString() == K.ServiceConfigArg;
      }
      return false;
    }
    return true;
  }

  void onStartOfTranslationUnit() override {
    Analysis.reset();
    AnalysisContext = nullptr;
  }

  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override {
    if (const auto *Lit = R.Nodes.getNodeAs<clang::StringLiteral>("literal")) {
      if ((Lit->isOrdinary() || Lit->isUTF8()) &&
          model::mentionsRetryPolicy(Lit->getString()) &&
          mayBeServiceConfig(Lit, *R.Context))
        for (const model::ServiceConfigFinding &F :
             model::checkServiceConfig(Lit->getString()))
          reportServiceConfig(Lit, F, R);
      return;
    }
    if (const auto *Call = R.Nodes.getNodeAs<clang::CallExpr>("setter")) {
      checkRetryCount(Call, R);
      return;
    }
    const auto *Loop = R.Nodes.getNodeAs<clang::Stmt>("loop");
    const auto *Fn = R.Nodes.getNodeAs<clang::FunctionDecl>("fn");
    if (!Loop || !Fn || !Fn->hasBody() || Fn->isDependentContext())
      return;
    if (AnalysisContext != R.Context) {
      Analysis = std::make_unique<model::RetryLoopAnalysis>(*R.Context, Opts);
      AnalysisContext = R.Context;
    }
    if (const model::RetrySummary *S = Analysis->summarize(Loop, Fn))
      report(*S, R);
  }

protected:
  /// Checks that also judge library retry policies set this in their
  /// constructor.
  bool WantsLibraryPolicies = false;

  virtual void reportServiceConfig(
      const clang::StringLiteral *Lit, const model::ServiceConfigFinding &F,
      const clang::ast_matchers::MatchFinder::MatchResult &R) {}
  virtual void
  reportRetryCount(const clang::CallExpr *Call, const model::RetryCountSetter &S,
                   const clang::ast_matchers::MatchFinder::MatchResult &R) {}

  /// Where a service-config finding points: the policy's key inside the
  /// literal when it can be located, else the literal.
  clang::SourceLocation
  policyLocation(const clang::StringLiteral *Lit,
                 const model::ServiceConfigFinding &F,
                 const clang::ast_matchers::MatchFinder::MatchResult &R) {
    size_t At = model::retryPolicyOffset(Lit->getString(), F.Policy);
    if (At == llvm::StringRef::npos || Lit->getBeginLoc().isMacroID() ||
        !Lit->isOrdinary())
      return Lit->getBeginLoc();
    return Lit->getLocationOfByte(At, *R.SourceManager,
                                  R.Context->getLangOpts(),
                                  R.Context->getTargetInfo());
  }

  virtual void report(const model::RetrySummary &S,
                      const clang::ast_matchers::MatchFinder::MatchResult &R) = 0;

  /// The note that points at the retried call.
  void noteRetriedCall(const model::RetrySummary &S) {
    diag(S.Remote->getBeginLoc(), "'%0' is retried here",
         clang::DiagnosticIDs::Note)
        << S.RemoteName;
  }

private:
  void checkRetryCount(const clang::CallExpr *Call,
                       const clang::ast_matchers::MatchFinder::MatchResult &R) {
    const clang::FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return;
    for (const model::RetryCountSetter &S :
         model::retryKnowledge().RetryCountSetters) {
      if (FD->getName() != S.Function.ltrim(':') ||
          S.CountArg >= Call->getNumArgs())
        continue;
      clang::Expr::EvalResult V;
      const clang::Expr *Count = Call->getArg(S.CountArg);
      if (!Count->isValueDependent() &&
          Count->EvaluateAsInt(V, *R.Context) &&
          V.Val.getInt().isNegative())
        reportRetryCount(Call, S, R);
    }
  }

  std::string Raw[4];
  model::RetryLoopOptions Opts;
  std::unique_ptr<model::RetryLoopAnalysis> Analysis;
  clang::ASTContext *AnalysisContext = nullptr;
};

} // namespace resilience

#endif
