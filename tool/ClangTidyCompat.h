//===--- ClangTidyCompat.h - The clang-tidy engine across LLVM releases ---===//
//
// The standalone driver's side of checks/LLVMCompat.h: where the clang-tidy
// engine's entry points differ between Debian 12's LLVM 16, 19 and 22, the
// driver calls these wrappers instead.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_CLANGTIDYCOMPAT_H
#define RESILIENCE_TIDY_CLANGTIDYCOMPAT_H

#include "clang-tidy/ClangTidy.h"
#include "llvm/Config/llvm-config.h"
#include <string>
#include <vector>

namespace resilience {

/// The checks \p Options enables, without alpha analyzer checks. From LLVM
/// 22 on clang-tidy can also build checks from a configuration's
/// CustomChecks (clang-query matchers); a configuration is untrusted input
/// here, so those stay off.
inline std::vector<std::string>
enabledCheckNames(const clang::tidy::ClangTidyOptions &Options) {
#if LLVM_VERSION_MAJOR >= 22
  return clang::tidy::getCheckNames(Options,
                                    /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                                    /*ExperimentalCustomChecks=*/false);
#else
  return clang::tidy::getCheckNames(Options,
                                    /*AllowEnablingAnalyzerAlphaCheckers=*/false);
#endif
}

} // namespace resilience

#endif // RESILIENCE_TIDY_CLANGTIDYCOMPAT_H
