list(APPEND PIPELINE_SOURCES
  pipeline/extract/codes.cc
  pipeline/extract/extract.cc
  pipeline/extract/normaliser.cc
)
