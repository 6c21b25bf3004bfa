list(APPEND PIPELINE_SOURCES
  pipeline/model/application.cc
  pipeline/model/correction.cc
  pipeline/model/dossier.cc
  pipeline/model/eligibility.cc
  pipeline/model/finding.cc
  pipeline/model/form.cc
  pipeline/model/occupation.cc
  pipeline/model/report.cc
)
