# End-to-end tests over samples/intake (expected outcomes: samples/expected.json).
list(APPEND TEST_SOURCES
  tests/e2e/samples_pipeline_test.cc
  tests/e2e/samples_test.cc
)
