list(APPEND TEST_SOURCES
  tests/testing/fake_file_system.cc
  tests/testing/postgres_db.cc
  tests/testing/sample_runs.cc
  tests/testing/test_paths.cc
)
# End-to-end tests over samples/ (owned by the completeness stage).
include(tests/e2e/sources.cmake OPTIONAL)
