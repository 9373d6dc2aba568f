//===--- ArgumentSanitizer.h - Compile commands from strangers ------------===//
//
// CI runs the tool on pull requests from strangers, and a compile database or
// a `.clang-tidy` file comes with the pull request. Compiler flags can load
// code (`-fplugin=`), write files where they say (`-MF`, `-Wp,-MD,<path>`,
// `--serialize-diagnostics`, `-Xclang -stats-file=`), or pull more flags from
// a file (`--config=`). So a command keeps only the flags the analysis needs,
// an ALLOWLIST: include paths, macros, the language and its dialect options,
// warnings, the target; everything else is dropped. Flags are recognized with
// clang's own driver option table, so every spelling of a flag (joined,
// separate, aliases) and the number of values it takes are the compiler's.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_ARGUMENTSANITIZER_H
#define RESILIENCE_TIDY_TOOL_ARGUMENTSANITIZER_H

#include <string>
#include <vector>

namespace resilience {

/// Returns \p Args with only the allowed flags and the input files. When
/// \p HasCompiler is true, Args[0] is the compiler's name: a plain compiler
/// name is kept (it sets C or C++), anything else becomes clang++, and
/// `--no-default-config` follows it so that no configuration file of the
/// compiler adds flags. \p Dropped, when given, receives each dropped flag
/// (with its values, space-separated).
std::vector<std::string>
sanitizeCompileArgs(const std::vector<std::string> &Args,
                    bool HasCompiler = true,
                    std::vector<std::string> *Dropped = nullptr);

} // namespace resilience

#endif
