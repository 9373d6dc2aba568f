//===--- Html.cpp - --format=html: one self-contained report page ----------===//
//
// A summary by check and by file, the retry loops as review items (the
// guardrail checklist, the loop's code, the rewrite), then every other
// finding with its code excerpt, notes and fix. Filters by check and by
// severity run in the page (HtmlAssets.cpp). Everything from the analyzed
// project (paths, messages, source lines) is HTML-escaped, and the page's
// Content-Security-Policy allows nothing but its own inline style and
// script.
//
//===----------------------------------------------------------------------===//

#include "Reporters/Escape.h"
#include "Reporters/Reporters.h"
#include "Reporters/ReviewText.h"
#include "Review/ReviewModel.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <memory>

namespace resilience {

extern const char *const HtmlStyle;
extern const char *const HtmlScript;

namespace {

std::string html(const std::string &S) {
  std::string In = toValidUtf8(S), Out;
  Out.reserve(In.size());
  for (char C : In) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\'': Out += "&#39;"; break;
    default: Out += C;
    }
  }
  return Out;
}

/// Text with `code` spans.
std::string htmlInline(const std::string &S) {
  std::string Out;
  for (const auto &P : codeSpans(S))
    Out += P.second ? "<code>" + html(P.first) + "</code>" : html(P.first);
  return Out;
}

/// Source lines, read once per file, for excerpts.
class SourceLines {
public:
  explicit SourceLines(const std::string &Root) : Root(Root) {}
  const std::vector<std::string> *get(const Span &S) {
    std::string Abs = S.Relative ? Root + S.Path : S.Path;
    auto It = Cache.find(Abs);
    if (It != Cache.end())
      return It->second.get();
    std::unique_ptr<std::vector<std::string>> Lines;
    if (auto Buf = llvm::MemoryBuffer::getFile(Abs, /*IsText=*/false,
                                               /*RequiresNullTerminator=*/false)) {
      Lines = std::make_unique<std::vector<std::string>>();
      llvm::StringRef Text = (*Buf)->getBuffer();
      while (!Text.empty()) {
        auto [Line, Rest] = Text.split('\n');
        Lines->push_back(Line.rtrim('\r').str());
        Text = Rest;
      }
    }
    return (Cache[Abs] = std::move(Lines)).get();
  }

private:
  std::string Root;
  std::map<std::string, std::unique_ptr<std::vector<std::string>>> Cache;
};

struct Writer {
  const Report &R;
  llvm::raw_ostream &OS;
  SourceLines Sources;

  /// Lines First..Last of S's file, numbered, the Hit line marked.
  void excerpt(const Span &S, unsigned First, unsigned Last, unsigned Hit,
               const std::string &Fallback) {
    const std::vector<std::string> *Lines = Sources.get(S);
    OS << "<pre class=\"excerpt\">";
    if (!Lines || First == 0 || First > Lines->size()) {
      OS << html(Fallback) << "</pre>\n";
      return;
    }
    Last = std::min<unsigned>(Last, Lines->size());
    for (unsigned L = First; L <= Last; ++L) {
      std::string Num = std::to_string(L);
      Num.insert(0, Num.size() < 5 ? 5 - Num.size() : 0, ' ');
      std::string Text = html(Num + " | " + (*Lines)[L - 1]);
      if (L == Hit)
        OS << "<span class=\"line-hit\">" << Text << "</span>";
      else
        OS << Text << "\n";
    }
    OS << "</pre>\n";
  }

  std::string where(const Span &S, bool Column = true) {
    std::string W = S.Path + ":" + std::to_string(S.Begin.Line);
    if (Column)
      W += ":" + std::to_string(S.Begin.CharColumn);
    return html(W);
  }

  void head() {
    OS << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
       << "<title>resilience-tidy report</title>\n<style>" << HtmlStyle
       << "</style>\n</head>\n<body>\n";
  }

