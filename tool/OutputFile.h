//===--- OutputFile.h - Writing reports atomically ------------------------===//
//
// A report file is written to a temporary file in the same directory and
// renamed over the target, so a CI step reading it never sees half a file,
// and a failed run leaves the previous file intact.
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_OUTPUTFILE_H
#define RESILIENCE_TIDY_TOOL_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace resilience {

/// Calls Write with a stream on a temporary file (and its descriptor, for
/// printers that write to stdout), then renames it to Path. On failure
/// returns false with Error set, and removes the temporary file.
bool writeAtomically(const std::string &Path,
                     llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
                     std::string &Error);

/// Runs Print with the process's standard output going to FD: clang-tidy's
/// text printer writes to llvm::outs() only.
void withStdoutTo(int FD, llvm::function_ref<void()> Print);

} // namespace resilience

#endif
