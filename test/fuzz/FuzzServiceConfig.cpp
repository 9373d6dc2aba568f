// libFuzzer target: the gRPC service-config JSON reader of the retry checks
// (the JSON is a string literal in the analyzed source).
#include "retry/RetryPolicyConfig.h"
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  if (!resilience::model::mentionsRetryPolicy(Text))
    return 0;
  for (const auto &F : resilience::model::checkServiceConfig(Text))
    (void)resilience::model::retryPolicyOffset(Text, F.Policy);
  return 0;
}
