//===--- AstDepth.h - How deep a statement nests, without recursion -------===//
//
// Clang parses expressions that nest thousands deep (an 18,000-term
// x+x+...+x), but some of its own recursive walks, such as CFG::buildCFG,
// do not survive them, and neither would a recursive walk of ours. The
// analyses walk bodies iteratively; before handing a body to such a clang
// API they ask how deep it nests, and past MaxAstDepth they stay silent, as
// the checks are wherever they cannot see.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_CHECKS_AST_ASTDEPTH_H
#define RESILIENCE_TIDY_CHECKS_AST_ASTDEPTH_H

#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallVector.h"
#include <utility>

namespace resilience {
namespace model {

/// Deeper than any real code nests; shallow enough for clang's recursive
/// walks on a default 8 MiB stack, also in a sanitizer build.
constexpr unsigned MaxAstDepth = 400;

/// Our own recursive walks (the retry recognizer's reading of a loop body,
/// the content scan) descend at most this deep and are silent below it:
/// deeper than real code, and about 4 MiB of stack in an -O0 ASan build
/// (around 2 KiB a frame), within the default 8 MiB.
constexpr unsigned MaxWalkDepth = 2000;

/// Whether \p Root nests deeper than \p Limit statements and expressions.
inline bool nestsDeeperThan(const clang::Stmt *Root, unsigned Limit) {
  llvm::SmallVector<std::pair<const clang::Stmt *, unsigned>, 64> Work;
  Work.push_back({Root, 1});
  while (!Work.empty()) {
    auto [S, Depth] = Work.pop_back_val();
    if (!S)
      continue;
    if (Depth > Limit)
      return true;
    for (const clang::Stmt *C : S->children())
      Work.push_back({C, Depth + 1});
  }
  return false;
}

} // namespace model
} // namespace resilience

#endif
