list(APPEND PIPELINE_SOURCES
  pipeline/report/messages.cc
  pipeline/report/report_json.cc
)
