list(APPEND PIPELINE_SOURCES
  pipeline/evaluation/commands.cc
  pipeline/evaluation/evaluation.cc
  pipeline/evaluation/ledger.cc
  pipeline/evaluation/registry_view.cc
  pipeline/evaluation/scoresheet.cc
  pipeline/evaluation/standard.cc
  pipeline/evaluation/xlsx_book.cc
  pipeline/evaluation/xlsx_reader.cc
)
