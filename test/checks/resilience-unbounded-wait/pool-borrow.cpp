// RUN: %check_resilience %s resilience-unbounded-wait %t -- -- -std=c++20 -I/usr/include/postgresql
// Pool borrows: a wait over a container of connections, with no deadline.
// A queue of work items is not a pool.
#include <curl/curl.h>
#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <semaphore>
#include <string>
#include <vector>

class CurlPool {
public:
  CURL *borrow() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' parks this thread until another thread returns a connection to 'idle_' (a pool of 'CURL *'), with no deadline; when every pooled connection is held by a call to a slow dependency, each caller parks here and the service stops answering though nothing in it is broken [resilience-unbounded-wait]
    // CHECK-MESSAGES: :38:22: note: 'idle_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: borrow with a deadline (wait_for with a timeout) and fail fast or shed the request when it expires
    CURL *h = idle_.front();
    idle_.pop_front();
    return h;
  }
  void give_back(CURL *h) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(h);
    cv_.notify_one();
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CURL *> idle_;
};

class RedisPool {
public:
  redisContext *acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    while (free_.empty())
      cv_.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'wait' parks this thread until another thread returns a connection to 'free_' (a pool of 'redisContext *')
    // CHECK-MESSAGES: :58:31: note: 'free_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: borrow with a deadline
    redisContext *c = free_.back();
    free_.pop_back();
    return c;
  }

private:
  std::mutex mu_;
  std::condition_variable_any cv_;
  std::vector<redisContext *> free_;
};

class PgPool {
public:
  std::unique_ptr<PGconn, void (*)(PGconn *)> take() {
    slots_.acquire();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'acquire' parks this thread until another thread returns a connection to 'conns_' (a pool of 'PGconn *')
    // CHECK-MESSAGES: :77:25: note: 'conns_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: borrow with a deadline (try_acquire_for with a timeout)
    std::lock_guard<std::mutex> lock(mu_);
    PGconn *c = conns_.back();
    conns_.pop_back();
    return {c, PQfinish};
  }

private:
  std::counting_semaphore<16> slots_{16};
  std::mutex mu_;
  std::vector<PGconn *> conns_;
};

// A pooled entry that wraps a connection.
struct Pooled {
  CURL *handle;
  std::chrono::steady_clock::time_point last_used;
};

class WrappedPool {
public:
  Pooled get() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return entries_.size() > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' parks this thread until another thread returns a connection to 'entries_' (a pool of 'Pooled')
    // CHECK-MESSAGES: :102:22: note: 'entries_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: borrow with a deadline
    Pooled p = entries_.front();
    entries_.pop_front();
    return p;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pooled> entries_;
};

// A local pool in a free function, borrowed in a do-while loop.
std::mutex g_mu;
std::condition_variable g_cv;
std::deque<std::shared_ptr<redisContext>> g_redis;

std::shared_ptr<redisContext> borrow_global() {
  std::unique_lock<std::mutex> lock(g_mu);
  do {
    g_cv.wait(lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'wait' parks this thread until another thread returns a connection to 'g_redis' (a pool of 'std::shared_ptr<redisContext>')
    // CHECK-MESSAGES: :108:43: note: 'g_redis' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: borrow with a deadline
  } while (g_redis.empty());
  auto c = g_redis.front();
  g_redis.pop_front();
  return c;
}

// Negatives.

// The bounded borrow.
class BoundedCurlPool {
public:
  CURL *borrow() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::milliseconds(200),
                      [this] { return !idle_.empty(); }))
      return nullptr;
    CURL *h = idle_.front();
    idle_.pop_front();
    return h;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<CURL *> idle_;
};

class BoundedPgPool {
public:
  PGconn *take() {
    if (!slots_.try_acquire_for(std::chrono::milliseconds(100)))
      return nullptr;
    std::lock_guard<std::mutex> lock(mu_);
    PGconn *c = conns_.back();
    conns_.pop_back();
    return c;
  }

private:
  std::counting_semaphore<8> slots_{8};
  std::mutex mu_;
  std::vector<PGconn *> conns_;
};

// A job queue: a worker waiting for work is idle, not stuck.
class JobQueue {
public:
  std::function<void()> next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !jobs_.empty() || stopping_; });
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    return job;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
};

// Jobs that carry a URL are still work items, not connections.
struct FetchJob {
  std::string url;
  int attempt;
};

class FetchQueue {
public:
  FetchJob pop() {
    std::unique_lock<std::mutex> lock(mu_);
    while (queue_.empty())
      cv_.wait(lock);
    FetchJob j = queue_.front();
    queue_.pop_front();
    return j;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<FetchJob> queue_;
};

// A semaphore that limits work, in a function with no pool.
std::counting_semaphore<4> g_inflight{4};
void limited(const std::function<void()> &work) {
  g_inflight.acquire();
  work();
  g_inflight.release();
}

// A worker that waits for a job and then uses a pool it does not wait on.
class Worker {
public:
  void run_once() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !jobs_.empty(); });
    int job = jobs_.front();
    jobs_.pop_front();
    lock.unlock();
    CURL *h = handles_[job % handles_.size()];
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 1000L);
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> jobs_;
  std::vector<CURL *> handles_;
};

// A buffer pool of bytes is not a connection pool.
class BufferPool {
public:
  std::vector<char> take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !buffers_.empty(); });
    auto b = std::move(buffers_.back());
    buffers_.pop_back();
    return b;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::vector<char>> buffers_;
};
