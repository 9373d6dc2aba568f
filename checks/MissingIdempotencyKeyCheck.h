//===--- MissingIdempotencyKeyCheck.h - resilience-missing-idempotency-key
//-===//

#ifndef RESILIENCE_TIDY_MISSINGIDEMPOTENCYKEYCHECK_H
#define RESILIENCE_TIDY_MISSINGIDEMPOTENCYKEYCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "payment/PaymentRequest.h"
#include <memory>
#include <set>

namespace resilience {

/// Finds payment-style POSTs that a retry can turn into a second charge: no
/// idempotency key, a key minted anew inside the retry loop, a constant key,
/// or a key built only from the URL.
///
/// Options (';'-separated lists; a set option replaces the defaults):
///  - PaymentEndpoints: regexes matched against the request URL.
///  - IdempotencyHeaders: header names that carry the key (any case).
///  - IdempotencyBodyFields: body fields that carry the key.
///  - PaymentFunctions: in-house payment calls, `name` or `name=N` where N is
///    the index of the key argument (default: a parameter whose name
///    contains "idempot"; none means the call takes no key).
///  - HttpPostFunctions: in-house HTTP POST functions,
///    `name:urlArg[:headersArg]` (0-based argument indices); undeclared
///    in-house calls count only when the call says POST and the URL is a
///    known provider's money-moving endpoint.
class MissingIdempotencyKeyCheck : public clang::tidy::ClangTidyCheck {
public:
  MissingIdempotencyKeyCheck(llvm::StringRef Name,
                             clang::tidy::ClangTidyContext *Context);
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onStartOfTranslationUnit() override;

private:
  void report(const model::PaymentFinding &F);

  const std::string PaymentEndpoints, IdempotencyHeaders, IdempotencyBodyFields,
      PaymentFunctions, HttpPostFunctions;
  model::PaymentSettings Settings;
  std::unique_ptr<model::PaymentRequestAnalysis> Analysis;
  clang::ASTContext *AnalysisContext = nullptr;
  std::set<std::pair<unsigned, int>> Reported;
};

} // namespace resilience

#endif
