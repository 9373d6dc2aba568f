//===--- ArgumentSanitizer.h - Compile commands that cannot load code -----===//
//
// CI runs the tool on pull requests from strangers, and a compile database or
// a `.clang-tidy` file comes with the pull request. Clang loads shared objects
// named by some flags (`-fplugin=`, `-Xclang -load`), so those flags are
// removed before any command reaches the compiler. Flags that make the
// compiler write files (`-ftime-trace`) are removed too.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_ARGUMENTSANITIZER_H
#define RESILIENCE_TIDY_TOOL_ARGUMENTSANITIZER_H

#include <string>
#include <vector>

namespace resilience {

/// Returns \p Args without the flags that load code or write files. Args[0],
/// the compiler's name, is kept when \p HasCompiler is true.
std::vector<std::string> sanitizeCompileArgs(const std::vector<std::string> &Args,
                                             bool HasCompiler = true,
                                             std::vector<std::string> *Dropped = nullptr);

} // namespace resilience

#endif
