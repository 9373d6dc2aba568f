// RUN: %check_resilience %s resilience-missing-timeout %t
#define _GNU_SOURCE
// poll/select before a read: a wait with no timeout never ends, a finite
// one bounds the read.
#include <fcntl.h>
#include <poll.h>
#include <stddef.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

// ---- positives ------------------------------------------------------------

// Non-blocking, so the read itself cannot block: the poll does, forever.
void poll_forever_then_read(void) {
  char buf[128];
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct pollfd p = {fd, POLLIN, 0};
  poll(&p, 1, -1);
  recv(fd, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'fd' after 'poll' waits for it with a negative timeout, which never expires; a silent peer blocks this thread in that wait forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the 'poll' before this call a finite timeout and handle its expiry
  // The first read used the wait up: this one is non-blocking, and clean.
  recv(fd, buf, sizeof buf, 0);
}

// SO_RCVTIMEO bounds recv, not the poll in front of it.
void receive_timeout_does_not_bound_the_poll(void) {
  char buf[128];
  struct timeval tv = {2, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct pollfd fds[1];
  fds[0].fd = fd;
  fds[0].events = POLLIN;
  if (poll(fds, 1, -1) > 0)
    read(fd, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'read' reads on socket 'fd' after 'poll' waits for it with a negative timeout, which never expires
  // CHECK-MESSAGES: :[[@LINE-3]]:7: note: 'poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:5: note: give the 'poll' before this call
}

void select_without_timeout(void) {
  char buf[64];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  fcntl(fd, F_SETFL, O_NONBLOCK);
  fd_set rfds;
  FD_ZERO(&rfds);
  FD_SET(fd, &rfds);
  select(fd + 1, &rfds, NULL, NULL, NULL);
  recvfrom(fd, buf, sizeof buf, 0, NULL, NULL);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recvfrom' reads on socket 'fd' after 'select' waits for it with a null timeout, which never expires
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'select' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the 'select' before this call
}

static void wait_readable(int fd) {
  struct pollfd p = {.fd = fd, .events = POLLIN};
  poll(&p, 1, -1);
}

void poll_forever_in_a_helper(int listener) {
  char buf[64];
  int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
  wait_readable(client);
  read(client, buf, sizeof buf);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'read' reads on socket 'client' after 'poll' waits for it with a negative timeout
  // CHECK-MESSAGES: :[[@LINE-9]]:3: note: 'poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the 'poll' before this call
}

// Two sockets in one pollfd array: both reads wait behind it.
void two_sockets_one_poll(void) {
  char buf[64];
  int a = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int b = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
  poll(fds, 2, -5);
  recv(a, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'a' after 'poll' waits for it with a negative timeout
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the 'poll' before this call
  recv(b, buf, sizeof buf, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'recv' reads on socket 'b' after 'poll' waits for it with a negative timeout
  // CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'poll' waits with no bound here
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: give the 'poll' before this call
}

// ---- negatives ----------------------------------------------------------------

// A finite poll bounds a blocking read with no SO_RCVTIMEO.
void finite_poll(void) {
  char buf[64];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct pollfd p = {fd, POLLIN, 0};
  if (poll(&p, 1, 5000) > 0)
    recv(fd, buf, sizeof buf, 0);
}

void finite_select(int timeout_ms) {
  char buf[64];
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct timeval tv = {timeout_ms / 1000, 0};
  fd_set rfds;
  FD_ZERO(&rfds);
  FD_SET(fd, &rfds);
  if (select(fd + 1, &rfds, NULL, NULL, &tv) > 0)
    read(fd, buf, sizeof buf);
}

// The endless poll watches another descriptor.
void poll_on_another_socket(void) {
  char buf[64];
  int watched = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int other = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct pollfd p = {watched, POLLIN, 0};
  poll(&p, 1, -1);
  recv(other, buf, sizeof buf, 0);
}

// A write after the poll is not a read it gates; SO_SNDTIMEO bounds it.
void write_after_poll(void) {
  struct timeval tv = {1, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  struct pollfd p = {fd, POLLOUT, 0};
  poll(&p, 1, -1);
  send(fd, "x", 1, 0);
}

// Descriptors not known to be sockets (a pipe, a parameter) are left alone.
void not_sockets(int given) {
  char buf[16];
  int pipefd[2];
  pipe(pipefd);
  struct pollfd p[2] = {{pipefd[0], POLLIN, 0}, {given, POLLIN, 0}};
  poll(p, 2, -1);
  read(given, buf, sizeof buf);
}

// The read uses up the wait: the second read is judged on its own, and the
// receive timeout bounds it.
void wait_used_up(void) {
  char buf[64];
  struct timeval tv = {3, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct pollfd p = {fd, POLLIN, 0};
  poll(&p, 1, 100);
  recv(fd, buf, sizeof buf, 0);
  recv(fd, buf, sizeof buf, 0);
}

// A poll of zero returns at once.
void poll_zero(void) {
  char buf[64];
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct pollfd p = {fd, POLLIN, 0};
  poll(&p, 1, 0);
  recv(fd, buf, sizeof buf, 0);
}

// Waits for output gate no read: the receive timeout bounds these reads.
void output_waits_only(void) {
  char buf[64];
  struct timeval tv = {2, 0};
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  struct pollfd p = {fd, POLLOUT, 0};
  poll(&p, 1, -1);
  recv(fd, buf, sizeof buf, 0);
  fd_set wfds;
  FD_ZERO(&wfds);
  FD_SET(fd, &wfds);
  select(fd + 1, NULL, &wfds, NULL, NULL);
  recv(fd, buf, sizeof buf, 0);
}
