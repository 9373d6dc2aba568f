//===--- DiffFilter.h - Which lines a change added or modified ------------===//
//
// Diff-only mode reports findings on added or changed lines only. The lines
// come from a unified diff (`git diff -U0`, or any diff with context): the
// new-side line numbers of '+' lines, per new-side file name.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_DIFFFILTER_H
#define RESILIENCE_TIDY_TOOL_DIFFFILTER_H

#include <map>
#include <set>
#include <string>

namespace resilience {

class ChangedLines {
public:
  /// Parses a unified diff. Paths are taken from "+++ " lines, with a
  /// leading "b/" removed and git's C-style quoting undone; "/dev/null"
  /// (a deleted file) adds nothing.
  static ChangedLines parseUnifiedDiff(const std::string &Diff);

  /// Path is relative, '/'-separated, as in the diff.
  bool contains(const std::string &Path, unsigned Line) const;
  bool hasFile(const std::string &Path) const;
  unsigned fileCount() const { return Lines.size(); }

private:
  std::map<std::string, std::set<unsigned>> Lines;
};

/// Whether Text looks like a unified diff (or is empty: no changes).
bool looksLikeUnifiedDiff(const std::string &Text);

/// Undoes git's quoting of unusual path names ("a\tb", "\303\251").
std::string unquoteGitPath(const std::string &Quoted);

} // namespace resilience

#endif
