list(APPEND TEST_SOURCES
  tests/testing/fake_file_system.cc
  tests/testing/test_paths.cc
)
