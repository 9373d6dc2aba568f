// RUN: %check_resilience %s resilience-missing-timeout %t -- --config="{CheckOptions: {resilience-missing-timeout.ReportServerTimeouts: false}}" -- -std=c++17 -I/usr/include/postgresql
// ReportServerTimeouts: false turns off the advisory statement_timeout
// findings (a zero one included); connect timeouts are still reported.
#include <libpq-fe.h>

PGresult *query_without_statement_timeout() {
  PGconn *c = PQconnectdb("host=db.internal dbname=shop connect_timeout=5");
  PQexec(c, "SET statement_timeout TO 0");
  return PQexec(c, "SELECT 1");
}

PGresult *connect_still_reported() {
  PGconn *c = PQconnectdb("host=db.internal dbname=shop");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'PQconnectdb' connects to PostgreSQL with no connect timeout among its arguments
  // CHECK-MESSAGES: :[[@LINE-2]]:15: note: add connect_timeout=5
  return PQexec(c, "SELECT 1");
}
