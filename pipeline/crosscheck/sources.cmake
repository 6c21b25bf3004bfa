list(APPEND PIPELINE_SOURCES
  pipeline/crosscheck/catalogue.cc
  pipeline/crosscheck/check.cc
  pipeline/crosscheck/conditions.cc
  pipeline/crosscheck/jurisdiction.cc
  pipeline/crosscheck/occupations.cc
  pipeline/crosscheck/report_json_part.cc
  pipeline/crosscheck/rules.cc
)
