//===--- PaymentRequest.cpp - Payment POSTs and their idempotency keys ----===//
//
// The settings from the knowledge, the request's description for messages,
// and the analysis itself: a thin coordinator that finds each request's
// shape (RequestShapeFinder, RequestShapes.h) and hands it to the key
// evaluation (KeyEvaluator, KeyEvaluator.h).
//
//===----------------------------------------------------------------------===//

#include "payment/KeyEvaluator.h"
#include "payment/KeyPerAttempt.h"
#include "payment/RequestShapes.h"

namespace resilience {
namespace model {

using namespace clang;

std::vector<std::string> splitSemicolons(llvm::StringRef List) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  List.split(Parts, ';');
  for (llvm::StringRef P : Parts)
    if (!P.trim().empty())
      Out.push_back(P.trim().str());
  return Out;
}

void addDefaultOperations(PaymentSettings &S) {
  const PaymentKnowledge &K = defaultPaymentKnowledge();
  for (const PaymentOperation &O : K.Operations)
    S.Operations.push_back(
        {O.Duplicate.str(), O.MovesMoney,
         std::make_shared<llvm::Regex>(O.Pattern, llvm::Regex::IgnoreCase)});
}

PaymentSettings defaultPaymentSettings() {
  const PaymentKnowledge &K = defaultPaymentKnowledge();
  PaymentSettings S;
  S.K = &K;
  for (const PaymentEndpoint &E : K.Endpoints)
    S.Endpoints.push_back(
        {E.Provider.str(), E.Pattern.str(), E.KeyCarrier.str(),
         std::make_shared<llvm::Regex>(E.Pattern, llvm::Regex::IgnoreCase),
         E.HostOnly});
  addDefaultOperations(S);
  for (llvm::StringRef H : K.IdempotencyHeaders)
    S.Headers.push_back(H.str());
  for (llvm::StringRef F : K.IdempotencyBodyFields)
    S.BodyFields.push_back(F.str());
  return S;
}

std::string describePaymentRequest(const PaymentFinding &F) {
  if (!F.PaymentFunction.empty())
    return "call to payment function '" + F.PaymentFunction + "'";
  // A POST whose duplicate moves no money (a customer) is no payment; one
  // through an undeclared in-house call is a likely POST.
  std::string Subject = std::string(F.Inferred ? "likely " : "") + "POST to " +
                        (F.MovesMoney ? "payment" : "provider") +
                        " endpoint '" + F.Url + "'";
  if (!F.Provider.empty())
    Subject += " (" + F.Provider + ")";
  Subject += " via " + F.Library;
  if (!F.Helper.empty())
    Subject += " in '" + F.Helper + "'";
  return Subject;
}

// ---------------------------------------------------------------------------

/// Finds each request's shape, then judges the key it carries.
struct PaymentRequestAnalysis::Impl {
  Impl(ASTContext &Ctx, const PaymentSettings &S)
      : R(), Sites(Ctx), Loops(Ctx, LoopOptions),
        Attempts(R, S.K->KeyGenerators, Loops), Shapes(Ctx, S, R, Sites),
        Keys(Ctx, S, R, Sites, Shapes.parts(), Attempts) {}

  StringResolver R;
  CallSites Sites;
  /// The shared retry-loop recognizer, with the built-in knowledge only.
  RetryLoopOptions LoopOptions;
  RetryLoopAnalysis Loops;
  KeyPerAttempt Attempts;
  RequestShapeFinder Shapes;
  KeyEvaluator Keys;
};

PaymentRequestAnalysis::PaymentRequestAnalysis(ASTContext &Ctx,
                                               const PaymentSettings &S)
    : P(std::make_unique<Impl>(Ctx, S)) {}

PaymentRequestAnalysis::~PaymentRequestAnalysis() = default;

std::vector<PaymentFinding>
PaymentRequestAnalysis::analyze(const FunctionDecl *FD) {
  std::vector<PaymentFinding> Out;
  if (!FD || !FD->hasBody())
    return Out;
  std::vector<Shape> Shapes;
  P->Shapes.find(FD, Shapes);
  P->Keys.evaluateAll(FD, Shapes, Out);
  return Out;
}

} // namespace model
} // namespace resilience
