# render/: PDF engine (render/pdf) and document templates (render/doc).
list(APPEND PIPELINE_SOURCES
  pipeline/render/pdf/font_embedder.cc
  pipeline/render/pdf/font_set.cc
  pipeline/render/pdf/pdf_writer.cc
  pipeline/render/pdf/xml_util.cc
)
