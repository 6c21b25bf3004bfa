list(APPEND TEST_SOURCES
  tests/core/atomic_dir_test.cc
  tests/core/csv_test.cc
  tests/core/date_test.cc
  tests/core/enum_names_test.cc
  tests/core/file_system_test.cc
  tests/core/file_writer_test.cc
  tests/core/no_cjk_literals_test.cc
  tests/core/settings_test.cc
  tests/core/sha256_test.cc
  tests/core/status_test.cc
  tests/core/text_test.cc
  tests/core/utf8_test.cc
)
