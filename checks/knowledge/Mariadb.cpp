//===--- Mariadb.cpp - The MySQL C API, as MariaDB Connector/C ships it -----===//
//
// Facts (mysql.h of Debian 12's libmariadb-dev 10.11; MySQL's libmysqlclient
// has the same calls): mysql_init() makes a handle; mysql_options(m, opt,
// &value) (or mysql_optionsv) sets MYSQL_OPT_CONNECT_TIMEOUT,
// MYSQL_OPT_READ_TIMEOUT and MYSQL_OPT_WRITE_TIMEOUT, in seconds, all 0 by
// default on Linux: 0 leaves the connect to the operating system and reads
// and writes with no timeout at all. mysql_real_connect() connects and reads
// the server's greeting; mysql_query / mysql_real_query /
// mysql_store_result / mysql_next_result / mysql_ping and the prepared
// statement calls on a MYSQL_STMT from mysql_stmt_init(m) send and then wait
// for the server's answer; mysql_send_query only sends.
//
// MYSQL_READ_DEFAULT_FILE and MYSQL_READ_DEFAULT_GROUP load options from a
// my.cnf file, which may set every timeout: the handle's bound is then out
// of sight. The *_start / *_cont calls are the non-blocking API: not
// reported.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum MariadbSlot : unsigned { Connect, Read, Write };
enum MariadbGroup : unsigned { ByConnect, ByRead, ByWrite };
} // namespace

LibraryModel makeMariadbModel() {
  LibraryModel M;
  M.Name = "MariaDB Connector/C";
  RequestCall C;
  C.Function = "mysql_real_connect";
  C.HandleArg = 0;
  C.Verb = "connects";
  C.Groups = {ByConnect};
  C.ReturnsHandle = true;
  C.Consequence = "the MySQL C API has no connect timeout by default, so a "
                  "database host that does not answer holds this thread "
                  "for as long as the operating system keeps trying";
  C.Advice = "set MYSQL_OPT_CONNECT_TIMEOUT on '%0' with mysql_options "
             "before connecting";
  M.Requests.push_back(C);
  for (llvm::StringRef F :
       {"mysql_query", "mysql_real_query", "mysql_store_result",
        "mysql_next_result", "mysql_ping", "mysql_stmt_prepare",
        "mysql_stmt_execute", "mysql_stmt_store_result"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = 0;
    R.Verb = F.starts_with("mysql_stmt_") ? "runs a statement"
             : F == "mysql_ping"          ? "pings the server"
             : F.contains("result")       ? "reads a result"
                                          : "runs a query";
    R.Groups = {ByRead};
    M.Requests.push_back(R);
  }
  RequestCall S;
  S.Function = "mysql_send_query";
  S.HandleArg = 0;
  S.Verb = "sends a query";
  S.Groups = {ByWrite};
  S.Consequence = "the MySQL C API has no write timeout by default, so a "
                  "server that stops reading blocks this thread forever once "
                  "the send buffer fills";
  S.Advice = "set MYSQL_OPT_WRITE_TIMEOUT on '%0' with mysql_options before "
             "connecting";
  M.Requests.push_back(S);
  M.Creators = {"mysql_init"};
  M.Copiers = {"mysql_stmt_init"};
  M.Setters = {{"mysql_options", 0, 1, 2}, {"mysql_optionsv", 0, 1, 2}};
  M.Slots = {{"connect timeout", /*ZeroMeansNever=*/true},
             {"read timeout", true},
             {"write timeout", true}};
  M.Options = {{"MYSQL_OPT_CONNECT_TIMEOUT", Connect},
               {"MYSQL_OPT_READ_TIMEOUT", Read},
               {"MYSQL_OPT_WRITE_TIMEOUT", Write}};
  M.OpaqueOptions = {"MYSQL_READ_DEFAULT_FILE", "MYSQL_READ_DEFAULT_GROUP"};
  M.BoundingGroups = {{Connect}, {Read}, {Write}};
  M.ConnectionTypes = {"st_mysql", "MYSQL"};
  M.Consequence = "the MySQL C API has no read timeout by default, so a "
                  "query stuck on a lock, a slow plan or a dead server "
                  "blocks this thread forever";
  M.DefaultBehaviour = "the MySQL C API never times out a read by default";
  M.FixAdvice = "set MYSQL_OPT_READ_TIMEOUT on '%0' with mysql_options before "
                "connecting";
  return M;
}

} // namespace model
} // namespace resilience
