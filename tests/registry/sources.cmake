list(APPEND TEST_SOURCES
  tests/registry/archive_command_test.cc
  tests/registry/issued_title_test.cc
  tests/registry/letters_command_test.cc
  tests/registry/lifecycle_command_test.cc
  tests/registry/postgres_test.cc
  tests/registry/record_check_test.cc
  tests/registry/record_integrity_test.cc
  tests/registry/record_lifecycle_test.cc
  tests/registry/registry_command_test.cc
  tests/registry/registry_test.cc
  tests/registry/schema_test.cc
  tests/registry/slots_command_test.cc
  tests/registry/sqlite_storage_test.cc
  tests/registry/stages_test.cc
)
