// RUN: %check_resilience %s resilience-missing-timeout %t
// Socket descriptors kept in classes: configured in the constructor or not.
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

class Unbounded {
public:
  Unbounded() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {}
  long poll_once(char *buf, unsigned n) {
    return ::recv(fd_, buf, n, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'recv' reads on socket 'fd_' that has no receive timeout; a blocking socket has no timeout by default (no bound at all), so a silent peer blocks this thread forever
    // CHECK-MESSAGES: :[[@LINE-2]]:12: note: set SO_RCVTIMEO on 'fd_'
  }

private:
  int fd_;
};

class Bounded {
public:
  Bounded() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{};
    tv.tv_sec = 3;
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }
  long exchange(char *buf, unsigned n) {
    if (::send(fd_, buf, n, 0) < 0)
      return -1;
    return ::read(fd_, buf, n);
  }

private:
  int fd_ = -1;
};

// The descriptor comes from a method defined elsewhere: out of sight, silent.
class Adopted {
public:
  void adopt();
  long get(char *buf, unsigned n) { return ::recv(fd_, buf, n, 0); }

private:
  int fd_ = -1;
};
