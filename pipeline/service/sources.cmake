list(APPEND PIPELINE_SOURCES
  pipeline/service/case_rows.cc
  pipeline/service/fingerprint.cc
  pipeline/service/intake_state.cc
  pipeline/service/output_folder.cc
  pipeline/service/output_lock.cc
  pipeline/service/report_wire.cc
  pipeline/service/stop_signals.cc
  pipeline/service/watch.cc
  pipeline/service/worker_pool.cc
)
