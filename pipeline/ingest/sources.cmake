list(APPEND PIPELINE_SOURCES
  pipeline/ingest/archives.cc
  pipeline/ingest/docx_form_reader.cc
  pipeline/ingest/file_probe.cc
  pipeline/ingest/form_labels.cc
  pipeline/ingest/form_values.cc
  pipeline/ingest/ingest.cc
  pipeline/ingest/libarchive_reader.cc
  pipeline/ingest/pdf_inspect.cc
  pipeline/ingest/limits.cc
  pipeline/ingest/name_decoding.cc
  pipeline/ingest/ooxml_package.cc
  pipeline/ingest/xlsx_reader.cc
  pipeline/ingest/xml_form_reader.cc
  pipeline/ingest/xml_text.cc
  pipeline/ingest/zip_reader.cc
)
