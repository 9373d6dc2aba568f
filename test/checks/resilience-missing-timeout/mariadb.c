// RUN: %check_resilience %s resilience-missing-timeout %t -- -- -std=c11 $(pkg-config --cflags libmariadb)
// The MySQL C API as Debian 12's libmariadb-dev ships it: timeouts are
// options of the MYSQL handle, all 0 (none) by default.
#include <mysql.h>
#include <stddef.h>

static unsigned int kSeconds = 5;

int connect_without_timeout(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &kSeconds);
  if (!mysql_real_connect(m, "db.internal", "app", "pw", "shop", 3306, NULL, 0))
    return -1;
  // CHECK-MESSAGES: :[[@LINE-2]]:8: warning: 'mysql_real_connect' connects on handle 'm' that has no connect timeout; the MySQL C API has no connect timeout by default, so a database host that does not answer holds this thread for as long as the operating system keeps trying [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: set MYSQL_OPT_CONNECT_TIMEOUT on 'm' with mysql_options before connecting
  return mysql_query(m, "SELECT 1");
}

int query_without_read_timeout(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &kSeconds);
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 3306, NULL, 0);
  return mysql_query(m, "UPDATE stock SET n = n - 1 WHERE id = 42");
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'mysql_query' runs a query on handle 'm' that has no read timeout; the MySQL C API has no read timeout by default, so a query stuck on a lock, a slow plan or a dead server blocks this thread forever [resilience-missing-timeout]
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set MYSQL_OPT_READ_TIMEOUT on 'm' with mysql_options before connecting
}

int nothing_set(void) {
  MYSQL *m = mysql_init(NULL);
  MYSQL *conn = mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'mysql_real_connect' connects on handle 'm' that has no connect timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:17: note: set MYSQL_OPT_CONNECT_TIMEOUT
  if (!conn)
    return -1;
  if (mysql_real_query(conn, "SELECT 1", 8))
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'mysql_real_query' runs a query on handle 'conn' that has no read timeout
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: set MYSQL_OPT_READ_TIMEOUT on 'conn'
    return -1;
  MYSQL_RES *res = mysql_store_result(conn);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'mysql_store_result' reads a result on handle 'conn' that has no read timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:20: note: set MYSQL_OPT_READ_TIMEOUT on 'conn'
  mysql_free_result(res);
  return 0;
}

int prepared_statement(MYSQL_STMT **out) {
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &kSeconds);
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  MYSQL_STMT *st = mysql_stmt_init(m);
  *out = st;
  return mysql_stmt_execute(st);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'mysql_stmt_execute' runs a statement on handle 'st' that has no read timeout
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set MYSQL_OPT_READ_TIMEOUT on 'st'
}

int send_without_write_timeout(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &kSeconds);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &kSeconds);
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  return mysql_send_query(m, "SELECT 1", 8);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'mysql_send_query' sends a query on handle 'm' that has no write timeout; the MySQL C API has no write timeout by default
  // CHECK-MESSAGES: :[[@LINE-2]]:10: note: set MYSQL_OPT_WRITE_TIMEOUT on 'm'
}

// Negatives.

static MYSQL *open_db(void) {
  MYSQL *m = mysql_init(NULL);
  unsigned int t = 3;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &t);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &t);
  mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &t);
  if (!mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0))
    return NULL;
  return m;
}

int all_bounded(void) {
  MYSQL *m = open_db();
  if (!m || mysql_query(m, "SELECT 1"))
    return -1;
  mysql_free_result(mysql_store_result(m));
  return mysql_send_query(m, "SELECT 2", 8);
}

int statement_inherits(void) {
  MYSQL_STMT *st = mysql_stmt_init(open_db());
  return mysql_stmt_execute(st);
}

// A handle from the caller: configured out of sight.
int parameter(MYSQL *m) { return mysql_query(m, "SELECT 1"); }

// Options read from my.cnf may set every timeout.
int option_file(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_READ_DEFAULT_GROUP, "shop");
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  return mysql_query(m, "SELECT 1");
}

// mysql_optionsv is the variadic setter.
int optionsv(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &kSeconds);
  mysql_optionsv(m, MYSQL_OPT_READ_TIMEOUT, &kSeconds);
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  return mysql_query(m, "SELECT 1");
}

// Look-alike options do not bound anything, but here both are set too.
int look_alike_and_real(void) {
  MYSQL *m = mysql_init(NULL);
  my_bool reconnect = 1;
  mysql_options(m, MYSQL_OPT_RECONNECT, &reconnect);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &kSeconds);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &kSeconds);
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  return mysql_ping(m);
}

// Code that writes the handle's internals (collectd's mysql plugin does)
// configures it out of the table's sight.
int internals(void) {
  MYSQL *m = mysql_init(NULL);
  m->options.connect_timeout = 5;
  mysql_real_connect(m, "db.internal", "app", "pw", "shop", 0, NULL, 0);
  return mysql_query(m, "SELECT 1");
}
