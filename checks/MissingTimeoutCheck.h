//===--- MissingTimeoutCheck.h - resilience-missing-timeout ---------------===//

#ifndef RESILIENCE_TIDY_MISSINGTIMEOUTCHECK_H
#define RESILIENCE_TIDY_MISSINGTIMEOUTCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "timeout/HandleConfig.h"
#include <memory>
#include <optional>

namespace resilience {

/// Finds network requests made on a handle that carries no deadline, so a
/// stalled peer holds the calling thread (and its caller's pool) forever.
///
/// Options:
///  - Strict (false): also report handles whose configuration is out of the
///    translation unit's sight (parameters of exported functions, handles
///    returned or touched by functions defined elsewhere).
///  - DefaultTimeoutMs (""): a positive number or a constant's name; when
///    set, a fix-it inserts that timeout before the request.
///  - ReportLongDefaults (true): also report requests that only the
///    library's own long default bounds (cpp-httplib's 300 s per read).
///  - RequestFunctions, TimeoutSetters ("name:index" or "name:this" items,
///    separated by ';'), ConfiguredFactories (names): an in-house client's
///    requests, the calls that bound its handle, and the functions that
///    return it already bounded.
///  - MaxReasonableTimeoutMs (3600000): a timeout longer than this, set on
///    a library whose default is a sane bound (cpprestsdk), is reported.
class MissingTimeoutCheck : public clang::tidy::ClangTidyCheck {
public:
  MissingTimeoutCheck(llvm::StringRef Name,
                      clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &Result)
      override;
  void onStartOfTranslationUnit() override;

private:
  void report(const clang::CallExpr *Call, const model::RequestFact &Fact,
              const clang::ast_matchers::MatchFinder::MatchResult &Result);
  void reportWait(const clang::CallExpr *Call, const clang::FunctionDecl *Fn,
                  const model::RequestFact &Fact,
                  const clang::ast_matchers::MatchFinder::MatchResult &Result);

  const bool Strict;
  const std::string DefaultTimeoutMs;
  const bool ReportLongDefaults;
  const std::string RequestFunctions;
  const std::string TimeoutSetters;
  const std::string ConfiguredFactories;
  const uint64_t MaxReasonableTimeoutMs;
  model::InHouseSpec InHouse;
  /// The table this instance reads: built-in entries and its in-house one.
  std::unique_ptr<model::LibrarySet> Libraries;
  std::unique_ptr<model::HandleConfigAnalysis> Analysis;
  clang::ASTContext *AnalysisContext = nullptr;
};

} // namespace resilience

#endif
