//===--- ReviewItem.cpp - Reading the emitter's facts, folding findings ----===//

#include "Review/ReviewItem.h"
#include "Review/ReviewModel.h"
#include "llvm/Support/JSON.h"
#include <algorithm>

namespace resilience {

unsigned ReviewItem::met() const {
  unsigned N = 0;
  for (const Guardrail &G : Guardrails)
    if (G.Status == GuardrailStatus::Present)
      ++N;
  return N;
}

unsigned ReviewItem::needed() const {
  unsigned N = 0;
  for (const Guardrail &G : Guardrails)
    if (G.Status != GuardrailStatus::NotNeeded)
      ++N;
  return N;
}

std::string ReviewItem::verdict() const {
  std::string V = std::to_string(met()) + " of " + std::to_string(needed()) +
                  " guardrails";
  unsigned Unknown = 0;
  for (const Guardrail &G : Guardrails)
    if (G.Status == GuardrailStatus::Unknown)
      ++Unknown;
  if (Unknown)
    V += " (" + std::to_string(Unknown) + " out of sight)";
  if (!Payment)
    V += "; not a payment call, no key needed";
  return V;
}

const char *guardrailTitle(GuardrailKind K) {
  switch (K) {
  case GuardrailKind::Backoff:
    return "exponential backoff with jitter";
  case GuardrailKind::Cap:
    return "a cap on attempts";
  case GuardrailKind::Key:
    return "an idempotency key made once";
  }
  return "";
}

const char *guardrailId(GuardrailKind K) {
  switch (K) {
  case GuardrailKind::Backoff:
    return "backoff";
  case GuardrailKind::Cap:
    return "cap";
  case GuardrailKind::Key:
    return "key";
  }
  return "";
}

const char *statusName(GuardrailStatus S) {
  switch (S) {
  case GuardrailStatus::Present:
    return "present";
  case GuardrailStatus::Missing:
    return "missing";
  case GuardrailStatus::Unknown:
    return "unknown";
  case GuardrailStatus::NotNeeded:
    return "not-needed";
  }
  return "";
}

const char *statusLabel(GuardrailStatus S) {
  return S == GuardrailStatus::NotNeeded ? "not needed"
         : S == GuardrailStatus::Unknown ? "out of sight"
                                         : statusName(S);
}

namespace {

std::optional<GuardrailKind> kindNamed(llvm::StringRef S) {
  if (S == "backoff")
    return GuardrailKind::Backoff;
  if (S == "cap")
    return GuardrailKind::Cap;
  if (S == "key")
    return GuardrailKind::Key;
  return std::nullopt;
}

std::optional<GuardrailStatus> statusNamed(llvm::StringRef S) {
  for (GuardrailStatus St :
       {GuardrailStatus::Present, GuardrailStatus::Missing,
        GuardrailStatus::Unknown, GuardrailStatus::NotNeeded})
    if (S == statusName(St))
      return St;
  return std::nullopt;
}

std::string str(const llvm::json::Object &O, llvm::StringRef Key) {
  if (auto S = O.getString(Key))
    return S->str();
  return "";
}

} // namespace

bool parseReviewFinding(const Finding &F, ReviewItem &Item,
                        std::vector<FoldRule> &Folds) {
  auto Parsed = llvm::json::parse(F.Message);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return false;
  }
  const llvm::json::Object *O = Parsed->getAsObject();
  if (!O)
    return false;
  Item = ReviewItem();
  Item.Loop = F.Where;
  Item.Loop.End = Item.Loop.Begin;
  Item.Call = str(*O, "call");
  Item.Payment = O->getBoolean("payment").value_or(false);
  Item.PaymentWhat = str(*O, "paymentWhat");
  Item.Rewrite = str(*O, "rewrite");
  Item.FixIt = F.Edits;
  Item.Fingerprint = F.Fingerprint;
  if (const auto *Gs = O->getArray("guardrails"))
    for (const llvm::json::Value &V : *Gs) {
      const llvm::json::Object *G = V.getAsObject();
      if (!G)
        return false;
      auto K = kindNamed(str(*G, "name"));
      auto S = statusNamed(str(*G, "status"));
      if (!K || !S)
        return false;
      Item.Guardrails.push_back({*K, *S, str(*G, "summary"), std::nullopt});
    }
  if (Item.Guardrails.size() != 3)
    return false;
  if (const auto *Fs = O->getArray("folds"))
    for (const llvm::json::Value &V : *Fs)
      if (const llvm::json::Object *R = V.getAsObject())
        Folds.push_back({str(*R, "check"), str(*R, "scope") == "loop"});
  // Evidence travels as notes: "loop-end", "call", "evidence:<guardrail>".
  for (const Note &N : F.Notes) {
    llvm::StringRef M(N.Message);
    if (M == "loop-end") {
      Item.Loop.End = N.Where.Begin;
    } else if (M == "call") {
      Item.CallAt = N.Where;
    } else if (M.consume_front("evidence:")) {
      if (auto K = kindNamed(M))
        for (Guardrail &G : Item.Guardrails)
          if (G.Kind == *K)
            G.Evidence = N.Where;
    }
  }
  if (Item.Loop.End.Line < Item.Loop.Begin.Line)
    Item.Loop.End = Item.Loop.Begin;
  return true;
}