  void summary(const std::vector<bool> &Folded) {
    unsigned Incomplete = 0;
    for (const ReviewItem &I : R.Reviews)
      Incomplete += !I.complete();
    OS << "<header>\n<h1>resilience-tidy report</h1>\n<p id=\"summary-line\">"
       << "<span id=\"finding-count\">" << R.Findings.size() << "</span> finding"
       << (R.Findings.size() == 1 ? "" : "s") << " in " << R.FilesAnalyzed
       << " file" << (R.FilesAnalyzed == 1 ? "" : "s") << " analyzed; "
       << "<span id=\"loop-count\">" << R.Reviews.size() << "</span> retry loop"
       << (R.Reviews.size() == 1 ? "" : "s") << " reviewed, " << Incomplete
       << " missing a guardrail.";
    if (R.HiddenByDiff)
      OS << " " << R.HiddenByDiff << " outside the changed lines not shown.";
    if (R.HiddenByBaseline)
      OS << " " << R.HiddenByBaseline << " accepted by the baseline not shown.";
    if (R.SuppressedByNolint)
      OS << " " << R.SuppressedByNolint << " suppressed by NOLINT.";
    OS << "</p>\n";
    if (!R.Problems.empty()) {
      OS << "<p><strong>The analysis is incomplete:</strong></p>\n<ul "
            "id=\"problems\">\n";
      for (const Problem &P : R.Problems) {
        OS << "<li>";
        if (!P.Path.empty())
          OS << "<code>" << html(P.Path)
             << (P.Line ? ":" + std::to_string(P.Line) : "") << "</code>: ";
        OS << html(P.Message) << "</li>\n";
      }
      OS << "</ul>\n";
    }
    OS << "</header>\n<main>\n";

    // Filters: one box per check that has something to show.
    std::map<std::string, unsigned> Shown;
    std::map<std::string, unsigned> PerCheck;
    std::map<std::string, std::map<std::string, unsigned>> PerFile;
    for (unsigned N = 0; N < R.Findings.size(); ++N) {
      const Finding &F = R.Findings[N];
      ++PerCheck[F.Check];
      ++PerFile[F.Where.Path][F.Check];
      if (!Folded[N])
        ++Shown[F.Check];
    }
    OS << "<section id=\"filters\">\n<strong>Filter</strong>\n";
    if (!R.Reviews.empty())
      OS << "<label><input type=\"checkbox\" class=\"f-check\" value=\""
         << ReviewEntryName << "\" checked> retry loop reviews ("
         << R.Reviews.size() << ")</label>\n";
    for (const auto &C : Shown)
      OS << "<label><input type=\"checkbox\" class=\"f-check\" value=\""
         << html(C.first) << "\" checked> " << html(C.first) << " ("
         << C.second << ")</label>\n";
    OS << "<label>severity <select id=\"f-severity\">"
       << "<option value=\"note\">all</option>"
       << "<option value=\"warning\">warnings and errors</option>"
       << "<option value=\"error\">errors only</option></select></label>\n"
       << "<span id=\"shown-count\" class=\"muted\"></span>\n</section>\n";

    OS << "<div class=\"summary-grid\">\n<section id=\"by-check\">\n<h2>By "
          "check</h2>\n<table>\n<tr><th>Check</th><th>Findings</th></tr>\n";
    for (const auto &C : PerCheck)
      OS << "<tr data-summary-check=\"" << html(C.first) << "\"><td><a href=\""
         << html(docsUrl(R, C.first)) << "\">" << html(C.first)
         << "</a></td><td class=\"n\">" << C.second << "</td></tr>\n";
    OS << "</table>\n</section>\n<section id=\"by-file\">\n<h2>By file</h2>\n"
          "<table>\n<tr><th>File</th><th>Findings</th><th>Checks</th></tr>\n";
    for (const auto &F : PerFile) {
      unsigned Total = 0;
      std::string Checks;
      for (const auto &C : F.second) {
        Total += C.second;
        Checks += (Checks.empty() ? "" : ", ") + C.first + " (" +
                  std::to_string(C.second) + ")";
      }
      OS << "<tr><td><code>" << html(F.first) << "</code></td><td class=\"n\">"
         << Total << "</td><td>" << html(Checks) << "</td></tr>\n";
    }
    OS << "</table>\n</section>\n</div>\n";
  }

