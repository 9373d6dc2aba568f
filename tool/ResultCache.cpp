//===--- ResultCache.cpp --------------------------------------------------===//

#include "ResultCache.h"
#include "OutputFile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace resilience {

namespace {
const char *const Magic = "resilience-tidy cache 1\n";
} // namespace

std::string contentHash(llvm::StringRef Data) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Data));
  return llvm::utohexstr(H.high64, /*LowerCase=*/true, 16) +
         llvm::utohexstr(H.low64, /*LowerCase=*/true, 16);
}

ResultCache::ResultCache(std::string Dir, std::string Salt)
    : Dir(std::move(Dir)), Salt(std::move(Salt)) {}

std::string ResultCache::key(llvm::StringRef File,
                             const std::vector<std::string> &Parts) const {
  // Length-prefixed fields: two different lists never give the same bytes.
  std::string Bytes;
  auto Field = [&](llvm::StringRef S) {
    Bytes += std::to_string(S.size());
    Bytes += ':';
    Bytes += S;
  };
  Field(Magic);
  Field(Salt);
  Field(File);
  for (const std::string &P : Parts)
    Field(P);
  return contentHash(Bytes);
}

std::string ResultCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.substr(0, 2), Key + ".entry");
  return std::string(P);
}

const std::string &ResultCache::fileHash(const std::string &Path) {
  auto It = Hashes.find(Path);
  if (It != Hashes.end())
    return It->second;
  std::string H;
  if (auto Buf = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false))
    H = contentHash((*Buf)->getBuffer());
  return Hashes[Path] = H;
}

bool ResultCache::lookup(const std::string &Key, std::string &Results) {
  auto Buf = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                         /*RequiresNullTerminator=*/false);
  if (!Buf)
    return false;
  llvm::StringRef Text = (*Buf)->getBuffer();
  if (!Text.consume_front(Magic) || !Text.consume_front("sum "))
    return false;
  auto [Sum, Body] = Text.split('\n');
  if (Sum != contentHash(Body))
    return false;
  while (Body.consume_front("dep ")) {
    auto [Line, Rest] = Body.split('\n');
    auto [Hash, Path] = Line.split(' ');
    if (Hash.empty() || Path.empty() || fileHash(Path.str()) != Hash)
      return false;
    Body = Rest;
  }
  if (!Body.consume_front("results\n"))
    return false;
  Results = Body.str();
  return true;
}

void ResultCache::store(const std::string &Key, const std::set<std::string> &Deps,
                        const std::string &Results,
                        llvm::sys::TimePoint<> Started) {
  std::string Body;
  for (const std::string &D : Deps) {
    if (D.find('\n') != std::string::npos)
      return; // not representable; leave this file uncached
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(D, Status) ||
        Status.getLastModificationTime() >= Started)
      return; // changed while it was analyzed
    const std::string &H = fileHash(D);
    if (H.empty())
      return;
    Body += "dep " + H + " " + D + "\n";
  }
  Body += "results\n";
  Body += Results;
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return;
  std::string Error;
  writeAtomically(
      Path,
      [&](llvm::raw_ostream &OS, int) {
        OS << Magic << "sum " << contentHash(Body) << "\n" << Body;
      },
      Error);
}

llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
RecordingFileSystem::openFileForRead(const llvm::Twine &Path) {
  auto F = ProxyFileSystem::openFileForRead(Path);
  if (F) {
    llvm::SmallString<256> Abs;
    Path.toVector(Abs);
    makeAbsolute(Abs);
    // ".." is kept: through a symbolic link it names another file.
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/false);
    Read.insert(std::string(Abs));
  }
  return F;
}

} // namespace resilience
