// libFuzzer target: the escapers every report format relies on, with their
// promises as assertions.
#include "DiffFilter.h"
#include "Reporters/Escape.h"
#include "llvm/Support/ConvertUTF.h"
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

static void require(bool Ok) {
  if (!Ok)
    abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string S(reinterpret_cast<const char *>(Data), Size);
  std::string Gh = resilience::escapeGitHubData(S);
  require(Gh.find('\n') == std::string::npos &&
          Gh.find('\r') == std::string::npos);
  std::string Prop = resilience::escapeGitHubProperty(S);
  require(Prop.find_first_of("\r\n:,") == std::string::npos);
  std::string Md = resilience::escapeMarkdown(S);
  require(Md.find_first_of("\r\n<>@") == std::string::npos);
  for (size_t I = 0; I < Md.size(); ++I)
    require(Md[I] != '|' || (I > 0 && Md[I - 1] == '\\'));
  std::string Uri = resilience::percentEncodePath(S);
  for (char C : Uri)
    require(isalnum(static_cast<unsigned char>(C)) ||
            std::string("-._~/%").find(C) != std::string::npos);
  std::string Utf = resilience::toValidUtf8(S);
  const llvm::UTF8 *Begin = reinterpret_cast<const llvm::UTF8 *>(Utf.data());
  require(llvm::isLegalUTF8String(&Begin, Begin + Utf.size()));
  std::string Msg = resilience::escapeForMessage(S);
  for (char C : Msg)
    require(static_cast<unsigned char>(C) >= 0x20 &&
            static_cast<unsigned char>(C) < 0x7f);
  (void)resilience::looksLikeUnifiedDiff(S);
  return 0;
}
