//===--- Shard.cpp --------------------------------------------------------===//

#include "Shard.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace resilience {

bool parseShard(const std::string &Text, Shard &Out, std::string &Error) {
  auto [K, N] = llvm::StringRef(Text).split('/');
  unsigned Index = 0, Count = 0;
  if (K.getAsInteger(10, Index) || N.getAsInteger(10, Count) || Count == 0 ||
      Index == 0 || Index > Count || Count > 100000) {
    Error = "--shard='" + Text + "' must be K/N with 1 <= K <= N, e.g. 2/4";
    return false;
  }
  Out.Index = Index;
  Out.Count = Count;
  return true;
}

unsigned shardOf(const std::string &File, const std::string &Root,
                 unsigned Count) {
  llvm::SmallString<256> Abs(File);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  llvm::StringRef Key = Abs;
  // Relative to the root, so that checkouts in different places agree.
  if (!Root.empty() && Key.starts_with(Root))
    Key = Key.drop_front(Root.size());
  return static_cast<unsigned>(llvm::xxh3_64bits(Key) % Count) + 1;
}

std::vector<std::string> filesInShard(const std::vector<std::string> &Files,
                                      const std::string &Root, const Shard &S) {
  std::vector<std::string> Kept;
  for (const std::string &F : Files)
    if (shardOf(F, Root, S.Count) == S.Index)
      Kept.push_back(F);
  return Kept;
}

} // namespace resilience
