// A PostgreSQL database of its own for one test, on the test run's throw-away server (the ctest
// fixture `postgres`: tests/postgres/server.sh). $BEIAN_TEST_PG_HOST names the server's socket
// folder; when it is unset or the server does not answer, the test fails (never skips).
#ifndef TESTS_TESTING_POSTGRES_DB_H_
#define TESTS_TESTING_POSTGRES_DB_H_

#include <string>

namespace pipeline::testing {

// The URI of a new, empty database (postgresql:///NAME?host=DIR&user=USER); "" after a test
// failure naming why.
std::string NewPostgresDatabase();
// The same on the server whose socket folder is `host`.
std::string NewPostgresDatabaseOn(const std::string& host);

// Runs `sql` on the database at `uri` as the server's superuser; "" on success, else the error.
std::string PostgresExec(const std::string& uri, const std::string& sql);

// The socket folder of the test server ($BEIAN_TEST_PG_HOST), "" when unset.
std::string PostgresTestHost();

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_POSTGRES_DB_H_
