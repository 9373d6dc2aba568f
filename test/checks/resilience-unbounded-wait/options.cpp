// RUN: %check_resilience %s resilience-unbounded-wait %t -- --config="{CheckOptions: {resilience-unbounded-wait.PoolBorrowFunctions: 'db::Pool::lease;db::Pool::try_lease:0;acquire_conn:1', resilience-unbounded-wait.ConnectionTypes: 'shop::DbSession'}}" -- -std=c++17
// Options: in-house pool functions (with the index of their timeout
// argument) and in-house connection types.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace shop {
class DbSession {
public:
  int query(const char *sql);
};
} // namespace shop

namespace db {
class Pool {
public:
  shop::DbSession *lease();
  shop::DbSession *try_lease(std::chrono::milliseconds timeout);
};
} // namespace db

shop::DbSession *acquire_conn(db::Pool &pool, long timeout_ms = -1);

int lease_without_timeout(db::Pool &pool) {
  return pool.lease()->query("SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'lease' borrows from a connection pool and takes no timeout; when every pooled connection is busy on a slow dependency, each caller parks here and the service stops answering [resilience-unbounded-wait]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: use the pool's borrow that takes a timeout, and handle its expiry
}

int lease_forever(db::Pool &pool) {
  return pool.try_lease(std::chrono::milliseconds::max())->query("SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'try_lease' borrows from a connection pool with a timeout that never expires
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: pass a finite timeout as argument 0 and handle its expiry
}

int default_argument_forever(db::Pool &pool) {
  return acquire_conn(pool)->query("SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'acquire_conn' borrows from a connection pool with a timeout that never expires
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: pass a finite timeout as argument 1
}

int explicit_minus_one(db::Pool &pool) {
  return acquire_conn(pool, -1)->query("SELECT 1");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'acquire_conn' borrows from a connection pool with a timeout that never expires
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: pass a finite timeout as argument 1
}

class SessionPool {
public:
  std::unique_ptr<shop::DbSession> take() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'wait' parks this thread until another thread returns a connection to 'idle_' (a pool of 'std::unique_ptr<shop::DbSession>')
    // CHECK-MESSAGES: :67:48: note: 'idle_' holds the pool's connections here
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: borrow with a deadline
    auto s = std::move(idle_.front());
    idle_.pop_front();
    return s;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<shop::DbSession>> idle_;
};

// Negatives.

int bounded_lease(db::Pool &pool) {
  return pool.try_lease(std::chrono::milliseconds(250))->query("SELECT 1");
}

int finite_argument(db::Pool &pool) {
  return acquire_conn(pool, 500)->query("SELECT 1");
}

// A type not named in ConnectionTypes.
struct Ticket {
  int id;
};
class TicketQueue {
public:
  Ticket next() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !tickets_.empty(); });
    Ticket t = tickets_.front();
    tickets_.pop_front();
    return t;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Ticket> tickets_;
};

// The bounded borrow of the in-house type.
class BoundedSessionPool {
public:
  shop::DbSession *take() {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_until(lock,
                        std::chrono::steady_clock::now() +
                            std::chrono::milliseconds(100),
                        [this] { return !idle_.empty(); }))
      return nullptr;
    shop::DbSession *s = idle_.front();
    idle_.pop_front();
    return s;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<shop::DbSession *> idle_;
};

// A declared function whose name only resembles one.
shop::DbSession *lease();
int unrelated() { return lease()->query("SELECT 1"); }
