//===--- OutputFile.h - Writing reports safely ----------------------------===//
//
// A report file is written to a temporary file in the same directory and
// renamed over the target, so a CI step reading it never sees half a file,
// and a failed run leaves the previous file intact. Only a missing target, a
// regular file or a symbolic link (the link itself is replaced, its target
// is never written: a pull request can commit a link named like the report)
// is replaced that way. A character device or a FIFO (/dev/null, a named
// pipe) is opened and written directly, and /dev/stdout, /dev/stderr and
// /dev/fd/N write to the tool's own descriptor: renaming over those would
// turn /dev/null into a regular file for every later CI step.
//
// A temporary file being written is removed when SIGINT or SIGTERM stops
// the tool (see Interrupt.h).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_OUTPUTFILE_H
#define RESILIENCE_TIDY_TOOL_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace resilience {

/// Calls Write with a stream on the output (and its descriptor, for
/// printers that write to stdout). On failure returns false with Error set,
/// and removes the temporary file.
bool writeAtomically(const std::string &Path,
                     llvm::function_ref<void(llvm::raw_ostream &, int FD)> Write,
                     std::string &Error);

/// Runs Print with the process's standard output going to FD: clang-tidy's
/// text printer writes to llvm::outs() only.
void withStdoutTo(int FD, llvm::function_ref<void()> Print);

/// Identity of a path for comparisons: the device and inode when it exists,
/// else its absolute, normalized spelling. Two spellings of one file (a
/// link, "./a", "b/../a") compare equal.
std::string fileIdentity(const std::string &Path);

/// Checks a set of outputs against each other and against the inputs:
/// two outputs to one file, or an output that is an input, is an error
/// (the first one found, in Error). Standard streams and devices may repeat
/// ("/dev/null" twice is fine).
bool checkOutputPaths(const std::vector<std::string> &Outputs,
                      const std::vector<std::string> &Inputs,
                      std::string &Error);

} // namespace resilience

#endif
