list(APPEND PIPELINE_SOURCES
  pipeline/app/case_note.cc
  pipeline/app/decide.cc
  pipeline/app/registry_session.cc
  pipeline/app/status.cc
)