void extractReviewItems(Report &R) {
  std::vector<Finding> Kept;
  for (Finding &F : R.Findings) {
    if (F.Check != ReviewDiagnosticName) {
      Kept.push_back(std::move(F));
      continue;
    }
    ReviewItem Item;
    std::vector<FoldRule> Folds;
    if (!parseReviewFinding(F, Item, Folds))
      continue;
    R.Reviews.push_back(std::move(Item));
    R.ReviewFolds.push_back(std::move(Folds));
  }
  R.Findings = std::move(Kept);
}

static bool inside(const ReviewItem &I, const Span &S) {
  return S.Path == I.Loop.Path && S.Begin.Line >= I.Loop.Begin.Line &&
         S.Begin.Line <= I.Loop.End.Line;
}

void foldReviewItems(Report &R) {
  for (ReviewItem &I : R.Reviews)
    I.Folded.clear();
  for (unsigned F = 0; F < R.Findings.size(); ++F) {
    const Finding &Fd = R.Findings[F];
    int Best = -1;
    for (unsigned N = 0; N < R.Reviews.size(); ++N) {
      const ReviewItem &I = R.Reviews[N];
      bool Match = false;
      for (const FoldRule &Rule : R.ReviewFolds[N]) {
        if (Rule.Check != Fd.Check)
          continue;
        if (Rule.WholeLoop ? inside(I, Fd.Where)
                           : (Fd.Where.Path == I.Loop.Path &&
                              Fd.Where.Begin.Line == I.Loop.Begin.Line &&
                              Fd.Where.Begin.Column == I.Loop.Begin.Column))
          Match = true;
      }
      // The innermost loop wins.
      if (Match && (Best < 0 || I.Loop.Begin.Line >=
                                    R.Reviews[Best].Loop.Begin.Line))
        Best = N;
    }
    if (Best >= 0)
      R.Reviews[Best].Folded.push_back(F);
  }
}

std::vector<bool> foldedFindings(const Report &R) {
  std::vector<bool> Out(R.Findings.size(), false);
  for (const ReviewItem &I : R.Reviews)
    for (unsigned F : I.Folded)
      if (F < Out.size())
        Out[F] = true;
  return Out;
}

void sortReviewItems(Report &R) {
  std::vector<unsigned> Order(R.Reviews.size());
  for (unsigned I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](unsigned A, unsigned B) {
    const Span &X = R.Reviews[A].Loop, &Y = R.Reviews[B].Loop;
    return std::tie(X.Path, X.Begin.Line, X.Begin.Column) <
           std::tie(Y.Path, Y.Begin.Line, Y.Begin.Column);
  });
  std::vector<ReviewItem> Items;
  std::vector<std::vector<FoldRule>> Folds;
  for (unsigned I : Order) {
    Items.push_back(std::move(R.Reviews[I]));
    Folds.push_back(std::move(R.ReviewFolds[I]));
  }
  R.Reviews = std::move(Items);
  R.ReviewFolds = std::move(Folds);
}

} // namespace resilience
