//===--- Shard.h - One CI job's share of a compilation database -----------===//
//
// --shard=K/N keeps the files whose path hash, modulo N, is K-1: a
// deterministic partition (every file in exactly one shard), stable across
// runs and machines because the hash is over the path relative to
// --source-root, and balanced in the number of files. `resilience-tidy
// merge` puts the shards' reports back together (Merge.h).
//
//===----------------------------------------------------------------------===//

#ifndef RESILIENCE_TIDY_TOOL_SHARD_H
#define RESILIENCE_TIDY_TOOL_SHARD_H

#include <string>
#include <vector>

namespace resilience {

struct Shard {
  unsigned Index = 0; // 1-based, as written: K of K/N
  unsigned Count = 1;
};

/// Parses "K/N" with 1 <= K <= N; false with Error set otherwise.
bool parseShard(const std::string &Text, Shard &Out, std::string &Error);

/// The 1-based shard a file belongs to (Root: absolute, ending in '/').
unsigned shardOf(const std::string &File, const std::string &Root,
                 unsigned Count);

/// The files of Files in shard S, in their order.
std::vector<std::string> filesInShard(const std::vector<std::string> &Files,
                                      const std::string &Root, const Shard &S);

} // namespace resilience

#endif
