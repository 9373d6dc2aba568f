//===--- UnboundedWaitCheck.h - resilience-unbounded-wait -----------------===//

#ifndef RESILIENCE_TIDY_UNBOUNDEDWAITCHECK_H
#define RESILIENCE_TIDY_UNBOUNDEDWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "wait/UnboundedWaits.h"
#include <memory>

namespace resilience {

/// Finds threads parked with no deadline on something another party must
/// release: a connection-pool borrow (a condition variable or semaphore wait
/// over a container of connections, or a declared pool function called
/// without a timeout), or a future whose producer is a network call with no
/// timeout. When a dependency slows down, every caller parks there and the
/// service saturates though nothing in it is broken.
///
/// Options:
///  - ConnectionTypes (""): type names, separated by ';', whose values are
///    connections (a container of them is a pool), besides the libraries'.
///  - PoolBorrowFunctions (""): "name" (takes no timeout) or "name:index"
///    (the argument at index is the timeout) items, separated by ';'.
class UnboundedWaitCheck : public clang::tidy::ClangTidyCheck {
public:
  UnboundedWaitCheck(llvm::StringRef Name,
                     clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result)
      override;
  void onStartOfTranslationUnit() override;

private:
  const std::string ConnectionTypes;
  const std::string PoolBorrowFunctions;
  model::WaitOptions Parsed;
  model::LibrarySet Libraries;
  std::unique_ptr<model::UnboundedWaitAnalysis> Analysis;
  clang::ASTContext *AnalysisContext = nullptr;
};

} // namespace resilience

#endif
