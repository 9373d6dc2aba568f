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
#include "llvm/Option/OptTable.h"
// The compiler driver's option table: clang/Driver/Options.h up to LLVM 21,
// clang/Options/Options.h (namespace clang::options) from 22 on.
#if LLVM_VERSION_MAJOR >= 22
#include "clang/Options/Options.h"
#else
#include "clang/Driver/Options.h"
#endif
#include <string>
#include <vector>

namespace resilience {

#if LLVM_VERSION_MAJOR >= 22
namespace driveropts = clang::options;
inline const llvm::opt::OptTable &driverOptTable() {
  return clang::getDriverOptTable();
}
#else
namespace driveropts = clang::driver::options;
inline const llvm::opt::OptTable &driverOptTable() {
  return clang::driver::getDriverOptTable();
}
#endif

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
