//===--- ReviewModel.h - From the emitter's diagnostics to review items ----===//

#ifndef RESILIENCE_TIDY_TOOL_REVIEW_REVIEWMODEL_H
#define RESILIENCE_TIDY_TOOL_REVIEW_REVIEWMODEL_H

#include "Finding.h"

namespace resilience {

class ChangedLines;

/// Reads one emitter diagnostic (collected as a Finding named
/// ReviewDiagnosticName). False if it is not one the tool understands.
bool parseReviewFinding(const Finding &F, ReviewItem &Item,
                        std::vector<FoldRule> &Folds);

/// Moves the emitter's diagnostics out of R.Findings into R.Reviews.
void extractReviewItems(Report &R);

/// Diff mode: keeps the items with a changed line in their loop, notes
/// whether every line of the loop changed, and picks the line to comment
/// on (the keyword's if it changed, else the first changed line). Root is
/// what the diff's paths are relative to; ToDiffPath maps a span's path to
/// it ("" when outside). Returns how many items it hid.
template <typename PathFn>
unsigned filterReviewItems(Report &R, const ChangedLines &Lines,
                           PathFn ToDiffPath);

/// Ties each finding to the innermost item whose fold rules match it.
void foldReviewItems(Report &R);

/// Per finding of R.Findings: does an item stand for it?
std::vector<bool> foldedFindings(const Report &R);

void sortReviewItems(Report &R);

} // namespace resilience

#include "DiffFilter.h"

namespace resilience {

template <typename PathFn>
unsigned filterReviewItems(Report &R, const ChangedLines &Lines,
                           PathFn ToDiffPath) {
  std::vector<ReviewItem> Items;
  std::vector<std::vector<FoldRule>> Folds;
  unsigned Hidden = 0;
  for (unsigned N = 0; N < R.Reviews.size(); ++N) {
    ReviewItem &I = R.Reviews[N];
    std::string Path = ToDiffPath(I.Loop);
    unsigned First = 0;
    bool All = true;
    for (unsigned L = I.Loop.Begin.Line; L <= I.Loop.End.Line; ++L) {
      bool Changed = !Path.empty() && Lines.contains(Path, L);
      All = All && Changed;
      if (Changed && !First)
        First = L;
    }
    if (!First) {
      ++Hidden;
      continue;
    }
    I.AllLinesChanged = All;
    I.AnchorLine =
        Lines.contains(Path, I.Loop.Begin.Line) ? I.Loop.Begin.Line : First;
    Items.push_back(std::move(I));
    Folds.push_back(std::move(R.ReviewFolds[N]));
  }
  R.Reviews = std::move(Items);
  R.ReviewFolds = std::move(Folds);
  return Hidden;
}

} // namespace resilience

#endif
