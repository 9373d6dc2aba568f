// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// gRPC's own retries, configured by a service-config JSON string: the
// policy's cap, base delay and growth are checked (gRPC adds the jitter).
#include <grpcpp/grpcpp.h>
#include <string>

void good_policy(grpc::ChannelArguments &args) {
  args.SetServiceConfigJSON(R"({
    "methodConfig": [{
      "name": [{"service": "shop.Orders"}],
      "retryPolicy": {
        "maxAttempts": 4,
        "initialBackoff": "0.1s",
        "maxBackoff": "5s",
        "backoffMultiplier": 2,
        "retryableStatusCodes": ["UNAVAILABLE"]
      }
    }]
  })");
}

// (Expectations sit above the literal: a comment inside it would be JSON.)
// CHECK-MESSAGES: :[[@LINE+6]]:7: warning: gRPC retryPolicy sets backoffMultiplier to 1; the delay between attempts never grows, so a struggling server gets no relief [resilience-retry-without-backoff]
// CHECK-MESSAGES: :[[@LINE+5]]:7: warning: gRPC retryPolicy has no maxAttempts; gRPC requires an attempt cap and does not apply a policy without one [resilience-unbounded-retry]
void no_cap_and_constant(grpc::ChannelArguments &args) {
  args.SetServiceConfigJSON(R"({
    "methodConfig": [{
      "name": [{"service": "shop.Payments"}],
      "retryPolicy": {
        "initialBackoff": "1s",
        "maxBackoff": "1s",
        "backoffMultiplier": 1,
        "retryableStatusCodes": ["UNAVAILABLE"]
      }
    }]
  })");
}

// The second of two policies retries without waiting.
const char *const kTwoPolicies =
    "{\"methodConfig\": ["
    "{\"name\": [{\"service\": \"a.A\"}], \"retryPolicy\": {\"maxAttempts\": 3, "
    "\"initialBackoff\": \"0.2s\", \"maxBackoff\": \"2s\", \"backoffMultiplier\": 2, "
    "\"retryableStatusCodes\": [\"UNAVAILABLE\"]}},"
    "{\"name\": [{\"service\": \"b.B\"}], \"retryPolicy\": {\"maxAttempts\": 3, "
    // CHECK-MESSAGES: :[[@LINE-1]]:43: warning: gRPC retryPolicy sets initialBackoff to "0s"; gRPC retries a failed call without waiting (retry storm) [resilience-retry-without-backoff]
    "\"initialBackoff\": \"0s\", \"maxBackoff\": \"2s\", \"backoffMultiplier\": 2, "
    "\"retryableStatusCodes\": [\"UNAVAILABLE\"]}}]}";

// Not service configs: silent.
const char *const kNotJson = "retryPolicy: see the \"retryPolicy\" docs";
const char *const kNoPolicy = R"({"loadBalancingConfig": [{"round_robin": {}}]})";
// JSON that holds a retryPolicy outside any method config is not a service
// config gRPC would read (a parser's test input, a document): silent.
const char *const kBarePolicy = R"({"retryPolicy": {"backoffMultiplier": 1}})";

// A policy handed straight to a call that is not gRPC's (here a parser under
// test) is data, not the channel's configuration: silent.
bool parse_policy(const char *json);
bool parser_test() {
  return parse_policy(R"({"methodConfig": [{"name": [{}], "retryPolicy": {}}]})");
}

// Through the channel argument that carries the service config: checked.
void through_channel_argument(grpc::ChannelArguments &args) {
  args.SetString(GRPC_ARG_SERVICE_CONFIG,
                 R"({"methodConfig": [{"name": [{}], "retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.5s", "backoffMultiplier": 1}}]})");
  // CHECK-MESSAGES: :[[@LINE-1]]:54: warning: gRPC retryPolicy sets backoffMultiplier to 1
  // Another channel argument's value is not a service config.
  args.SetString("app.note", R"({"methodConfig": [{"name": [{}], "retryPolicy": {}}]})");
}
