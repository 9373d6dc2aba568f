//===--- UnboundedWaitCheck.cpp - resilience-unbounded-wait ---------------===//

#include "UnboundedWaitCheck.h"
#include "OptionValues.h"
#include "ast/TableLookup.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace resilience {

/// "name" (no timeout argument) or "name:index" items.
static std::optional<std::vector<std::pair<std::string, unsigned>>>
parsePoolFunctions(llvm::StringRef List) {
  std::vector<std::pair<std::string, unsigned>> Out;
  for (const std::string &Item : model::splitList(List)) {
    llvm::StringRef Name = Item, Index;
    size_t Colon = Name.rfind(':');
    if (Colon != llvm::StringRef::npos && Colon > 0 &&
        Name[Colon - 1] != ':') {
      Index = Name.drop_front(Colon + 1).trim();
      Name = Name.take_front(Colon).trim();
    }
    unsigned I = model::NoArg;
    if (!Index.empty() && Index.getAsInteger(10, I))
      return std::nullopt;
    if (Name.empty() || Name.contains(' '))
      return std::nullopt;
    Out.push_back({Name.str(), I});
  }
  return Out;
}

UnboundedWaitCheck::UnboundedWaitCheck(llvm::StringRef Name,
                                       tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      ConnectionTypes(Options.get("ConnectionTypes", "").str()),
      PoolBorrowFunctions(Options.get("PoolBorrowFunctions", "").str()) {
  Parsed.ConnectionTypes = model::splitList(ConnectionTypes);
  if (auto P = parsePoolFunctions(PoolBorrowFunctions))
    Parsed.PoolBorrowFunctions = std::move(*P);
  else
    configurationDiag("invalid value '%0' for option "
                      "'%1.PoolBorrowFunctions': expected 'name' or "
                      "'name:index' items separated by ';'; the option is "
                      "ignored")
        << PoolBorrowFunctions << Name;
}

void UnboundedWaitCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "ConnectionTypes", ConnectionTypes);
  Options.store(Opts, "PoolBorrowFunctions", PoolBorrowFunctions);
}

void UnboundedWaitCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader()),
                              forCallable(functionDecl().bind("fn")))
                         .bind("call"),
                     this);
}

void UnboundedWaitCheck::onStartOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
}

/// The callee's own name, for messages.
static std::string calleeText(const CallExpr *Call) {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD->getNameAsString();
  return "call";
}

/// A producer call's qualified name ("std::async").
static std::string producerName(const Expr *E) {
  const auto *CE = dyn_cast<CallExpr>(E);
  const FunctionDecl *FD = CE ? CE->getDirectCallee() : nullptr;
  return FD ? model::table::calleeName(FD) : std::string("call");
}

/// The expression as written, or \p Fallback when long or multi-line.
static std::string sourceText(const Expr *E, const MatchFinder::MatchResult &R,
                              llvm::StringRef Fallback) {
  if (!E)
    return Fallback.str();
  CharSourceRange Range = CharSourceRange::getTokenRange(E->getSourceRange());
  llvm::StringRef Text = Lexer::getSourceText(Range, *R.SourceManager,
                                              R.Context->getLangOpts());
  if (Text.empty() || Text.size() > 40 || Text.contains('\n'))
    return Fallback.str();
  return Text.str();
}

void UnboundedWaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Call || !Fn || !Fn->hasBody())
    return;
  if (AnalysisContext != Result.Context) {
    Analysis = std::make_unique<model::UnboundedWaitAnalysis>(
        *Result.Context, Libraries.all(), Parsed);
    AnalysisContext = Result.Context;
  }
  if (!Analysis->isCandidate(Call))
    return;
  std::optional<model::WaitFinding> F = Analysis->judge(Call, Fn);
  if (!F)
    return;
  SourceLocation Loc = Call->getExprLoc();
  std::string Name = calleeText(Call);
  const SourceManager &SM = *Result.SourceManager;

  switch (F->K) {
  case model::WaitFinding::PoolBorrow:
    diag(Loc, "'%0' parks this thread until another thread returns a "
              "connection to '%1' (a pool of '%2'), with no deadline; when "
              "every pooled connection is held by a call to a slow "
              "dependency, each caller parks here and the service stops "
              "answering though nothing in it is broken")
        << Name << F->Pool->getName() << F->Element;
    diag(F->Pool->getLocation(), "'%0' holds the pool's connections here",
         DiagnosticIDs::Note)
        << F->Pool->getName();
    diag(Loc, "borrow with a deadline (%0 with a timeout) and fail fast or "
              "shed the request when it expires",
         DiagnosticIDs::Note)
        << F->Wait->Bounded;
    return;
  case model::WaitFinding::PoolFunction:
    diag(Loc, "'%0' borrows from a connection pool %select{and takes no "
              "timeout|with a timeout that never expires}1; when every "
              "pooled connection is busy on a slow dependency, each caller "
              "parks here and the service stops answering")
        << Name << (F->Infinite ? 1 : 0);
    if (F->TimeoutArg != model::NoArg)
      diag(Loc, "pass a finite timeout as argument %0 and handle its expiry",
           DiagnosticIDs::Note)
          << F->TimeoutArg;
    else
      diag(Loc, "use the pool's borrow that takes a timeout, and handle its "
                "expiry",
           DiagnosticIDs::Note);
    return;
  case model::WaitFinding::RemoteFuture: {
    std::string Req = F->Request ? calleeText(F->Request) : "request";
    llvm::StringRef Lib = F->Lib ? F->Lib->Name : llvm::StringRef("network");
    diag(Loc, "'%0' waits with no deadline for a result produced by "
              "'%1', a %2 call that has no timeout; if the peer stalls, this "
              "thread parks here forever")
        << Name << Req << Lib;
    if (F->Request)
      diag(SM.getExpansionLoc(F->Request->getBeginLoc()),
           "'%0' can wait forever here", DiagnosticIDs::Note)
          << Req;
    if (F->Producer && F->Producer != F->Request)
      diag(SM.getExpansionLoc(F->Producer->getBeginLoc()),
           "the result comes from '%0' here", DiagnosticIDs::Note)
          << sourceText(F->Producer, Result, producerName(F->Producer));
    diag(Loc, "bound the call itself (a timeout on its %0), or wait with "
              "%1 and a deadline",
         DiagnosticIDs::Note)
        << (F->Lib ? F->Lib->HandleNoun : llvm::StringRef("handle"))
        << F->Wait->Bounded;
    return;
  }
  }
}

} // namespace resilience
