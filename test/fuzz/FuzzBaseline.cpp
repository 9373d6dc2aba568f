// libFuzzer target: the baseline parser (a baseline file comes from the
// repository, so from the pull request).
#include "Baseline.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  resilience::Baseline Base;
  std::string Error;
  if (resilience::parseBaseline(Text, Base, Error)) {
    std::vector<resilience::Finding> None;
    unsigned Stale = 0;
    resilience::applyBaseline(None, Base, Stale);
  }
  return 0;
}
