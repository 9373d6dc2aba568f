// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c++17 -I/usr/include/postgresql
// libpq (Debian 12's libpq-dev 15): connect_timeout in the connection
// string, and statement_timeout (server side, advisory) for queries.
#include <libpq-fe.h>
#include <string>

PGresult *connect_without_timeout() {
  PGconn *c = PQconnectdb("host=db.internal dbname=shop options='-c statement_timeout=5000'");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'PQconnectdb' connects to PostgreSQL with no connect timeout among its arguments; libpq waits indefinitely for a connect without one, so a database host that does not answer holds this thread until the operating system gives up [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: add connect_timeout=5 (seconds) to the connection string
  return PQexec(c, "SELECT 1");
}

PGconn *zero_connect_timeout() {
  return PQconnectdb("postgresql://db.internal/shop?connect_timeout=0");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQconnectdb' connects to PostgreSQL with a connect timeout of 0, which libpq reads as 'never'
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: add connect_timeout=5
}

PGresult *query_without_statement_timeout() {
  PGconn *c = PQconnectdb("host=db.internal dbname=shop connect_timeout=5");
  return PQexec(c, "UPDATE stock SET n = n - 1 WHERE id = 42");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQexec' runs a query on connection 'c' that has no statement timeout; libpq has no client-side query timeout and the server's statement_timeout is off by default, so a query stuck on a lock or a slow plan holds this thread until the server finishes it [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: give 'c' a statement_timeout: "options='-c statement_timeout=5000'" in its connection string, or "SET statement_timeout = 5000" on it (option ReportServerTimeouts turns this finding off)
}

PGresult *params_arrays() {
  const char *keys[] = {"host", "dbname", nullptr};
  const char *vals[] = {"db.internal", "shop", nullptr};
  PGconn *c = PQconnectdbParams(keys, vals, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'PQconnectdbParams' connects to PostgreSQL with no connect timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: add connect_timeout=5
  const char *params[] = {"42"};
  return PQexecParams(c, "SELECT n FROM stock WHERE id = $1", 1, nullptr,
                      params, nullptr, nullptr, 0);
  // CHECK-MESSAGES: :[[@LINE-2]]:10: warning: 'PQexecParams' runs a query on connection 'c' that has no statement timeout
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: give 'c' a statement_timeout
}

PGresult *built_string(const std::string &host) {
  std::string conninfo = "host=" + host + " dbname=shop";
  PGconn *c = PQconnectdb(conninfo.c_str());
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'PQconnectdb' connects to PostgreSQL with no connect timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: add connect_timeout=5
  PQexec(c, "SET statement_timeout = 0");
  return PQprepare(c, "take", "UPDATE stock SET n = n - 1", 0, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQprepare' prepares a statement on connection 'c' whose statement timeout is set to 0, which libpq reads as 'never'; nothing else bounds this call
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the statement timeout is set to 0 here
  // CHECK-MESSAGES: :[[@LINE-3]]:10: note: give 'c' a statement_timeout
}

PGconn *set_db_login() {
  return PQsetdbLogin("db.internal", "5432", nullptr, nullptr, "shop", "app", "pw");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'PQsetdbLogin' connects to PostgreSQL with no connect timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: add connect_timeout=5
}

// Negatives.

PGresult *bounded() {
  PGconn *c = PQconnectdb("host=db.internal connect_timeout=5 options='-c statement_timeout=5000'");
  return PQexec(c, "SELECT 1");
}

PGresult *set_statement_timeout() {
  PGconn *c = PQconnectdb("postgresql://db.internal/shop?connect_timeout=3");
  PQexec(c, "SET statement_timeout = '5s'");
  return PQexecPrepared(c, "take", 0, nullptr, nullptr, nullptr, 0);
}

PGresult *params_bounded() {
  const char *keys[] = {"host", "connect_timeout", "options", nullptr};
  const char *vals[] = {"db.internal", "5", "-c statement_timeout=2000", nullptr};
  PGconn *c = PQconnectdbParams(keys, vals, 0);
  return PQexec(c, "SELECT 1");
}

// Text out of sight may hold the keywords: silent.
PGresult *from_config(const char *conninfo) {
  PGconn *c = PQconnectdb(conninfo);
  return PQexec(c, "SELECT 1");
}

// A service file may set them.
PGconn *service() { return PQconnectdb("service=shop"); }

// A connection handed in: out of sight.
PGresult *parameter(PGconn *c) { return PQexec(c, "SELECT 1"); }

// A query that mentions the keyword does not set it; here it is set anyway.
PGresult *mention_only() {
  PGconn *c = PQconnectdb("host=db connect_timeout=5 options='-c statement_timeout=1000'");
  return PQexec(c, "SELECT current_setting('statement_timeout')");
}

// PQconnectStart: PQconnectPoll ignores connect_timeout; the caller's loop
// owns the deadline.
PGconn *async_start() { return PQconnectStart("host=db.internal"); }

// A built string that carries the keywords.
PGresult *built_with_timeouts(const std::string &host, int seconds) {
  std::string conninfo = "host=" + host + " connect_timeout=" +
                         std::to_string(seconds) +
                         " options='-c statement_timeout=5000'";
  PGconn *c = PQconnectdb(conninfo.c_str());
  return PQexec(c, "SELECT 1");
}
