//===--- ResultCache.h - Reusing a translation unit's findings ------------===//
//
// --cache-dir=DIR (or RESILIENCE_TIDY_CACHE_DIR) keeps each analyzed
// translation unit's results. An entry is found by a key over what decides
// the analysis before reading any file: this executable's own content (so a
// rebuilt tool never reuses an older tool's results), the file's effective
// configuration (enabled checks and their options), its compile commands
// and its path. The entry then lists every file the translation unit read
// (main file and headers) with a hash of its content; it is used only when
// every one of them still hashes the same, so touching a header re-analyzes
// exactly the translation units that read it.
//
// Entries are written to a temporary file and renamed, so a reader never
// sees half an entry; an entry carries a checksum of its body, and an entry
// that does not parse or check out is ignored (the file is re-analyzed and
// the entry rewritten), never trusted. Entry format, text:
//
//   resilience-tidy cache 1
//   sum <xxh3-128 of everything after this line>
//   dep <xxh3-128 of the content> <absolute path>     (one per file read)
//   results
//   <the worker results YAML, see Runner.h>
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_RESULTCACHE_H
#define RESILIENCE_TIDY_TOOL_RESULTCACHE_H

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Chrono.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace resilience {

/// Hex of the 128-bit xxh3 hash of Data.
std::string contentHash(llvm::StringRef Data);

class ResultCache {
public:
  /// Salt: everything that applies to all files (the tool's own hash).
  ResultCache(std::string Dir, std::string Salt);

  /// The key of one analysis of File; Parts are the compile commands and
  /// the effective configuration, in a fixed order.
  std::string key(llvm::StringRef File,
                  const std::vector<std::string> &Parts) const;

  /// The results stored under Key if every file the entry lists still has
  /// the content it had; false otherwise (absent, stale, corrupt).
  bool lookup(const std::string &Key, std::string &Results);

  /// Stores Results under Key with the files the analysis read. Best
  /// effort: a cache that cannot be written only costs speed. Nothing is
  /// stored if a file changed after Started (when the analysis began): its
  /// content now may not be what was analyzed.
  void store(const std::string &Key, const std::set<std::string> &Deps,
             const std::string &Results,
             llvm::sys::TimePoint<> Started);

  const std::string &dir() const { return Dir; }
  const std::string &salt() const { return Salt; }

private:
  std::string entryPath(const std::string &Key) const;
  /// Content hash of a file, computed once per run; empty if unreadable.
  const std::string &fileHash(const std::string &Path);

  std::string Dir;
  std::string Salt;
  llvm::StringMap<std::string> Hashes;
};

/// A file system that records the absolute path of every file opened for
/// reading: what a translation unit depends on.
class RecordingFileSystem : public llvm::vfs::ProxyFileSystem {
public:
  explicit RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS)
      : ProxyFileSystem(std::move(FS)) {}
  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Path) override;

  std::set<std::string> take() { return std::move(Read); }

private:
  std::set<std::string> Read;
};

} // namespace resilience

#endif
