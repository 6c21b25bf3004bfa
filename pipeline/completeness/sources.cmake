list(APPEND PIPELINE_SOURCES
  pipeline/completeness/checklist.cc
  pipeline/completeness/classify.cc
  pipeline/completeness/completeness.cc
  pipeline/completeness/title.cc
)
