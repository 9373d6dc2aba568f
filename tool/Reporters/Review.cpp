//===--- Review.cpp - --format=review: one pull-request review -------------===//
//
// The items, with every fact, and `review`: the body of GitHub's "create a
// review" call (event, body, one comment per loop that misses a guardrail),
// which the Action posts after adding the commit. A comment carries a
// ```suggestion block only when the rewrite replaces lines that all
// changed in the pull request (diff mode); otherwise the rewrite is a code
// block to copy. Loops with every guardrail get no comment.
//
//===----------------------------------------------------------------------===//

#include "Review/ReviewModel.h"
#include "Reporters/Escape.h"
#include "Reporters/Reporters.h"
#include "Reporters/ReviewText.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace resilience {

static Value spanValue(const Span &S) {
  return Object{{"path", toValidUtf8(S.Path)},
                {"line", S.Begin.Line},
                {"column", S.Begin.CharColumn}};
}

static Value reviewItemJson(const Report &R, const ReviewItem &I) {
  Array Gs;
  for (const Guardrail &G : I.Guardrails) {
    Object O{{"name", guardrailId(G.Kind)},
             {"title", guardrailTitle(G.Kind)},
             {"status", statusName(G.Status)},
             {"summary", toValidUtf8(G.Summary)}};
    if (G.Evidence)
      O["evidence"] = spanValue(*G.Evidence);
    Gs.push_back(std::move(O));
  }
  Array Folded;
  for (unsigned F : I.Folded) {
    const Finding &Fd = R.Findings[F];
    Folded.push_back(Object{{"check", Fd.Check},
                            {"line", Fd.Where.Begin.Line},
                            {"message", toValidUtf8(Fd.Message)},
                            {"fingerprint", Fd.Fingerprint}});
  }
  Object O{{"path", toValidUtf8(I.Loop.Path)},
           {"line", I.Loop.Begin.Line},
           {"endLine", I.Loop.End.Line},
           {"call", toValidUtf8(I.Call)},
           {"payment", I.Payment},
           {"guardrails", std::move(Gs)},
           {"met", I.met()},
           {"needed", I.needed()},
           {"verdict", toValidUtf8(I.verdict())},
           {"findings", std::move(Folded)},
           {"fingerprint", I.Fingerprint}};
  if (I.CallAt)
    O["callAt"] = spanValue(*I.CallAt);
  if (!I.PaymentWhat.empty())
    O["paymentRequest"] = toValidUtf8(I.PaymentWhat);
  if (!I.Rewrite.empty() && !I.complete()) {
    Object Rw{{"startLine", I.Loop.Begin.Line},
              {"endLine", I.Loop.End.Line},
              {"text", toValidUtf8(I.Rewrite)}};
    Array Fix;
    for (const Edit &E : I.FixIt)
      Fix.push_back(Object{{"path", toValidUtf8(E.Where.Path)},
                           {"startLine", E.Where.Begin.Line},
                           {"startColumn", E.Where.Begin.Column},
                           {"endLine", E.Where.End.Line},
                           {"endColumn", E.Where.End.Column},
                           {"text", toValidUtf8(E.Text)}});
    Rw["fixIt"] = std::move(Fix);
    O["rewrite"] = std::move(Rw);
  }
  return O;
}

void writeReview(const Report &R, llvm::raw_ostream &OS) {
  Array Items, Comments;
  std::vector<bool> Folded = foldedFindings(R);
  unsigned Incomplete = 0;
  for (const ReviewItem &I : R.Reviews) {
    Items.push_back(reviewItemJson(R, I));
    if (I.complete())
      continue;
    ++Incomplete;
    bool Suggest = I.AllLinesChanged && !I.Rewrite.empty();
    Object C{{"path", toValidUtf8(I.Loop.Path)},
             {"side", "RIGHT"},
             {"body", toValidUtf8(reviewCommentMarkdown(
                          I,
                          Suggest ? RewriteStyle::Suggestion
                                  : RewriteStyle::Code,
                          /*WithLocation=*/false))}};
    if (Suggest && I.Loop.End.Line > I.Loop.Begin.Line) {
      C["start_line"] = I.Loop.Begin.Line;
      C["start_side"] = "RIGHT";
      C["line"] = I.Loop.End.Line;
    } else {
      C["line"] = I.AnchorLine ? I.AnchorLine : I.Loop.Begin.Line;
    }
    Comments.push_back(std::move(C));
  }
  unsigned Others = 0;
  for (bool F : Folded)
    Others += !F;
  std::string Body = "**resilience-tidy** reviewed " +
                     std::to_string(R.Reviews.size()) + " retry loop" +
                     (R.Reviews.size() == 1 ? "" : "s") + ": " +
                     std::to_string(Incomplete) + " miss" +
                     (Incomplete == 1 ? "es" : "") + " a guardrail.";
  if (Others)
    Body += " " + std::to_string(Others) + " other finding" +
            (Others == 1 ? "" : "s") + " (see the annotations and the job "
                                       "summary).";
  Object Doc{{"version", 1},
             {"tool", Object{{"name", "resilience-tidy"},
                             {"version", R.ToolVersion}}},
             {"filesAnalyzed", R.FilesAnalyzed},
             {"findings", R.Findings.size()},
             {"items", std::move(Items)},
             {"review", Object{{"event", "COMMENT"},
                               {"body", toValidUtf8(Body)},
                               {"comments", std::move(Comments)}}}};
  OS << llvm::formatv("{0:2}", Value(std::move(Doc))) << "\n";
}

} // namespace resilience
