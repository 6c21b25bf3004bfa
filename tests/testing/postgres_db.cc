#include "tests/testing/postgres_db.h"

#include <gtest/gtest.h>
#include <postgresql/libpq-fe.h>
#include <pwd.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace pipeline::testing {
namespace {

std::string ServerUser() {
  if (geteuid() == 0) return "postgres";  // server.sh runs the server as postgres under root
  const passwd* pw = getpwuid(geteuid());
  return pw != nullptr ? pw->pw_name : "";
}

std::string UriOf(const std::string& db, const std::string& host) {
  return "postgresql:///" + db + "?host=" + host + "&user=" + ServerUser();
}

}  // namespace

std::string PostgresTestHost() {
  const char* host = std::getenv("BEIAN_TEST_PG_HOST");
  return host != nullptr ? host : "";
}

std::string PostgresExec(const std::string& uri, const std::string& sql) {
  PGconn* conn = PQconnectdb(uri.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
      error = PQresultErrorMessage(r);
    }
    PQclear(r);
  }
  PQfinish(conn);
  return error;
}

std::string NewPostgresDatabase() {
  if (PostgresTestHost().empty()) {
    ADD_FAILURE() << "BEIAN_TEST_PG_HOST is unset: run the PostgreSQL tests through ctest (the "
                     "fixture tests/postgres/server.sh starts a server) or set it to a server's "
                     "socket folder";
    return "";
  }
  return NewPostgresDatabaseOn(PostgresTestHost());
}

std::string NewPostgresDatabaseOn(const std::string& host) {
  static std::atomic<int> counter{0};
  const std::string name =
      "t" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
  std::string error = PostgresExec(UriOf("postgres", host), "CREATE DATABASE " + name);
  if (!error.empty()) {
    ADD_FAILURE() << "cannot create a test database on " << host << ": " << error;
    return "";
  }
  return UriOf(name, host);
}

}  // namespace pipeline::testing
