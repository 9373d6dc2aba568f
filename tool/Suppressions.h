//===--- Suppressions.h - NOLINT reasons and suppressed results -----------===//

#ifndef RESILIENCE_TIDY_TOOL_SUPPRESSIONS_H
#define RESILIENCE_TIDY_TOOL_SUPPRESSIONS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <string>
#include <utility>
#include <vector>

namespace resilience {

/// The pseudo-check that reports a NOLINT without a reason.
extern const char *const NolintReasonCheck;

/// One finding per NOLINT/NOLINTNEXTLINE/NOLINTBEGIN in Files that covers
/// one of Checks (the enabled ones) and gives no reason after a colon.
std::vector<clang::tidy::ClangTidyError>
findBareNolints(const std::vector<std::string> &Files,
                const std::vector<std::string> &Checks);

/// The real file system, with Files replaced by copies whose NOLINT
/// comments are inert (same length, so the locations do not move).
llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem>
fileSystemIgnoringNolint(const std::vector<std::string> &Files);

/// The results of a run that ignored NOLINT and not of the normal run,
/// each with the reason its NOLINT comment gives (possibly empty).
std::vector<std::pair<clang::tidy::ClangTidyError, std::string>>
suppressedResults(const std::vector<clang::tidy::ClangTidyError> &Shown,
                  const std::vector<clang::tidy::ClangTidyError> &All);

} // namespace resilience

#endif
