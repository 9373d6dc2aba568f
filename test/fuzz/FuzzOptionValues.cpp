// libFuzzer target: check option values from .clang-tidy CheckOptions.
#include "OptionValues.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  (void)resilience::model::timeoutFixLiteral(Text, "L", "(long)");
  (void)resilience::model::splitList(Text);
  (void)resilience::model::parseHandleFunctions(Text, 7);
  return 0;
}
