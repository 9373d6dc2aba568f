// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c11
// hiredis (Debian 12's libhiredis-dev 0.14): connects without a timeout, and
// commands on a context that redisSetTimeout never bounded.
#include <hiredis/hiredis.h>
#include <stddef.h>
#include <sys/time.h>

static const struct timeval kTimeout = {1, 500000};

void *plain_connect(void) {
  redisContext *c = redisConnect("127.0.0.1", 6379);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'redisConnect' connects to Redis with no connect timeout among its arguments; it waits for the TCP connect with poll(-1), so a Redis host that does not answer holds this thread until the kernel gives up (about two minutes on Linux) [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:21: note: connect with redisConnectWithTimeout(ip, port, tv) and a struct timeval of a second or two
  redisSetTimeout(c, kTimeout);
  return redisCommand(c, "GET %s", "stock:42");
}

void *command_without_timeout(void) {
  redisContext *c = redisConnectWithTimeout("cache.internal", 6379, kTimeout);
  return redisCommand(c, "GET %s", "stock:42");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisCommand' sends a command on context 'c' that has no command timeout; hiredis sets no socket timeout by default, so a Redis server that stops answering (a failover, a long-running command, a dead peer) blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: call redisSetTimeout('c', tv) after connecting, with a struct timeval of a few seconds
}

void *argv_command_without_timeout(void) {
  redisContext *c = redisConnectUnixWithTimeout("/run/redis.sock", kTimeout);
  const char *argv[] = {"INCR", "hits"};
  return redisCommandArgv(c, 2, argv, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisCommandArgv' sends a command on context 'c' that has no command timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: call redisSetTimeout('c', tv)
}

int pipeline_without_timeout(void) {
  redisContext *c = redisConnectUnix("/run/redis.sock");
  void *reply = NULL;
  redisAppendCommand(c, "INCR %s", "a");
  redisAppendCommand(c, "INCR %s", "b");
  return redisGetReply(c, &reply);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisGetReply' waits for a reply on context 'c' that has no command timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: call redisSetTimeout('c', tv)
}

struct cache {
  redisContext *ctx;
};

static void cache_open(struct cache *k) {
  k->ctx = redisConnectWithTimeout("cache.internal", 6379, kTimeout);
}

void *field_without_timeout(struct cache *unused) {
  struct cache k;
  cache_open(&k);
  return redisCommand(k.ctx, "PING");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'redisCommand' sends a command on context 'k.ctx' that has no command timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: call redisSetTimeout('k.ctx', tv)
}

// Negatives.

void *with_timeout(void) {
  redisContext *c = redisConnectWithTimeout("cache.internal", 6379, kTimeout);
  redisSetTimeout(c, kTimeout);
  return redisCommand(c, "GET %s", "stock:42");
}

static redisContext *open_bounded(void) {
  redisContext *c = redisConnectWithTimeout("cache.internal", 6379, kTimeout);
  if (c)
    redisSetTimeout(c, kTimeout);
  return c;
}

void *from_bounded_factory(void) {
  redisContext *c = open_bounded();
  return redisCommand(c, "PING");
}

static void bound(redisContext *c) { redisSetTimeout(c, kTimeout); }

int helper_bounds_it(void) {
  redisContext *c = redisConnectWithTimeout("cache.internal", 6379, kTimeout);
  void *reply = NULL;
  bound(c);
  redisAppendCommand(c, "PING");
  return redisGetReply(c, &reply);
}

// A context handed in: its configuration is out of sight (Strict reports it).
void *parameter(redisContext *c) { return redisCommand(c, "PING"); }

// Non-blocking contexts only buffer: nothing waits.
void *non_blocking(void) {
  redisContext *c = redisConnectNonBlock("cache.internal", 6379);
  return redisCommand(c, "PING");
}

// A context made around a descriptor made elsewhere.
void *from_fd(int fd) {
  redisContext *c = redisConnectFd(fd);
  return redisCommand(c, "PING");
}

redisContext *connect_with_timeout(void) {
  return redisConnectWithTimeout("cache.internal", 6379, kTimeout);
}
