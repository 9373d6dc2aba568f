// RUN: %check_resilience %s resilience-missing-timeout %t
#define _GNU_SOURCE
// Blocking BSD sockets in C: the descriptor is the handle.
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

// ---- positives ------------------------------------------------------------

void recv_without_timeout(const struct sockaddr *addr, socklen_t len) {
  char buf[512];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  connect(fd, addr, len);
  recv(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'fd' that has no receive timeout; a blocking socket has no timeout by default (no bound at all), so a silent peer blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_RCVTIMEO on 'fd' with setsockopt, or make it non-blocking and wait with a finite poll timeout
  close(fd);
}

void send_timeout_does_not_bound_reads(void) {
  char buf[64];
  struct timeval tv = {5, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  send(fd, "ping", 4, 0);
  recvfrom(fd, buf, sizeof buf, 0, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recvfrom' reads on socket 'fd' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_RCVTIMEO on 'fd'
}

void receive_timeout_does_not_bound_writes(void) {
  struct timeval tv = {5, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  write(fd, "ping", 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'write' writes on socket 'fd' that has no send timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_SNDTIMEO on 'fd'
}

// Look-alikes: keepalive, linger, low-water mark and TCP_USER_TIMEOUT do not
// bound a wait for a silent peer's reply.
void look_alike_options(void) {
  char buf[64];
  int on = 1, idle = 30, ms = 10000;
  struct linger lg = {1, 5};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
  setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  setsockopt(fd, SOL_SOCKET, SO_RCVLOWAT, &on, sizeof on);
  setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof ms);
  recv(fd, buf, sizeof buf, MSG_WAITALL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'fd' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_RCVTIMEO on 'fd'
}

// A server reading what an accepted client sends (slowloris).
void serve_one(int listener) {
  char buf[256];
  int client = accept(listener, NULL, NULL);
  read(client, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' reads on socket 'client' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_RCVTIMEO on 'client'
  close(client);
}

static int open_plain(void) { return socket(AF_INET, SOCK_STREAM, 0); }

void socket_from_a_factory(void) {
  char buf[16];
  int fd = open_plain();
  recv(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'fd' that has no receive timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: set SO_RCVTIMEO on 'fd'
}

// ---- negatives ----------------------------------------------------------------

void receive_timeout_set(void) {
  char buf[64];
  struct timeval tv;
  tv.tv_sec = 2;
  tv.tv_usec = 0;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, (const char *)&tv, sizeof(tv));
  recv(fd, buf, sizeof buf, 0);
}

static void set_timeouts(int fd, int secs) {
  struct timeval tv = {secs, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

void timeouts_from_a_helper(void) {
  char buf[64];
  int fd = socket(AF_INET6, SOCK_STREAM, 0);
  set_timeouts(fd, 3);
  send(fd, "ping", 4, 0);
  recv(fd, buf, sizeof buf, 0);
}

static int open_bounded(void) {
  struct timeval tv = {1, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

void bounded_socket_from_a_factory(void) {
  char buf[16];
  int fd = open_bounded();
  read(fd, buf, sizeof buf);
}

void non_blocking_sockets(int listener) {
  char buf[16];
  int a = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  recv(a, buf, sizeof buf, 0);
  int b = socket(AF_INET, SOCK_STREAM, 0);
  fcntl(b, F_SETFL, fcntl(b, F_GETFL, 0) | O_NONBLOCK);
  write(b, "x", 1);
  int on = 1;
  int c = socket(AF_INET, SOCK_DGRAM, 0);
  ioctl(c, FIONBIO, &on);
  recvfrom(c, buf, sizeof buf, 0, NULL, NULL);
  int type = SOCK_STREAM | SOCK_NONBLOCK;
  int d = socket(AF_INET, type, 0);
  recv(d, buf, sizeof buf, 0);
  int e = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  read(e, buf, sizeof buf);
}

void one_call_does_not_wait(void) {
  char buf[16];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  recv(fd, buf, sizeof buf, MSG_DONTWAIT);
}

// Descriptors that are not known to be sockets: files, pipes, parameters.
void not_sockets(int given, const char *path) {
  char buf[16];
  int f = open(path, O_RDONLY);
  read(f, buf, sizeof buf);
  read(given, buf, sizeof buf);
  int p[2];
  pipe(p);
  read(p[0], buf, sizeof buf);
}

// The option inside a checking macro is still SO_RCVTIMEO.
#define CHECK_OK(x) do { if ((x) < 0) return; } while (0)
void option_inside_a_macro(void) {
  char buf[16];
  struct timeval tv = {2, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  CHECK_OK(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
  recv(fd, buf, sizeof buf, 0);
}
