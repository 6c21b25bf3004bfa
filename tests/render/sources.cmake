# Tests of render/: PDF engine, templates, the two documents, the render command.
list(APPEND TEST_SOURCES
  tests/render/documents_test.cc
  tests/render/font_embedder_test.cc
  tests/render/pdf_engine_test.cc
  tests/render/render_test_util.cc
  tests/render/template_test.cc
  tests/render/typesetter_paginator_test.cc
)
