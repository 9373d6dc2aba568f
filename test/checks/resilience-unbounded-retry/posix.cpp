// RUN: %check_resilience %s resilience-retry-without-backoff,resilience-retry-without-jitter,resilience-unbounded-retry %t
// Retry loops around POSIX sockets: connect is the retried operation;
// reads, writes, accept and poll make progress and are never retries.
#include <sys/socket.h>
#include <sys/types.h>
#include <netdb.h>
#include <poll.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <string>

// ---- positives ------------------------------------------------------------

void connect_forever(int fd, const sockaddr *addr, socklen_t len) {
  while (connect(fd, addr, len) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'connect' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    sleep(1);
}

int shifted_usleep_without_cap(int fd, const sockaddr *addr, socklen_t len) {
  for (int tries = 0; tries < 5; ++tries) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' grows its delay without a ceiling; {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (connect(fd, addr, len) == 0)
      return 0;
    usleep(100000u << tries);
  }
  return -1;
}

int countdown(int fd, const sockaddr *addr, socklen_t len) {
  int retries = 3;
  while (retries-- > 0) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    int rc = connect(fd, addr, len);
    if (rc < 0) {
      sleep(2);
      continue;
    }
    return 0;
  }
  return -1;
}

int reconnect_with_flag(const sockaddr *addr, socklen_t len) {
  bool connected = false;
  int fd = -1;
  while (!connected) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'connect' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(fd, addr, len) == 0) {
      connected = true;
    } else {
      close(fd);
      sleep(5);
    }
  }
  return fd;
}

// The delay doubles in the loop header and the header compares it with a
// maximum: capped and bounded, but every client sleeps the same.
int doubling_delay_is_the_loop_variable(int fd, const sockaddr *addr, socklen_t len) {
  const unsigned kMaxSleep = 64;
  for (unsigned secs = 1; secs <= kMaxSleep; secs <<= 1) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
    if (connect(fd, addr, len) == 0)
      return 0;
    sleep(secs);
  }
  return -1;
}

// Functions only declared here: their names say what they do.
void platform_delay_ms(int ms);
void wait_with_backoff(int attempt);

void opaque_sleep_by_name(int fd, const sockaddr *addr, socklen_t len) {
  while (connect(fd, addr, len) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' waits a fixed interval {{.*}} [resilience-retry-without-backoff]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: warning: retry loop around 'connect' waits a delay with no random component; {{.*}} [resilience-retry-without-jitter]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: warning: retry loop around 'connect' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    platform_delay_ms(1000);
}

void opaque_backoff_by_name(int fd, const sockaddr *addr, socklen_t len) {
  for (int attempt = 0;; ++attempt) {
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: retry loop around 'connect' has no attempt cap and no deadline; {{.*}} [resilience-unbounded-retry]
    if (connect(fd, addr, len) == 0)
      return;
    wait_with_backoff(attempt);
  }
}

// ---- correct loops: silent ------------------------------------------------

int nanosleep_capped_jittered(int fd, const sockaddr *addr, socklen_t len) {
  long delay_ms = 50;
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (connect(fd, addr, len) == 0)
      return 0;
    long cap = delay_ms < 5000 ? delay_ms : 5000;
    long wait = cap / 2 + random() % (cap / 2 + 1);
    struct timespec ts;
    ts.tv_sec = wait / 1000;
    ts.tv_nsec = (wait % 1000) * 1000000L;
    nanosleep(&ts, nullptr);
    delay_ms *= 2;
  }
  return -1;
}

// ---- not retry loops: silent ----------------------------------------------

std::string read_until_eof(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0)
    out.append(buf, static_cast<size_t>(n));
  return out;
}

int send_all(int fd, const char *buf, size_t len) {
  size_t sent = 0;
  while (sent < len) {
    ssize_t n = send(fd, buf + sent, len - sent, 0);
    if (n < 0) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    sent += static_cast<size_t>(n);
  }
  return 0;
}

void accept_loop(int lfd) {
  for (;;) {
    int c = accept(lfd, nullptr, nullptr);
    if (c < 0)
      continue;
    close(c);
  }
}

void poll_loop(int fd, const bool &running) {
  char buf[512];
  while (running) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 1000) <= 0)
      continue;
    if (recv(fd, buf, sizeof buf, 0) <= 0)
      break;
  }
}

// The loop's body always leaves: connect is tried once.
int connect_once_or_die(int fd, const sockaddr *addr, socklen_t len) {
  while (connect(fd, addr, len) < 0) {
    perror("connect");
    exit(EXIT_FAILURE);
  }
  return fd;
}

// Each failure moves on to the next address.
int next_address_on_failure(int fd, addrinfo *list) {
  addrinfo *cur = list;
  while (connect(fd, cur->ai_addr, cur->ai_addrlen) == -1) {
    if (cur->ai_next == nullptr)
      return -1;
    cur = cur->ai_next;
  }
  return fd;
}

int connect_any_address(addrinfo *res) {
  int fd = -1;
  addrinfo *p;
  for (p = res; p; p = p->ai_next) {
    fd = socket(p->ai_family, p->ai_socktype, p->ai_protocol);
    if (fd < 0)
      continue;
    if (connect(fd, p->ai_addr, p->ai_addrlen) == 0)
      break;
    close(fd);
    fd = -1;
  }
  return fd;
}
