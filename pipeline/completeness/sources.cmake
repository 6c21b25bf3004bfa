list(APPEND PIPELINE_SOURCES
  pipeline/completeness/checklist.cc
  pipeline/completeness/completeness.cc
)
