//===--- RetryPolicyConfig.cpp - Library retry policies given as data -----===//
//
// Facts (gRFC A6, grpc.io/docs/guides/retry): a retryPolicy holds
// maxAttempts, initialBackoff and maxBackoff (JSON durations such as "0.1s"),
// backoffMultiplier and retryableStatusCodes. The delay before attempt n is
// random(0, min(initialBackoff * backoffMultiplier^(n-1), maxBackoff)): gRPC
// adds the jitter itself, so only the cap, the base and the growth can be
// wrong here.
//
//===----------------------------------------------------------------------===//

#include "retry/RetryPolicyConfig.h"
#include "llvm/Support/JSON.h"
#include <optional>

namespace resilience {
namespace model {

static const char *const PolicyKey = "\"retryPolicy\"";

bool mentionsRetryPolicy(llvm::StringRef Text) {
  return Text.contains(PolicyKey);
}

size_t retryPolicyOffset(llvm::StringRef Text, unsigned N) {
  size_t At = Text.find(PolicyKey);
  for (unsigned I = 0; I < N && At != llvm::StringRef::npos; ++I)
    At = Text.find(PolicyKey, At + 1);
  return At;
}

/// Seconds in a JSON duration ("1s", "0.25s"); a number is taken as is.
static std::optional<double> durationSeconds(const llvm::json::Value &V) {
  if (auto D = V.getAsNumber())
    return *D;
  auto S = V.getAsString();
  if (!S)
    return std::nullopt;
  llvm::StringRef T = S->trim();
  if (!T.consume_back("s"))
    return std::nullopt;
  double Out;
  if (T.getAsDouble(Out))
    return std::nullopt;
  return Out;
}

static std::string textOf(const llvm::json::Value &V) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << V;
  return OS.str();
}

static void checkPolicy(const llvm::json::Object &P, unsigned Index,
                        std::vector<ServiceConfigFinding> &Out) {
  if (!P.get("maxAttempts"))
    Out.push_back({ServiceConfigFinding::NoMaxAttempts, Index, ""});
  if (const llvm::json::Value *B = P.get("initialBackoff")) {
    std::optional<double> Secs = durationSeconds(*B);
    if (Secs && *Secs <= 0)
      Out.push_back(
          {ServiceConfigFinding::ZeroInitialBackoff, Index, textOf(*B)});
  } else {
    Out.push_back({ServiceConfigFinding::NoInitialBackoff, Index, ""});
  }
  if (const llvm::json::Value *M = P.get("backoffMultiplier"))
    if (std::optional<double> F = M->getAsNumber(); F && *F <= 1.0)
      Out.push_back(
          {ServiceConfigFinding::MultiplierNotGrowing, Index, textOf(*M)});
}

/// Visits objects in text order; llvm::json::Object does not keep key
/// order, so policies are numbered by position in the text afterwards.
/// A retryPolicy counts only where gRPC reads one: in a method config, i.e.
/// an entry of a "methodConfig" array or an object that also names the
/// methods it applies to ("name"). A bare {"retryPolicy": ...} is someone
/// else's JSON (a test of a parser, a document), not a service config.
static void collect(const llvm::json::Value &V, bool InMethodConfigArray,
                    std::vector<std::pair<const llvm::json::Object *, bool>>
                        &Policies) {
  if (const llvm::json::Object *O = V.getAsObject()) {
    bool IsMethodConfig = InMethodConfigArray || O->get("name");
    for (const auto &KV : *O) {
      if (KV.first == "retryPolicy") {
        if (const llvm::json::Object *P = KV.second.getAsObject())
          Policies.push_back({P, IsMethodConfig});
        continue;
      }
      collect(KV.second, KV.first == "methodConfig", Policies);
    }
  } else if (const llvm::json::Array *A = V.getAsArray()) {
    for (const llvm::json::Value &E : *A)
      collect(E, InMethodConfigArray, Policies);
  }
}

std::vector<ServiceConfigFinding> checkServiceConfig(llvm::StringRef Json) {
  std::vector<ServiceConfigFinding> Out;
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Json);
  if (!V) {
    llvm::consumeError(V.takeError());
    return Out;
  }
  std::vector<std::pair<const llvm::json::Object *, bool>> Policies;
  collect(*V, /*InMethodConfigArray=*/false, Policies);
  // Policies in an array keep their order; objects with one retryPolicy
  // each (the usual methodConfig list) therefore number in text order.
  for (unsigned I = 0; I < Policies.size(); ++I)
    if (Policies[I].second)
      checkPolicy(*Policies[I].first, I, Out);
  return Out;
}

} // namespace model
} // namespace resilience
