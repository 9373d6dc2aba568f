//===--- RetryLoopReviewCheck.cpp - One review item per retry loop --------===//

#include "review/RetryLoopReviewCheck.h"
#include "review/RetryRewrite.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/Support/JSON.h"

using namespace clang;

namespace resilience {

namespace {

/// The checks whose findings an item stands for, and where they point.
struct Folded {
  const char *Check;
  bool WholeLoop;
};
const Folded FoldedChecks[] = {
    {"resilience-retry-without-backoff", false},
    {"resilience-retry-without-jitter", false},
    {"resilience-unbounded-retry", false},
    {"resilience-missing-idempotency-key", true},
};

std::string sourceText(SourceRange R, const ASTContext &Ctx) {
  if (R.getBegin().isMacroID() || R.getEnd().isMacroID())
    return "";
  std::string T = Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                                       Ctx.getSourceManager(),
                                       Ctx.getLangOpts())
                      .str();
  // One line, not too long: it goes in a checklist.
  std::string Out;
  bool Space = false;
  for (char C : T) {
    if (C == '\n' || C == '\t' || C == ' ') {
      Space = !Out.empty();
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  if (Out.size() > 100)
    Out = Out.substr(0, 97) + "...";
  return Out;
}

bool within(SourceLocation L, SourceRange R, const SourceManager &SM) {
  if (L.isInvalid())
    return false;
  L = SM.getExpansionLoc(L);
  SourceLocation B = SM.getExpansionLoc(R.getBegin()),
                 E = SM.getExpansionLoc(R.getEnd());
  return !SM.isBeforeInTranslationUnit(L, B) &&
         !SM.isBeforeInTranslationUnit(E, L);
}

} // namespace

RetryLoopReviewCheck::RetryLoopReviewCheck(llvm::StringRef Name,
                                           tidy::ClangTidyContext *Context)
    : RetryCheckBase(Name, Context),
      Settings(model::defaultPaymentSettings()) {
  // Items only for a run that checks retry loops at all.
  for (const Folded &F : FoldedChecks)
    if (llvm::StringRef(F.Check) != "resilience-missing-idempotency-key" &&
        Context->isCheckEnabled(F.Check))
      AnyRetryCheck = true;
  Settings.ReportEveryRequest = true;
}

void RetryLoopReviewCheck::onStartOfTranslationUnit() {
  RetryCheckBase::onStartOfTranslationUnit();
  Payments.clear();
  PaymentsFor = nullptr;
}

const std::vector<model::PaymentFinding> &
RetryLoopReviewCheck::payments(ASTContext &Ctx) {
  if (PaymentsFor == &Ctx)
    return Payments;
  PaymentsFor = &Ctx;
  Payments.clear();
  struct Collector : RecursiveASTVisitor<Collector> {
    std::vector<const FunctionDecl *> Fns;
    const SourceManager &SM;
    explicit Collector(const SourceManager &SM) : SM(SM) {}
    bool shouldVisitTemplateInstantiations() const { return false; }
    bool VisitFunctionDecl(FunctionDecl *FD) {
      if (FD->doesThisDeclarationHaveABody() && !FD->isDependentContext() &&
          !SM.isInSystemHeader(FD->getLocation()))
        Fns.push_back(FD);
      return true;
    }
  } C(Ctx.getSourceManager());
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  model::PaymentRequestAnalysis Analysis(Ctx, Settings);
  for (const FunctionDecl *FD : C.Fns)
    for (const model::PaymentFinding &F : Analysis.analyze(FD))
      Payments.push_back(F);
  return Payments;
}

void RetryLoopReviewCheck::report(
    const model::RetrySummary &S,
    const ast_matchers::MatchFinder::MatchResult &R) {
  if (!AnyRetryCheck || S.Header.isMacroID())
    return;
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  SourceRange LoopRange = S.Loop->getSourceRange();
  llvm::json::Array Guardrails;
  review::RewriteRequest Req;
  Req.Summary = &S;
  Req.Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  struct Evidence {
    const char *Name;
    SourceLocation Loc;
  };
  std::vector<Evidence> Evidences;
  auto Add = [&](const char *Name, const char *Status, std::string Summary,
                 SourceLocation At) {
    Guardrails.push_back(llvm::json::Object{
        {"name", Name}, {"status", Status}, {"summary", std::move(Summary)}});
    if (At.isValid())
      Evidences.push_back({Name, At});
  };

  // 1. Exponential backoff with jitter.
  std::string DelayName =
      S.Delay ? model::calleeDisplayName(S.Delay) : std::string();
  if (S.FromBackoffHelper) {
    Add("backoff", "present",
        "waits through the backoff helper '" + DelayName +
            "', which grows, caps and randomizes the delay",
        S.Delay->getBeginLoc());
  } else if (S.DelayUnknown) {
    Add("backoff", "unknown",
        "the delay comes from '" + DelayName +
            "', whose body is not in this file",
        S.Delay ? S.Delay->getBeginLoc() : SourceLocation());
  } else if (!S.Delay) {
    Add("backoff", "missing",
        "retries immediately: no delay between attempts", SourceLocation());
    Req.NeedBackoff = Req.NeedGrowth = Req.NeedJitter = true;
  } else {
    bool Exp = S.Growth == model::DelayGrowth::Exponential;
    std::string Growth =
        Exp ? "grows exponentially"
        : S.Growth == model::DelayGrowth::Linear ? "grows only linearly"
                                                 : "fixed, does not grow";
    std::string Summary = "`" + sourceText(S.Delay->getSourceRange(), Ctx) +
                          "`: " + Growth + ", " +
                          (S.Ceiling ? "capped" : "no cap") + ", " +
                          (S.Random ? "randomized" : "no jitter");
    bool Ok = Exp && S.Ceiling && S.Random;
    Add("backoff", Ok ? "present" : "missing", Summary, S.Delay->getBeginLoc());
    Req.NeedBackoff = !Ok;
    Req.NeedGrowth = !Exp;
    Req.NeedCeiling = !S.Ceiling;
    Req.NeedJitter = !S.Random;
  }

  // 2. A cap on attempts (or an overall deadline), with the test that
  // bounds the loop.
  const Expr *Test = S.BoundTest;
  std::string TestText =
      Test ? sourceText(Test->getSourceRange(), Ctx) : std::string();
  SourceLocation TestAt = Test ? Test->getBeginLoc() : S.Header;
  switch (S.Bound) {
  case model::LoopBound::None: {
    std::string Summary = "no attempt cap and no deadline";
    if (S.UncomparedCounter)
      Summary += "; '" + S.UncomparedCounter->getName().str() +
                 "' counts the attempts but is never compared with a limit";
    Add("cap", "missing", Summary,
        S.UncomparedCounter ? S.UncomparedCounter->getLocation()
                            : SourceLocation());
    Req.NeedCap = true;
    break;
  }
  case model::LoopBound::AttemptCounter:
    Add("cap", "present",
        TestText.empty() ? "an attempt counter stops the loop"
                         : "attempts capped: `" + TestText + "`",
        TestAt);
    break;
  case model::LoopBound::Deadline:
    Add("cap", "present",
        TestText.empty() ? "an overall deadline stops the loop"
                         : "bounded by a deadline: `" + TestText + "`",
        TestAt);
    break;
  case model::LoopBound::Policy:
    Add("cap", "present",
        TestText.empty() ? "the retry policy decides when to stop"
                         : "the retry policy decides when to stop: `" +
                               TestText + "`",
        TestAt);
    break;
  }

  // 3. The idempotency key, for a payment POST the loop retries.
  const model::PaymentFinding *Pay = nullptr;
  for (const model::PaymentFinding &F : payments(Ctx))
    if (within(F.Loc, LoopRange, SM) ||
        (F.Problem == model::KeyProblem::PerAttempt &&
         SM.getExpansionLoc(F.LoopLoc) == SM.getExpansionLoc(S.Loop->getBeginLoc()))) {
      Pay = &F;
      break;
    }
  std::string PaymentWhat;
  if (!Pay) {
    Add("key", "not-needed", "not a payment call, key not needed",
        SourceLocation());
  } else {
    PaymentWhat = model::describePaymentRequest(*Pay);
    switch (Pay->Problem) {
    case model::KeyProblem::Keyed:
      Add("key", "present",
          Pay->HeaderName.empty()
              ? std::string("the request carries an idempotency key")
              : "sent as the '" + Pay->HeaderName +
                    "' header, made outside the loop",
          Pay->KeyLoc);
      break;
    case model::KeyProblem::OutOfSight:
      Add("key", "unknown",
          "the request's headers are built out of sight", SourceLocation());
      break;
    case model::KeyProblem::Missing:
      Add("key", "missing",
          "no idempotency key: a retry after a timeout can charge twice; "
          "send " + Pay->KeyCarrier + ", made once before the loop",
          Pay->Loc);
      Req.KeyMissing = true;
      Req.KeyCarrier = Pay->KeyCarrier;
      break;
    case model::KeyProblem::PerAttempt:
      Add("key", "missing",
          "the key is made inside the loop: every attempt sends a new one, "
          "so the server cannot tell a retry from a new payment",
          Pay->Loc);
      break;
    case model::KeyProblem::Constant:
    case model::KeyProblem::FromUrlOnly:
      Add("key", "missing",
          Pay->Problem == model::KeyProblem::Constant
              ? "the key is a constant: every payment sends the same one"
              : "the key is derived only from the URL: every payment to "
                "that endpoint shares it",
          Pay->Loc);
      break;
    }
  }
  if (Pay && Pay->Problem == model::KeyProblem::PerAttempt) {
    // The generator call at Pay->Loc, for the rewrite to move its statement.
    struct Find : RecursiveASTVisitor<Find> {
      SourceLocation At;
      const CallExpr *Found = nullptr;
      bool VisitCallExpr(CallExpr *C) {
        if (!Found && C->getBeginLoc() == At)
          Found = C;
        return true;
      }
    } F;
    F.At = Pay->Loc;
    F.TraverseStmt(const_cast<Stmt *>(S.Loop));
    Req.KeyGenerator = F.Found;
  }

  review::Rewrite RW = review::rewriteRetryLoop(Req, Ctx);
  llvm::json::Array Folds;
  for (const Folded &F : FoldedChecks)
    Folds.push_back(llvm::json::Object{
        {"check", F.Check}, {"scope", F.WholeLoop ? "loop" : "header"}});
  llvm::json::Object Facts{{"call", S.RemoteName},
                           {"payment", Pay != nullptr},
                           {"guardrails", std::move(Guardrails)},
                           {"folds", std::move(Folds)}};
  if (!PaymentWhat.empty())
    Facts["paymentWhat"] = PaymentWhat;
  if (!RW.Text.empty())
    Facts["rewrite"] = RW.Text;
  std::string Message;
  llvm::raw_string_ostream OS(Message);
  OS << llvm::json::Value(std::move(Facts));
  OS.flush();

  {
    auto D = diag(S.Header, "%0", DiagnosticIDs::Remark) << Message;
    for (const FixItHint &H : RW.FixIt)
      D << H;
  }
  diag(S.Loop->getEndLoc(), "loop-end", DiagnosticIDs::Note);
  if (S.Remote)
    diag(S.Remote->getBeginLoc(), "call", DiagnosticIDs::Note);
  for (const Evidence &E : Evidences)
    diag(E.Loc, "evidence:%0", DiagnosticIDs::Note) << E.Name;
}

} // namespace resilience
