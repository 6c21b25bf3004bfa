list(APPEND PIPELINE_SOURCES
  pipeline/registry/catalogue.cc
  pipeline/registry/commands.cc
  pipeline/registry/document_commands.cc
  pipeline/registry/fault.cc
  pipeline/registry/location.cc
  pipeline/registry/pdfa.cc
  pipeline/registry/record_check.cc
  pipeline/registry/registry.cc
  pipeline/registry/registry_evaluation.cc
  pipeline/registry/registry_file.cc
  pipeline/registry/registry_lifecycle.cc
  pipeline/registry/registry_record.cc
  pipeline/registry/run_recorder.cc
  pipeline/registry/schema.cc
  pipeline/registry/sqlite_storage.cc
  pipeline/registry/stages.cc
)
