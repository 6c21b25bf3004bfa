list(APPEND TEST_SOURCES
  tests/ingest/file_probe_test.cc
  tests/ingest/form_labels_test.cc
  tests/ingest/form_reader_test.cc
  tests/ingest/hostile_corpus_test.cc
  tests/ingest/ingest_test.cc
  tests/ingest/libarchive_reader_test.cc
  tests/ingest/ingest_test_util.cc
)
