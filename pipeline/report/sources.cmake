list(APPEND PIPELINE_SOURCES
  pipeline/report/case_id.cc
  pipeline/report/messages.cc
  pipeline/report/report_json.cc
  pipeline/report/summary_table.cc
)
