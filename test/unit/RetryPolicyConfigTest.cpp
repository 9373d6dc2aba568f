//===--- RetryPolicyConfigTest.cpp - gRPC retryPolicy checks --------------===//

#include "retry/RetryPolicyConfig.h"
#include "gtest/gtest.h"

using namespace resilience::model;

namespace {

std::vector<ServiceConfigFinding::Kind> kinds(llvm::StringRef Json) {
  std::vector<ServiceConfigFinding::Kind> Out;
  for (const ServiceConfigFinding &F : checkServiceConfig(Json))
    Out.push_back(F.K);
  return Out;
}

TEST(RetryPolicyConfig, CompletePolicyIsFine) {
  EXPECT_TRUE(kinds(R"({"methodConfig": [{"retryPolicy": {"maxAttempts": 3,
      "initialBackoff": "0.1s", "maxBackoff": "1s", "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]}}]})")
                  .empty());
}

TEST(RetryPolicyConfig, EachMissingPiece) {
  EXPECT_EQ(kinds(R"({"name": [{}], "retryPolicy": {"initialBackoff": "1s", "backoffMultiplier": 2}})"),
            std::vector<ServiceConfigFinding::Kind>{ServiceConfigFinding::NoMaxAttempts});
  EXPECT_EQ(kinds(R"({"name": [{}], "retryPolicy": {"maxAttempts": 2, "backoffMultiplier": 2}})"),
            std::vector<ServiceConfigFinding::Kind>{ServiceConfigFinding::NoInitialBackoff});
  EXPECT_EQ(kinds(R"({"name": [{}], "retryPolicy": {"maxAttempts": 2, "initialBackoff": "0.0s", "backoffMultiplier": 2}})"),
            std::vector<ServiceConfigFinding::Kind>{ServiceConfigFinding::ZeroInitialBackoff});
  EXPECT_EQ(kinds(R"({"name": [{}], "retryPolicy": {"maxAttempts": 2, "initialBackoff": "1s", "backoffMultiplier": 0.5}})"),
            std::vector<ServiceConfigFinding::Kind>{ServiceConfigFinding::MultiplierNotGrowing});
}

TEST(RetryPolicyConfig, ValuesAreReportedAsWritten) {
  auto F = checkServiceConfig(R"({"name": [{}], "retryPolicy": {"maxAttempts": 2, "initialBackoff": "0s", "backoffMultiplier": 1}})");
  ASSERT_EQ(F.size(), 2u);
  EXPECT_EQ(F[0].Value, "\"0s\"");
  EXPECT_EQ(F[1].Value, "1");
}

TEST(RetryPolicyConfig, NotJsonOrNoPolicyGivesNothing) {
  EXPECT_TRUE(checkServiceConfig("retryPolicy: {maxAttempts: 3}").empty());
  EXPECT_TRUE(checkServiceConfig(R"({"loadBalancingConfig": []})").empty());
  EXPECT_FALSE(mentionsRetryPolicy("retryPolicy without quotes"));
  EXPECT_TRUE(mentionsRetryPolicy(R"({"retryPolicy": {}})"));
}

TEST(RetryPolicyConfig, OnlyMethodConfigPoliciesAreChecked) {
  // Not a service config: a bare policy object, e.g. a parser's test input.
  EXPECT_TRUE(checkServiceConfig(R"({"retryPolicy": {}})").empty());
  // Inside "methodConfig", or next to the "name" of the methods: checked.
  EXPECT_EQ(kinds(R"({"methodConfig": [{"retryPolicy": {"initialBackoff": "1s"}}]})").size(), 1u);
  EXPECT_EQ(kinds(R"({"name": [{"service": "a.A"}], "retryPolicy": {"initialBackoff": "1s"}})").size(), 1u);
  // Numbering stays by position in the text, skipped policies included.
  auto F = checkServiceConfig(R"([{"retryPolicy": {}}, {"name": [{}], "retryPolicy": {"initialBackoff": "1s"}}])");
  ASSERT_EQ(F.size(), 1u);
  EXPECT_EQ(F[0].Policy, 1u);
}

TEST(RetryPolicyConfig, PolicyOffsetsCountInTextOrder) {
  llvm::StringRef T = R"([{"retryPolicy": 1}, {"retryPolicy": 2}])";
  EXPECT_EQ(retryPolicyOffset(T, 0), 2u);
  EXPECT_EQ(retryPolicyOffset(T, 1), T.rfind("\"retryPolicy\""));
  EXPECT_EQ(retryPolicyOffset(T, 2), llvm::StringRef::npos);
}

} // namespace
