// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t -- --config="{CheckOptions: {RequestFunctions: 'ext::send_payment', SleepFunctions: 'ext::wait_ms', RandomFunctions: 'ext::jitter_ms', BackoffHelpers: 'RetryPolicy::Wait', resilience-retry-without-backoff.AllowLinearBackoff: true, resilience-retry-without-jitter.JitterOnlyWithBackoff: true}}"
// The knowledge options (global keys reach all three checks) and the
// per-check options. Nothing here is known without the options: the
// functions are declared, not defined.

namespace ext {
bool send_payment();
void wait_ms(long ms);
long jitter_ms();
bool unrelated_call();
} // namespace ext

class RetryPolicy {
public:
  bool ShouldRetry();
  void Wait();
};

// A user-declared request and wait.
void user_request_and_wait() {
  while (!ext::send_payment())
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'ext::send_payment' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'ext::send_payment' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'ext::send_payment' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    ext::wait_ms(100);
}

// AllowLinearBackoff accepts linear growth; the user random source is jitter.
bool linear_with_user_jitter() {
  for (int a = 1; a <= 3; ++a) {
    if (ext::send_payment())
      return true;
    ext::wait_ms(100 * a + ext::jitter_ms());
  }
  return false;
}

// JitterOnlyWithBackoff: a loop with no delay is the backoff check's.
bool hot_loop() {
  for (int a = 0; a < 3; ++a) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'ext::send_payment' retries immediately {{.*}} [resilience-retry-without-backoff]
    if (ext::send_payment())
      return true;
  }
  return false;
}

// A backoff helper and a retry policy: silent.
bool policy_driven(RetryPolicy &policy) {
  while (true) {
    if (ext::send_payment())
      return true;
    if (!policy.ShouldRetry())
      return false;
    policy.Wait();
  }
}

// Not a request at all.
void not_remote() {
  while (!ext::unrelated_call())
    ext::wait_ms(100);
}
