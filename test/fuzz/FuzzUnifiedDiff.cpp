// libFuzzer target: the unified-diff reader of --changed-lines and
// --diff-base, and git's path unquoting.
#include "DiffFilter.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  resilience::ChangedLines Lines =
      resilience::ChangedLines::parseUnifiedDiff(Text);
  (void)Lines.contains("a.cpp", 1);
  (void)Lines.hasFile("a.cpp");
  (void)resilience::unquoteGitPath(Text);
  return 0;
}
