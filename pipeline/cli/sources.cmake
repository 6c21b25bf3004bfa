list(APPEND PIPELINE_SOURCES
  pipeline/cli/case_text.cc
  pipeline/cli/options.cc
  pipeline/cli/console_reporter.cc
  pipeline/cli/job_request.cc
  pipeline/cli/locations.cc
)
