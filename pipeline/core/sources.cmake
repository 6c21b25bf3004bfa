list(APPEND PIPELINE_SOURCES
  pipeline/core/atomic_dir.cc
  pipeline/core/csv.cc
  pipeline/core/date.cc
  pipeline/core/fault.cc
  pipeline/core/file_system.cc
  pipeline/core/file_writer.cc
  pipeline/core/podofo_log.cc
  pipeline/core/settings.cc
  pipeline/core/sha256.cc
  pipeline/core/status.cc
  pipeline/core/text.cc
  pipeline/core/tsv.cc
  pipeline/core/utf8.cc
  pipeline/core/xlsx_properties.cc
  pipeline/core/xml.cc
)
