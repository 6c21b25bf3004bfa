# render/: PDF engine (render/pdf) and document templates (render/doc).
list(APPEND PIPELINE_SOURCES
  pipeline/render/doc/document_renderer.cc
  pipeline/render/doc/font_guard.cc
  pipeline/render/doc/render_command.cc
  pipeline/render/doc/template.cc
  pipeline/render/pdf/deflate.cc
  pipeline/render/pdf/font_embedder.cc
  pipeline/render/pdf/font_set.cc
  pipeline/render/pdf/layout.cc
  pipeline/render/pdf/line_breaker.cc
  pipeline/render/pdf/pdf_writer.cc
  pipeline/render/pdf/typesetter.cc
  pipeline/render/pdf/typesetter_blocks.cc
  pipeline/render/pdf/typesetter_decorator.cc
  pipeline/render/pdf/typesetter_paginator.cc
)
