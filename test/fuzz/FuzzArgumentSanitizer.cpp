// libFuzzer target: the compile-command allowlist. Input: arguments
// separated by NUL bytes. Beyond not crashing, sanitizing must be
// idempotent: a sanitized command sanitized again is the same command (so
// no kept argument changes meaning when the command is parsed again, e.g.
// by the worker that receives it).
#include "ArgumentSanitizer.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::vector<std::string> Args(1);
  for (size_t I = 0; I < Size; ++I) {
    if (Data[I] == 0)
      Args.emplace_back();
    else
      Args.back() += char(Data[I]);
  }
  bool HasCompiler = Size && (Data[0] & 1);
  std::vector<std::string> Once =
      resilience::sanitizeCompileArgs(Args, HasCompiler);
  std::vector<std::string> Twice =
      resilience::sanitizeCompileArgs(Once, HasCompiler);
  if (Once != Twice)
    abort();
  return 0;
}
