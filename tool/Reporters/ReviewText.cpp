//===--- ReviewText.cpp ---------------------------------------------------===//

#include "Reporters/ReviewText.h"
#include "Reporters/Escape.h"
#include "llvm/ADT/StringRef.h"

namespace resilience {

static const char *mark(GuardrailStatus S) {
  switch (S) {
  case GuardrailStatus::Present:
    return "\xE2\x9C\x85"; // check mark
  case GuardrailStatus::Missing:
    return "\xE2\x9D\x8C"; // cross
  case GuardrailStatus::Unknown:
    return "\xE2\x9D\x94"; // question mark
  case GuardrailStatus::NotNeeded:
    return "\xE2\x9E\x96"; // minus
  }
  return "";
}

static std::string capitalized(std::string S) {
  if (!S.empty() && S[0] >= 'a' && S[0] <= 'z')
    S[0] = S[0] - 'a' + 'A';
  return S;
}

/// Calls F(Text, IsCode) for each piece of S, split at backtick pairs.
template <typename Fn> static void splitCode(const std::string &S, Fn F) {
  size_t At = 0;
  while (At < S.size()) {
    size_t Open = S.find('`', At);
    size_t Close = Open == std::string::npos ? Open : S.find('`', Open + 1);
    if (Close == std::string::npos) {
      F(S.substr(At), false);
      return;
    }
    if (Open > At)
      F(S.substr(At, Open - At), false);
    F(S.substr(Open + 1, Close - Open - 1), true);
    At = Close + 1;
  }
}

std::vector<std::pair<std::string, bool>> codeSpans(const std::string &S) {
  std::vector<std::pair<std::string, bool>> Out;
  splitCode(S, [&](const std::string &P, bool Code) { Out.push_back({P, Code}); });
  return Out;
}

std::string inlineMarkdown(const std::string &S) {
  std::string Out;
  splitCode(S, [&](const std::string &Piece, bool Code) {
    if (!Code) {
      Out += escapeMarkdown(Piece);
      return;
    }
    std::string Text;
    for (char C : Piece)
      Text += (C == '\n' || C == '\r') ? ' ' : C;
    std::string Fence = codeFence(Text).substr(2); // at least one backtick
    bool Pad = !Text.empty() && (Text.front() == '`' || Text.back() == '`');
    Out += Fence + (Pad ? " " : "") + Text + (Pad ? " " : "") + Fence;
  });
  return Out;
}

std::string reviewHeadline(const ReviewItem &I) {
  std::string H = "Retry loop around " + inlineMarkdown("`" + I.Call + "`");
  if (I.Payment)
    H += " (payment POST)";
  return H + ": " + escapeMarkdown(I.verdict());
}

const char *codeLanguage(const std::string &Path) {
  return llvm::StringRef(Path).ends_with(".c") ? "c" : "cpp";
}

std::string codeFence(const std::string &Text) {
  size_t Longest = 0, Run = 0;
  for (char C : Text) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  return std::string(std::max<size_t>(3, Longest + 3), '`');
}

std::string reviewCommentMarkdown(const ReviewItem &I, RewriteStyle Style,
                                  bool WithLocation) {
  std::string Out = "**";
  if (WithLocation)
    Out += escapeMarkdown(I.Loop.Path) + ":" + std::to_string(I.Loop.Begin.Line) +
           ": ";
  Out += reviewHeadline(I) + "**\n\n";
  for (const Guardrail &G : I.Guardrails) {
    Out += "- " + std::string(mark(G.Status)) + " **" +
           capitalized(guardrailTitle(G.Kind)) + "** (" + statusLabel(G.Status) +
           "): " + inlineMarkdown(G.Summary);
    if (G.Evidence)
      Out += " (line " + std::to_string(G.Evidence->Begin.Line) + ")";
    Out += "\n";
  }
  if (Style == RewriteStyle::None || I.Rewrite.empty() || I.complete())
    return Out;
  std::string Fence = codeFence(I.Rewrite);
  if (Style == RewriteStyle::Suggestion) {
    Out += "\nSuggested rewrite of lines " + std::to_string(I.Loop.Begin.Line) +
           "-" + std::to_string(I.Loop.End.Line) + ":\n\n" + Fence +
           "suggestion\n";
  } else {
    Out += "\n<details><summary>Suggested rewrite of lines " +
           std::to_string(I.Loop.Begin.Line) + "-" +
           std::to_string(I.Loop.End.Line) + "</summary>\n\n" + Fence +
           codeLanguage(I.Loop.Path) + "\n";
  }
  Out += I.Rewrite;
  if (I.Rewrite.back() != '\n')
    Out += "\n";
  Out += Fence + "\n";
  if (Style == RewriteStyle::Code)
    Out += "\n</details>\n";
  return Out;
}

std::string reviewPlainMessage(const ReviewItem &I) {
  std::string M = "retry loop around '" + I.Call + "'";
  if (I.Payment)
    M += " (payment POST)";
  M += ": " + I.verdict();
  std::string Missing;
  for (const Guardrail &G : I.Guardrails)
    if (G.Status == GuardrailStatus::Missing)
      Missing += std::string(Missing.empty() ? "" : "; ") +
                 guardrailTitle(G.Kind) + " (" + G.Summary + ")";
  if (!Missing.empty())
    M += "; missing: " + Missing;
  return M;
}

std::string reviewChecklistText(const ReviewItem &I) {
  std::string Out;
  for (const Guardrail &G : I.Guardrails) {
    Out += "[" + std::string(statusLabel(G.Status)) + "] " +
           guardrailTitle(G.Kind) + ": " + G.Summary;
    if (G.Evidence)
      Out += " (line " + std::to_string(G.Evidence->Begin.Line) + ")";
    Out += "\n";
  }
  return Out;
}

} // namespace resilience
