list(APPEND PIPELINE_SOURCES
  pipeline/crosscheck/business_terms.cc
  pipeline/crosscheck/catalogue.cc
  pipeline/crosscheck/check.cc
  pipeline/crosscheck/conditions.cc
  pipeline/crosscheck/credit_list.cc
  pipeline/crosscheck/jurisdiction.cc
  pipeline/crosscheck/occupations.cc
  pipeline/crosscheck/report_json_part.cc
  pipeline/crosscheck/rule_settings.cc
  pipeline/crosscheck/rules.cc
)
