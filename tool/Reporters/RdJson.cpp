//===--- RdJson.cpp - reviewdog Diagnostic Format --------------------------===//
//
// `reviewdog -f=rdjson` posts these as review comments; fix-its become
// suggestions. Columns are 1-based UTF-8 byte counts, as rdjson defines them.
//
//===----------------------------------------------------------------------===//

#include "Escape.h"
#include "Reporters.h"
#include "ReviewText.h"
#include "Review/ReviewModel.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace resilience {

static Value range(const Span &S) {
  Object R{{"start", Object{{"line", S.Begin.Line}, {"column", S.Begin.Column}}}};
  if (S.End.Line)
    R["end"] = Object{{"line", S.End.Line}, {"column", S.End.Column}};
  return R;
}

static Value location(const Span &S) {
  return Object{{"path", toValidUtf8(S.Path)}, {"range", range(S)}};
}

/// A retry loop's review item: one diagnostic for the loop, its rewrite as
/// a suggestion replacing the loop's lines; it stands for the findings it
/// folds, which are not listed again.
static Value reviewDiagnostic(const ReviewItem &I) {
  Object D{{"message", toValidUtf8(reviewPlainMessage(I))},
           {"location", location(I.Loop)},
           {"severity", "WARNING"},
           {"code", Object{{"value", ReviewEntryName}}}};
  Array Suggestions;
  if (!I.Rewrite.empty()) {
    Span Lines = I.Loop;
    Lines.Begin = Position{I.Loop.Begin.Line, 1, 1};
    Lines.End = Position{I.Loop.End.Line + 1, 1, 1};
    Suggestions.push_back(
        Object{{"range", range(Lines)}, {"text", toValidUtf8(I.Rewrite)}});
  }
  if (!Suggestions.empty())
    D["suggestions"] = std::move(Suggestions);
  Array Related;
  for (const Guardrail &G : I.Guardrails)
    if (G.Evidence)
      Related.push_back(Object{
          {"message", toValidUtf8(std::string(guardrailTitle(G.Kind)) + " (" +
                                  statusLabel(G.Status) + "): " + G.Summary)},
          {"location", location(*G.Evidence)}});
  if (!Related.empty())
    D["related_locations"] = std::move(Related);
  return D;
}

// Streamed, one diagnostic's JSON at a time, keys in llvm::json's order.
void writeRdJson(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
  J.attributeArray("diagnostics", [&] {
  for (const ReviewItem &I : R.Reviews)
    if (!I.complete())
      J.value(reviewDiagnostic(I));
  std::vector<bool> Folded = foldedFindings(R);
  for (unsigned N = 0; N < R.Findings.size(); ++N) {
    if (Folded[N])
      continue;
    const Finding &F = R.Findings[N];
    const char *Sev = F.Level == Severity::Error ? "ERROR" : "WARNING";
    Object D{{"message", toValidUtf8(F.Message)},
             {"location", location(F.Where)},
             {"severity", Sev},
             {"code", Object{{"value", F.Check}, {"url", docsUrl(R, F.Check)}}}};
    Array Suggestions;
    for (const Edit &E : F.Edits)
      Suggestions.push_back(
          Object{{"range", range(E.Where)}, {"text", toValidUtf8(E.Text)}});
    if (!Suggestions.empty())
      D["suggestions"] = std::move(Suggestions);
    Array Related;
    for (const Note &N : F.Notes)
      Related.push_back(Object{{"message", toValidUtf8(N.Message)},
                               {"location", location(N.Where)}});
    if (!Related.empty())
      D["related_locations"] = std::move(Related);
    J.value(std::move(D));
  }
  });
  J.attribute("severity", "WARNING");
  J.attribute("source", Object{{"name", "resilience-tidy"},
                               {"url", R.InformationUri}});
  });
  OS << "\n";
}

} // namespace resilience
