//===--- Finding.h - What the reporters print, free of clang types -------===//
//
// The engine's results (clang::tidy::ClangTidyError) are turned into these
// plain records once (Collect.cpp); every output format, the baseline and
// the diff filter work on them, so they can be unit-tested without clang.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_FINDING_H
#define RESILIENCE_TIDY_TOOL_FINDING_H

#include <string>
#include <vector>

namespace resilience {

/// A place in a source file. Lines are 1-based; Column counts bytes (as
/// clang prints it), CharColumn counts Unicode code points (what SARIF's
/// "unicodeCodePoints", GitHub and GitLab expect). Both are 1-based.
struct Position {
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned CharColumn = 0;
};

/// A span of a file. Path is relative to --source-root (with '/') when the
/// file is under it, absolute otherwise; Relative says which.
struct Span {
  std::string Path;
  bool Relative = false;
  Position Begin;
  Position End; // exclusive
};

struct Note {
  Span Where;
  std::string Message;
};

/// One replacement of a fix-it.
struct Edit {
  Span Where;
  std::string Text;
};

enum class Severity { Note, Warning, Error };

struct Finding {
  std::string Check;
  Severity Level = Severity::Warning;
  std::string Message;
  Span Where;
  /// The text of the flagged line, for fingerprints and snippets.
  std::string LineText;
  std::vector<Note> Notes;
  std::vector<Edit> Edits;
  /// Stable identity across unrelated edits; see Fingerprint.h.
  std::string Fingerprint;
  /// Set for NOLINT'ed results kept for SARIF with --include-suppressed.
  bool Suppressed = false;
  std::string Justification;
  /// Position in the engine's result list, to print the same subset as text.
  unsigned Origin = 0;
};

} // namespace resilience

// Review items are made of the records above; Report holds them.
#include "Review/ReviewItem.h"

namespace resilience {

/// Something that kept the tool from doing its whole job: a file that did
/// not compile, a missing file, an analyzer crash. Reported, never baselined.
struct Problem {
  std::string Path; // as Span::Path; may be empty
  bool Relative = false;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
};

struct Report {
  std::vector<Finding> Findings;
  /// Findings NOLINT suppressed (--include-suppressed); SARIF only.
  std::vector<Finding> Suppressed;
  std::vector<Problem> Problems;
  /// Every enabled check, sorted: the SARIF rules, in this order.
  std::vector<std::string> Checks;
  /// Absolute --source-root, ending in '/'.
  std::string SourceRoot;
  std::string ToolVersion;
  /// Where docs/checks/<check>.md is published, ending in '/'.
  std::string DocsBaseUrl;
  std::string InformationUri;
  unsigned FilesAnalyzed = 0;
  unsigned HiddenByDiff = 0;
  unsigned HiddenByBaseline = 0;
  unsigned StaleBaseline = 0;
  unsigned SuppressedByNolint = 0;
  /// One item per retry loop (Review/ReviewItem.h), in path and line
  /// order, and for each the findings it stands for in review outputs.
  std::vector<ReviewItem> Reviews;
  std::vector<std::vector<FoldRule>> ReviewFolds;
};

const char *severityName(Severity S); // "note", "warning", "error"

/// Orders findings by path, line, column, check, message: the output order
/// of every format, whatever the number of jobs.
void sortFindings(std::vector<Finding> &Findings);

/// Orders problems by path, line, column, message, and drops duplicates (a
/// header that fails to compile in several translation units): the order
/// does not depend on jobs or shards.
void sortProblems(std::vector<Problem> &Problems);

} // namespace resilience

#endif
