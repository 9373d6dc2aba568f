//===--- RuleCatalog.cpp --------------------------------------------------===//

#include "RuleCatalog.h"

namespace resilience {

static const Weakness Cwe1088 = {
    "1088", "Synchronous Access of Remote Resource without Timeout"};

const std::vector<Weakness> &allWeaknesses() {
  static const std::vector<Weakness> All = {Cwe1088};
  return All;
}

RuleInfo describeRule(const std::string &Id) {
  RuleInfo R;
  R.Id = Id;
  if (Id == "resilience-missing-timeout") {
    R.ShortDescription = "Network call on a handle without a deadline.";
    R.FullDescription =
        "A request or I/O call on a handle, context or socket that has no "
        "total timeout (or an explicit 'infinite' one). When the peer "
        "stalls, the calling thread blocks forever and the outage cascades "
        "to the callers.";
    R.Tags = {"reliability", "resilience", "timeout", "external/cwe/cwe-1088"};
    R.Weaknesses = {Cwe1088};
  } else if (Id == "resilience-retry-without-backoff") {
    R.ShortDescription = "Retry loop without a growing delay.";
    R.FullDescription =
        "A retry loop that retries immediately or after a constant delay, or "
        "whose growing delay has no ceiling. Every client hammering a "
        "struggling service at full rate turns a blip into a retry storm.";
    R.Tags = {"reliability", "resilience", "retry"};
  } else if (Id == "resilience-retry-without-jitter") {
    R.ShortDescription = "Retry delay without a random component.";
    R.FullDescription =
        "A retry delay with no randomness: clients that failed together "
        "retry together, and the synchronized waves (a thundering herd) keep "
        "the service down.";
    R.Tags = {"reliability", "resilience", "retry"};
  } else if (Id == "resilience-unbounded-retry") {
    R.ShortDescription = "Retry loop without an attempt cap or deadline.";
    R.FullDescription =
        "A retry loop with neither a maximum number of attempts nor an "
        "overall deadline keeps load on a failing dependency for as long as "
        "the outage lasts, and never reports the failure upstream.";
    R.Tags = {"reliability", "resilience", "retry"};
  } else if (Id == "resilience-unbounded-wait") {
    R.ShortDescription = "Thread parked with no deadline on a pool or a "
                         "remote result.";
    R.FullDescription =
        "A connection-pool borrow, or a wait on a future whose producer is a "
        "network call with no timeout, with no deadline. When a dependency "
        "slows down, every caller parks there and the service saturates "
        "though nothing in it is broken.";
    R.Tags = {"reliability", "resilience", "timeout", "external/cwe/cwe-1088"};
    R.Weaknesses = {Cwe1088};
  } else if (Id == "resilience-missing-idempotency-key") {
    R.ShortDescription = "Payment-style POST without an idempotency key.";
    R.FullDescription =
        "A payment-style POST sent without an idempotency key, with a key "
        "regenerated on every attempt, or with a constant key. A retry after "
        "a lost response charges the customer twice.";
    R.Tags = {"reliability", "resilience", "idempotency", "payments"};
  } else if (Id == "resilience-retry-amplification") {
    R.ShortDescription = "Retry loop around a call that retries again.";
    R.FullDescription =
        "A retry loop whose retried call retries by itself: another retry "
        "loop below it, a client library configured to retry, or an "
        "in-house retrying client. The attempts multiply, so one request "
        "becomes many exactly when the dependency is overloaded.";
    R.Tags = {"reliability", "resilience", "retry"};
  } else if (Id == "resilience-retry-non-retryable") {
    R.ShortDescription = "Retry of a failure a retry cannot fix.";
    R.FullDescription =
        "A retry loop that retries every non-success HTTP status or non-OK "
        "gRPC status, including client errors that fail the same way every "
        "time, or that re-sends a POST without an idempotency key.";
    R.Tags = {"reliability", "resilience", "retry"};
  } else if (Id == "resilience-nolint-reason") {
    R.ShortDescription = "NOLINT without a reason.";
    R.FullDescription =
        "A NOLINT, NOLINTNEXTLINE or NOLINTBEGIN comment that silences "
        "resilience checks without saying why. Reported by the driver with "
        "--require-nolint-reason; the reason follows a colon: "
        "NOLINT(resilience-missing-timeout): the caller sets a deadline.";
    R.Tags = {"maintainability", "suppression"};
  } else {
    R.ShortDescription = "Finding of " + Id + ".";
    R.FullDescription =
        "See the documentation page of " + Id + " for what it reports.";
    R.Tags = {"reliability", "resilience"};
  }
  return R;
}

} // namespace resilience
