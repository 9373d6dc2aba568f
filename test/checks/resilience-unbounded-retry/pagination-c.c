// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry,resilience-retry-amplification %t
// Paging loops in C (the shape of s3backer's bucket listing): every failure
// leaves the loop through `goto fail`, and the loop goes round only while the
// last page said "truncated". That is pagination, not a retry.
#include <curl/curl.h>
#include <unistd.h>

enum parse_error { PARSE_ERROR_NONE, PARSE_ERROR_SYNTAX };

struct list_io {
  CURL *curl;
  int truncated;
  enum parse_error parse_error;
  unsigned long last_key;
};

static int perform_io(struct list_io *io) {
  return curl_easy_perform(io->curl) == CURLE_OK ? 0 : 5;
}

// ---- traps ------------------------------------------------------------------

int list_pages_goto(struct list_io *base) {
  struct list_io io = *base;
  int r;
  do {
    r = perform_io(&io);
    if (r != 0)
      goto fail;
    if (io.parse_error != PARSE_ERROR_NONE) {
      r = 5;
      goto fail;
    }
  } while (io.truncated);
  return 0;
fail:
  return r;
}

int list_pages_return(struct list_io *base) {
  struct list_io io = *base;
  do {
    int r = perform_io(&io);
    if (r != 0)
      return r;
    if (io.parse_error != PARSE_ERROR_NONE)
      return 5;
  } while (io.truncated);
  return 0;
}

// ---- positives --------------------------------------------------------------

// The same shape, but a failed page goes round again: a retry with no delay.
int list_pages_retrying_errors(struct list_io *base) {
  struct list_io io = *base;
  int r;
  do {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'perform_io' retries immediately after a failure; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'perform_io' retries with no delay and no random jitter; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'perform_io' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    r = perform_io(&io);
  } while (r != 0);
  return 0;
}

// A parse error compared with the "no error" value is a failure: a loop
// that leaves only when the page parsed goes round on every failure.
int reparse_until_clean(struct list_io *base) {
  struct list_io io = *base;
  for (;;) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'perform_io' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'perform_io' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'perform_io' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    perform_io(&io);
    if (io.parse_error == PARSE_ERROR_NONE)
      break;
    sleep(1);
  }
  return 0;
}
