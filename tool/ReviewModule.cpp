//===--- ReviewModule.cpp - The review emitter, for the standalone tool ---===//
//
// Registers the checks' retry-loop review emitter under its internal name.
// Only the standalone tool links this file: clang-tidy's plugin registers
// the user-facing checks alone, so its users see their findings unchanged.
// The tool enables the emitter only when a format that shows review items
// is requested (Main.cpp), and turns its diagnostics into review items
// instead of findings (Review/ReviewItem.cpp).
//
//===----------------------------------------------------------------------===//

#include "Review/ReviewItem.h"
#include "review/RetryLoopReviewCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace resilience {

class ReviewModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    F.registerCheck<RetryLoopReviewCheck>(ReviewDiagnosticName);
  }
};

} // namespace resilience

static clang::tidy::ClangTidyModuleRegistry::Add<resilience::ReviewModule>
    X("resilience-review", "The retry-loop review emitter (tool only).");

volatile int ResilienceReviewModuleAnchorSource = 0;