  void review(const ReviewItem &I) {
    OS << "<article class=\"review" << (I.complete() ? " complete" : "")
       << "\" data-check=\"" << ReviewEntryName << "\" data-severity=\""
       << severityName(I.level()) << "\">\n<h3><code>" << where(I.Loop, false)
       << "</code> retry loop around <code>" << html(I.Call) << "</code>"
       << (I.Payment ? " (payment POST)" : "") << ": <span class=\"verdict\">"
       << html(I.verdict()) << "</span></h3>\n";
    if (!I.PaymentWhat.empty())
      OS << "<p class=\"muted\">" << html(I.PaymentWhat) << "</p>\n";
    OS << "<ul class=\"checklist\">\n";
    for (const Guardrail &G : I.Guardrails) {
      const char *Mark = G.Status == GuardrailStatus::Present   ? "&#10003;"
                         : G.Status == GuardrailStatus::Missing ? "&#10007;"
                         : G.Status == GuardrailStatus::Unknown ? "?"
                                                                : "&#8211;";
      OS << "<li class=\"" << statusName(G.Status) << "\" data-guardrail=\""
         << guardrailId(G.Kind) << "\"><span class=\"mark\">" << Mark
         << "</span><strong>" << guardrailTitle(G.Kind) << "</strong> ("
         << statusLabel(G.Status) << "): " << htmlInline(G.Summary);
      if (G.Evidence)
        OS << " <span class=\"muted\">line " << G.Evidence->Begin.Line
           << "</span>";
      OS << "</li>\n";
    }
    OS << "</ul>\n";
    excerpt(I.Loop, I.Loop.Begin.Line, I.Loop.End.Line, 0, "");
    if (!I.complete() && !I.Rewrite.empty())
      OS << "<details class=\"rewrite\" open><summary>Suggested rewrite</summary>"
         << "<pre>" << html(I.Rewrite) << "</pre></details>\n";
    if (!I.Folded.empty()) {
      OS << "<p class=\"muted\">Stands for: ";
      for (unsigned K = 0; K < I.Folded.size(); ++K) {
        const Finding &F = R.Findings[I.Folded[K]];
        OS << (K ? ", " : "") << html(F.Check) << " (line "
           << F.Where.Begin.Line << ")";
      }
      OS << "</p>\n";
    }
    OS << "</article>\n";
  }

  void finding(const Finding &F, unsigned Index) {
    const char *Sev = severityName(F.Level);
    OS << "<article class=\"finding " << Sev << "\" id=\"finding-" << Index
       << "\" data-check=\"" << html(F.Check) << "\" data-severity=\"" << Sev
       << "\">\n<h3><span class=\"sev " << Sev << "\">" << Sev
       << "</span> <code>" << where(F.Where) << "</code> <a href=\""
       << html(docsUrl(R, F.Check)) << "\">" << html(F.Check) << "</a></h3>\n"
       << "<p class=\"message\">" << html(F.Message) << "</p>\n";
    unsigned L = F.Where.Begin.Line;
    excerpt(F.Where, L > 2 ? L - 2 : 1, L + 2, L, F.LineText);
    if (!F.Notes.empty()) {
      OS << "<ul class=\"notes\">\n";
      for (const Note &N : F.Notes)
        OS << "<li><code>" << where(N.Where) << "</code> " << html(N.Message)
           << "</li>\n";
      OS << "</ul>\n";
    }
    if (!F.Edits.empty()) {
      OS << "<div class=\"fix\"><strong>Fix</strong>\n";
      for (const Edit &E : F.Edits)
        OS << "<p><code>" << where(E.Where) << "</code> "
           << (E.Text.empty() ? "remove" : "insert or replace with")
           << ":</p><pre>" << html(E.Text) << "</pre>\n";
      OS << "</div>\n";
    }
    OS << "</article>\n";
  }
};

} // namespace

void writeHtml(const Report &R, llvm::raw_ostream &OS) {
  Writer W{R, OS, SourceLines(R.SourceRoot)};
  std::vector<bool> Folded = foldedFindings(R);
  W.head();
  W.summary(Folded);
  if (!R.Reviews.empty()) {
    OS << "<section id=\"reviews\">\n<h2>Retry loops</h2>\n"
       << "<p class=\"none-shown muted\" hidden>Nothing matches the "
          "filters.</p>\n";
    for (const ReviewItem &I : R.Reviews)
      W.review(I);
    OS << "</section>\n";
  }
  OS << "<section id=\"findings\">\n<h2>"
     << (R.Reviews.empty() ? "Findings" : "Other findings") << "</h2>\n"
     << "<p class=\"none-shown muted\" hidden>Nothing matches the "
        "filters.</p>\n";
  for (unsigned N = 0; N < R.Findings.size(); ++N)
    if (!Folded[N])
      W.finding(R.Findings[N], N);
  OS << "</section>\n</main>\n<footer><main><p class=\"muted\">resilience-tidy "
     << html(R.ToolVersion) << "</p></main></footer>\n<script>" << HtmlScript
     << "</script>\n</body>\n</html>\n";
}

} // namespace resilience
