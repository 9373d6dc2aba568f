//===--- MissingIdempotencyKeyCheck.cpp - resilience-missing-idempotency-key
//===//

#include "MissingIdempotencyKeyCheck.h"
#include "knowledge/PaymentKnowledge.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace resilience {

static std::string joinDefaults(llvm::ArrayRef<llvm::StringRef> L) {
  std::string Out;
  for (llvm::StringRef S : L) {
    if (!Out.empty())
      Out += ";";
    Out += S.str();
  }
  return Out;
}

MissingIdempotencyKeyCheck::MissingIdempotencyKeyCheck(
    llvm::StringRef Name, tidy::ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      PaymentEndpoints(Options.get("PaymentEndpoints", "").str()),
      IdempotencyHeaders(
          Options
              .get("IdempotencyHeaders",
                   joinDefaults(
                       model::defaultPaymentKnowledge().IdempotencyHeaders))
              .str()),
      IdempotencyBodyFields(
          Options
              .get("IdempotencyBodyFields",
                   joinDefaults(
                       model::defaultPaymentKnowledge().IdempotencyBodyFields))
              .str()),
      PaymentFunctions(Options.get("PaymentFunctions", "").str()),
      HttpPostFunctions(Options.get("HttpPostFunctions", "").str()) {
  const model::PaymentKnowledge &K = model::defaultPaymentKnowledge();
  Settings.K = &K;
  Settings.InferInHouse = true;
  model::addDefaultOperations(Settings);
  auto AddEndpoint = [&](llvm::StringRef Provider, llvm::StringRef Pattern,
                         llvm::StringRef Carrier, bool HostOnly) {
    auto Re = std::make_shared<llvm::Regex>(Pattern, llvm::Regex::IgnoreCase);
    std::string Error;
    if (!Re->isValid(Error)) {
      configurationDiag("invalid regular expression '%0' in option "
                        "'%1.PaymentEndpoints': %2; it is ignored")
          << Pattern << Name << Error;
      return;
    }
    Settings.Endpoints.push_back(
        {Provider.str(), Pattern.str(), Carrier.str(), std::move(Re), HostOnly});
  };
  if (PaymentEndpoints.empty()) {
    for (const model::PaymentEndpoint &E : K.Endpoints)
      AddEndpoint(E.Provider, E.Pattern, E.KeyCarrier, E.HostOnly);
  } else {
    for (const std::string &P : model::splitSemicolons(PaymentEndpoints))
      AddEndpoint("", P, "an idempotency key header", false);
  }
  Settings.Headers = model::splitSemicolons(IdempotencyHeaders);
  Settings.BodyFields = model::splitSemicolons(IdempotencyBodyFields);
  for (const std::string &F : model::splitSemicolons(PaymentFunctions)) {
    model::PaymentSettings::Function PF;
    llvm::StringRef Item(F), Index;
    std::tie(Item, Index) = Item.split('=');
    PF.Name = Item.trim().str();
    unsigned N;
    if (!Index.trim().empty()) {
      if (Index.trim().getAsInteger(10, N)) {
        configurationDiag("invalid key argument index in '%0' of option "
                          "'%1.PaymentFunctions': expected name=N")
            << F << Name;
        continue;
      }
      PF.KeyArg = int(N);
    }
    if (!PF.Name.empty())
      Settings.Functions.push_back(PF);
  }
  // name:urlArg[:headersArg]; a qualified name has '::' in it, so the
  // indices are taken from the right.
  for (const std::string &F : model::splitSemicolons(HttpPostFunctions)) {
    llvm::StringRef Rest(F), Last, Url, Headers;
    std::tie(Rest, Last) = Rest.rsplit(':');
    llvm::StringRef Before, Mid;
    std::tie(Before, Mid) = Rest.rsplit(':');
    unsigned N;
    if (!Mid.empty() && !Before.ends_with(":") &&
        !Mid.trim().getAsInteger(10, N)) {
      Rest = Before;
      Url = Mid;
      Headers = Last;
    } else {
      Url = Last;
    }
    model::PaymentSettings::HttpFunction HF;
    HF.Name = Rest.trim().str();
    unsigned U, H;
    bool Bad = HF.Name.empty() || Rest.ends_with(":") ||
               Url.trim().getAsInteger(10, U) ||
               (!Headers.empty() && Headers.trim().getAsInteger(10, H));
    if (Bad) {
      configurationDiag("invalid entry '%0' in option "
                        "'%1.HttpPostFunctions': expected "
                        "name:urlArg[:headersArg]")
          << F << Name;
      continue;
    }
    HF.UrlArg = U;
    HF.HeadersArg = Headers.empty() ? -1 : int(H);
    Settings.HttpFunctions.push_back(HF);
  }
}

void MissingIdempotencyKeyCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "PaymentEndpoints", PaymentEndpoints);
  Options.store(Opts, "IdempotencyHeaders", IdempotencyHeaders);
  Options.store(Opts, "IdempotencyBodyFields", IdempotencyBodyFields);
  Options.store(Opts, "PaymentFunctions", PaymentFunctions);
  Options.store(Opts, "HttpPostFunctions", HttpPostFunctions);
}

void MissingIdempotencyKeyCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("fn"),
                     this);
}

void MissingIdempotencyKeyCheck::onStartOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
  Reported.clear();
}

void MissingIdempotencyKeyCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  // A template is judged once, on its pattern; its instantiations repeat it.
  if (!Fn || Fn->isTemplateInstantiation())
    return;
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn))
    if (MD->getParent()->getTemplateSpecializationKind() ==
        TSK_ImplicitInstantiation)
      return;
  if (AnalysisContext != Result.Context) {
    Analysis = std::make_unique<model::PaymentRequestAnalysis>(*Result.Context,
                                                               Settings);
    AnalysisContext = Result.Context;
    Reported.clear();
  }
  for (const model::PaymentFinding &F : Analysis->analyze(Fn))
    if (Reported.insert({F.Loc.getRawEncoding(), int(F.Problem)}).second)
      report(F);
}

void MissingIdempotencyKeyCheck::report(const model::PaymentFinding &F) {
  // What is being sent, for every message.
  std::string Subject = model::describePaymentRequest(F);
  bool Money = F.MovesMoney;
  switch (F.Problem) {
  case model::KeyProblem::Missing:
    diag(F.Loc, "%0 without an idempotency key; a retry after a timeout can "
                "%1")
        << Subject << F.Duplicate;
    break;
  case model::KeyProblem::PerAttempt:
    diag(F.Loc, "idempotency key for %0 is generated inside the retry loop; "
                "every attempt sends a new key, so the server cannot tell a "
                "retry from a new %select{request|payment}1")
        << Subject << Money;
    break;
  case model::KeyProblem::Keyed:
  case model::KeyProblem::OutOfSight:
    return; // only with ReportEveryRequest, which the check does not set
  case model::KeyProblem::Constant:
  case model::KeyProblem::FromUrlOnly:
    diag(F.Loc, "idempotency key for %0 is %select{a constant|derived only "
                "from the URL}1; every %select{request|payment}2 %select{sends "
                "the same key|to that endpoint shares it}1, so the provider "
                "rejects or replays later %select{requests|payments}2 as "
                "duplicates of the first")
        << Subject << (F.Problem == model::KeyProblem::FromUrlOnly) << Money;
    break;
  }
  // The evidence: why an in-house call is a POST, the way the URL came.
  for (const auto &[Loc, Text] : F.Evidence)
    diag(Loc, "%0", DiagnosticIDs::Note) << Text;
  switch (F.Problem) {
  case model::KeyProblem::Missing:
    if (F.RequestLoc.isValid())
      diag(F.RequestLoc, "the POST is sent here", DiagnosticIDs::Note);
    diag(F.Loc,
         "create the key once per logical operation and send it as %0 on "
         "every attempt",
         DiagnosticIDs::Note)
        << F.KeyCarrier;
    break;
  case model::KeyProblem::PerAttempt:
    diag(F.LoopLoc, "the request is retried by this loop", DiagnosticIDs::Note);
    diag(F.Loc,
         "create the key once, before the first attempt, and reuse it on "
         "every retry",
         DiagnosticIDs::Note);
    break;
  default:
    diag(F.Loc,
         "derive the key from the logical operation (an order or payment "
         "id), or create a UUID once per operation",
         DiagnosticIDs::Note);
    break;
  }
  if (F.Inferred)
    diag(F.Loc,
         "'%0' is not a known HTTP client, so this is inferred; declare it "
         "in option HttpPostFunctions (name:urlArg:headersArg) to make it "
         "certain and to have a key in its headers argument seen",
         DiagnosticIDs::Note)
        << F.InHouseFunction;
}

} // namespace resilience
