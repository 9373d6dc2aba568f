//===--- PaymentRequest.h - Payment POSTs and their idempotency keys ------===//
//
// Which HTTP requests in a function are payment-style POSTs, to which URL,
// with which headers and body fields; and whether the idempotency key they
// carry (if any) survives a retry. The libraries' shapes come from
// knowledge/PaymentKnowledge.h.
//
// A request whose URL is built from a parameter is followed to the call
// sites of its function in the translation unit (up to a few levels), so an
// in-house `post_json(url, body)` helper is judged with each caller's URL.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_MODEL_PAYMENTREQUEST_H
#define RESILIENCE_TIDY_MODEL_PAYMENTREQUEST_H

#include "knowledge/PaymentKnowledge.h"
#include "ast/StringValue.h"
#include "clang/AST/ASTContext.h"
#include "llvm/Support/Regex.h"
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace resilience {
namespace model {

/// The knowledge after the user's options.
struct PaymentSettings {
  struct Endpoint {
    std::string Provider, Pattern, KeyCarrier;
    std::shared_ptr<llvm::Regex> Re;
    bool HostOnly = false;
  };
  /// What a duplicate does, per operation (knowledge Operations).
  struct Operation {
    std::string Duplicate;
    bool MovesMoney = true;
    std::shared_ptr<llvm::Regex> Re;
  };
  /// An in-house HTTP POST function (option HttpPostFunctions).
  struct HttpFunction {
    std::string Name; ///< qualified, or a plain name matching any scope
    unsigned UrlArg = 0;
    int HeadersArg = -1; ///< none: the call carries no headers
  };
  struct Function {
    std::string Name; ///< qualified, or a plain name matching any scope
    int KeyArg = -1;  ///< the argument holding the key, if declared
  };
  std::vector<Endpoint> Endpoints;
  std::vector<std::string> Headers; ///< compared case-insensitively
  std::vector<std::string> BodyFields;
  std::vector<Function> Functions;
  std::vector<Operation> Operations;
  std::vector<HttpFunction> HttpFunctions;
  /// Also take undeclared in-house calls as POSTs when the call says so and
  /// the URL is a known provider's money-moving endpoint.
  bool InferInHouse = false;
  const PaymentKnowledge *K = nullptr;
  /// Also report payment requests whose key is fine (Keyed) or whose
  /// headers are out of sight (OutOfSight): the retry-loop review asks
  /// what every retried payment call carries; the check does not.
  bool ReportEveryRequest = false;
};

enum class KeyProblem {
  Missing,     ///< no key at all
  PerAttempt,  ///< minted inside the loop that repeats the request
  Constant,    ///< the same literal for every operation
  FromUrlOnly, ///< built only from the URL
  Keyed,       ///< a key that survives retries (ReportEveryRequest only)
  OutOfSight,  ///< headers built out of sight (ReportEveryRequest only)
};

struct PaymentFinding {
  KeyProblem Problem = KeyProblem::Missing;
  clang::SourceLocation Loc;   ///< the warning
  std::string Library;         ///< "libcurl"; empty for PaymentFunctions
  std::string Url;             ///< as far as known, `{x}` for unknowns
  std::string Provider;        ///< "Stripe", or empty
  std::string KeyCarrier;      ///< "the 'Idempotency-Key' header"
  std::string PaymentFunction; ///< set for a user-declared payment call
  std::string HeaderName;      ///< where the key travels, if any
  /// A request inside a helper reached through a call at Loc.
  clang::SourceLocation RequestLoc;
  std::string Helper;
  clang::SourceLocation LoopLoc; ///< PerAttempt: the retry loop
  clang::SourceLocation KeyLoc;  ///< Keyed: the key's expression
  /// What a second copy of the request does ("charge the customer
  /// twice"), and whether it moves money (the higher severity).
  std::string Duplicate = "charge the customer twice";
  bool MovesMoney = true;
  /// Sent through an in-house HTTP function: declared (option
  /// HttpPostFunctions), or inferred from the call (lower confidence).
  std::string InHouseFunction;
  bool Inferred = false;
  /// Notes: why the call was taken as a POST, where the URL came from.
  std::vector<std::pair<clang::SourceLocation, std::string>> Evidence;
};

/// The settings from the default knowledge alone (no user options).
PaymentSettings defaultPaymentSettings();

/// Fills S.Operations from the knowledge table.
void addDefaultOperations(PaymentSettings &S);

/// What is being sent, for messages: "POST to payment endpoint '...'
/// (Stripe) via libcurl in 'post_json'", or "call to payment function 'x'".
std::string describePaymentRequest(const PaymentFinding &F);

class PaymentRequestAnalysis {
public:
  PaymentRequestAnalysis(clang::ASTContext &Ctx, const PaymentSettings &S);
  ~PaymentRequestAnalysis();

  /// Every finding whose request is made in \p FD (reported in \p FD or, for
  /// a helper, at its callers).
  std::vector<PaymentFinding> analyze(const clang::FunctionDecl *FD);

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// Splits a ';'-separated list (regexes may contain ','), trimming blanks.
std::vector<std::string> splitSemicolons(llvm::StringRef List);

} // namespace model
} // namespace resilience

#endif
