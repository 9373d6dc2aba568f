//===--- Libpq.cpp - libpq, PostgreSQL's C client --------------------------===//
//
// Facts (libpq-fe.h of Debian 12's libpq-dev 15; postgresql.org/docs,
// libpq-connect.html and runtime-config-client.html):
// - PQconnectdb(conninfo), PQconnectdbParams(keywords, values, expand) and
//   PQsetdbLogin(host, port, options, tty, dbName, user, pwd) connect in
//   blocking mode. The connection string's `connect_timeout` bounds the
//   connect; "zero, negative, or not specified means wait indefinitely".
//   PQsetdbLogin's dbName is read as a connection string when it holds one.
//   `service=` loads keywords from a service file: out of sight.
// - PQexec, PQexecParams, PQprepare, PQexecPrepared and PQdescribePrepared
//   wait for the server's answer. libpq has no client-side query timeout;
//   the server's `statement_timeout` ends a long statement, and it is 0
//   (off) by default. It is set per connection in the connection string's
//   `options` ("-c statement_timeout=5000") or by running
//   "SET statement_timeout = ..." on the connection. That bound is server
//   side (a dead server or network is not covered), so the finding is
//   advisory and the check can turn it off (ReportServerTimeouts).
//
// Not reported: PQconnectStart / PQconnectStartParams (PQconnectPoll ignores
// connect_timeout: the caller's poll loop owns the deadline) and the
// asynchronous PQsend* calls. The environment (PGCONNECT_TIMEOUT,
// PGOPTIONS) is invisible to the analysis; the docs say so.
//
//===----------------------------------------------------------------------===//

#include "knowledge/LibraryTable.h"

namespace resilience {
namespace model {

namespace {
enum LibpqSlot : unsigned { Connect, Statement };
enum LibpqGroup : unsigned { ByConnectTimeout, ByStatementTimeout };
} // namespace

LibraryModel makeLibpqModel() {
  LibraryModel M;
  M.Name = "libpq";
  auto Connector = [&](llvm::StringRef F, std::vector<KeywordBound> K) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = NoArg;
    R.Verb = "connects to PostgreSQL";
    R.Groups = {ByConnectTimeout};
    R.ReturnsHandle = true;
    R.Keywords = std::move(K);
    R.Consequence = "libpq waits indefinitely for a connect without one, so a "
                    "database host that does not answer holds this thread "
                    "until the operating system gives up";
    R.Advice = "add connect_timeout=5 (seconds) to the connection string";
    M.Requests.push_back(R);
  };
  // An unseen dbname may be a whole connection string (expand_dbname);
  // an unseen options value may set statement_timeout.
  llvm::StringRef ConnectCarriers = "dbname";
  llvm::StringRef StatementCarriers = "dbname|options";
  Connector("PQconnectdb",
            {{0, "connect_timeout", Connect, NoArg, {}, false,
              ConnectCarriers},
             {0, "statement_timeout", Statement, NoArg, {}, false,
              StatementCarriers},
             {0, "service", Connect, NoArg, {}, true}});
  Connector("PQconnectdbParams",
            {{0, "connect_timeout", Connect, 1, {}, false, ConnectCarriers},
             {0, "statement_timeout", Statement, 1, {}, false,
              StatementCarriers},
             {0, "service", Connect, 1, {}, true}});
  // PQsetdbLogin(host, port, options, tty, dbName, user, password).
  Connector("PQsetdbLogin", {{4, "connect_timeout", Connect},
                             {4, "statement_timeout", Statement},
                             {2, "statement_timeout", Statement},
                             {4, "service", Connect, NoArg, {}, true}});
  for (llvm::StringRef F : {"PQexec", "PQexecParams", "PQprepare",
                            "PQexecPrepared", "PQdescribePrepared"}) {
    RequestCall R;
    R.Function = F;
    R.HandleArg = 0;
    R.Verb = F == "PQprepare" ? "prepares a statement" : "runs a query";
    R.Groups = {ByStatementTimeout};
    R.ServerSide = true;
    if (F == "PQexec" || F == "PQexecParams")
      R.Keywords = {{1, "statement_timeout", Statement, NoArg, "SET"}};
    M.Requests.push_back(R);
  }
  M.Slots = {{"connect timeout", /*ZeroMeansNever=*/true},
             {"statement timeout", true}};
  M.BoundingGroups = {BoundingGroup{Connect}, BoundingGroup{Statement}};
  M.HandleNoun = "connection";
  M.ConnectionTypes = {"pg_conn", "PGconn"};
  M.Consequence = "libpq has no client-side query timeout and the server's "
                  "statement_timeout is off by default, so a query stuck on "
                  "a lock or a slow plan holds this thread until the server "
                  "finishes it";
  M.DefaultBehaviour = "PostgreSQL's statement_timeout is 0 (off) by default";
  M.FixAdvice = "give '%0' a statement_timeout: \"options='-c "
                "statement_timeout=5000'\" in its connection string, or "
                "\"SET statement_timeout = 5000\" on it (option "
                "ReportServerTimeouts turns this finding off)";
  return M;
}

} // namespace model
} // namespace resilience
