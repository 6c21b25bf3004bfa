list(APPEND PIPELINE_SOURCES
  pipeline/report/case_id.cc
  pipeline/report/decision_table.cc
  pipeline/report/catalogue_listing.cc
  pipeline/report/corrections.cc
  pipeline/report/document_data.cc
  pipeline/report/mask.cc
  pipeline/report/messages.cc
  pipeline/report/provenance.cc
  pipeline/report/report_json.cc
  pipeline/report/run_spool.cc
  pipeline/report/run_summary.cc
  pipeline/report/summary_table.cc
  pipeline/report/work_calendar.cc
)
