//===--- Interrupt.h - Cleaning up when SIGINT or SIGTERM stops the tool ---===//
//
// CI cancels a job with SIGTERM (or SIGINT). The tool must not leave worker
// processes running, nor temporary directories or half-written `.tmp` files
// behind. Registered worker processes are killed, registered files and
// directories removed, from the signal handler itself (kill, unlink and
// rmdir are async-signal-safe); then the signal's default action ends the
// tool with the usual status. A registered directory is emptied first: it
// holds only files the tool created (worker results and outputs).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_INTERRUPT_H
#define RESILIENCE_TIDY_TOOL_INTERRUPT_H

#include <string>
#include <sys/types.h>

namespace resilience {

/// Installs the SIGINT/SIGTERM handlers (once; the parent process only).
void installInterruptHandlers();

void registerWorker(pid_t Pid);
void unregisterWorker(pid_t Pid);
void registerTempFile(const std::string &Path);
void unregisterTempFile(const std::string &Path);
void registerTempDir(const std::string &Path);
void unregisterTempDir(const std::string &Path);

} // namespace resilience

#endif
