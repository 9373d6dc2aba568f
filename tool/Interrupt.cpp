//===--- Interrupt.cpp ----------------------------------------------------===//

#include "Interrupt.h"
#include <climits>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace resilience {

namespace {

// Fixed storage: the handler must not allocate nor read a container that
// the main thread is changing (mutations run with the signals blocked).
constexpr int MaxWorkers = 1024;
constexpr int MaxPaths = 16;
pid_t Workers[MaxWorkers];
char Files[MaxPaths][PATH_MAX];
char Dirs[MaxPaths][PATH_MAX];

class Blocked {
public:
  Blocked() {
    sigset_t Set;
    sigemptyset(&Set);
    sigaddset(&Set, SIGINT);
    sigaddset(&Set, SIGTERM);
    sigprocmask(SIG_BLOCK, &Set, &Old);
  }
  ~Blocked() { sigprocmask(SIG_SETMASK, &Old, nullptr); }

private:
  sigset_t Old;
};

void put(char (*Slots)[PATH_MAX], const std::string &Path) {
  if (Path.size() >= PATH_MAX)
    return;
  Blocked B;
  for (int I = 0; I < MaxPaths; ++I)
    if (!Slots[I][0]) {
      memcpy(Slots[I], Path.c_str(), Path.size() + 1);
      return;
    }
}

void take(char (*Slots)[PATH_MAX], const std::string &Path) {
  Blocked B;
  for (int I = 0; I < MaxPaths; ++I)
    if (Path == Slots[I])
      Slots[I][0] = 0;
}

/// Removes the files of a directory, then the directory (no recursion:
/// the tool's temporary directories are flat).
void removeDir(const char *Dir) {
  int FD = open(Dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (FD >= 0) {
    alignas(8) char Buf[4096];
    for (;;) {
      long N = syscall(SYS_getdents64, FD, Buf, sizeof(Buf));
      if (N <= 0)
        break;
      for (long Off = 0; Off < N;) {
        struct Entry {
          unsigned long long Ino;
          long long Off;
          unsigned short Len;
          unsigned char Type;
          char Name[1];
        };
        auto *E = reinterpret_cast<Entry *>(Buf + Off);
        if (strcmp(E->Name, ".") != 0 && strcmp(E->Name, "..") != 0)
          unlinkat(FD, E->Name, 0);
        Off += E->Len;
      }
    }
    close(FD);
  }
  rmdir(Dir);
}

void onInterrupt(int Sig) {
  for (int I = 0; I < MaxWorkers; ++I)
    if (Workers[I] > 0)
      kill(Workers[I], SIGKILL);
  for (int I = 0; I < MaxWorkers; ++I)
    if (Workers[I] > 0)
      waitpid(Workers[I], nullptr, 0);
  for (int I = 0; I < MaxPaths; ++I)
    if (Files[I][0])
      unlink(Files[I]);
  for (int I = 0; I < MaxPaths; ++I)
    if (Dirs[I][0])
      removeDir(Dirs[I]);
  signal(Sig, SIG_DFL);
  sigset_t Set;
  sigemptyset(&Set);
  sigaddset(&Set, Sig);
  sigprocmask(SIG_UNBLOCK, &Set, nullptr);
  raise(Sig);
}

} // namespace

void installInterruptHandlers() {
  static bool Installed = false;
  if (Installed)
    return;
  Installed = true;
  struct sigaction SA;
  memset(&SA, 0, sizeof(SA));
  SA.sa_handler = onInterrupt;
  sigemptyset(&SA.sa_mask);
  sigaddset(&SA.sa_mask, SIGINT);
  sigaddset(&SA.sa_mask, SIGTERM);
  sigaction(SIGINT, &SA, nullptr);
  sigaction(SIGTERM, &SA, nullptr);
}

void registerWorker(pid_t Pid) {
  Blocked B;
  for (int I = 0; I < MaxWorkers; ++I)
    if (Workers[I] <= 0) {
      Workers[I] = Pid;
      return;
    }
}

void unregisterWorker(pid_t Pid) {
  Blocked B;
  for (int I = 0; I < MaxWorkers; ++I)
    if (Workers[I] == Pid)
      Workers[I] = 0;
}

void registerTempFile(const std::string &Path) { put(Files, Path); }
void unregisterTempFile(const std::string &Path) { take(Files, Path); }
void registerTempDir(const std::string &Path) { put(Dirs, Path); }
void unregisterTempDir(const std::string &Path) { take(Dirs, Path); }

} // namespace resilience
