// What a Job loads once per process, shared by its translation units (job.cc: resources and
// the stages of one dossier; job_batch.cc: run and watch over an output folder). Not for other
// callers; it depends on nothing of the Job itself.
#ifndef PIPELINE_JOB_RESOURCES_H_
#define PIPELINE_JOB_RESOURCES_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/completeness/checklist.h"
#include "pipeline/core/settings.h"
#include "pipeline/crosscheck/business_terms.h"
#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/crosscheck/credit_list.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/extract/normaliser.h"
#include "pipeline/ingest/form_labels.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/registry/run_recorder.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/report/decision_table.h"
#include "pipeline/report/document_data.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/provenance.h"
#include "pipeline/report/work_calendar.h"

namespace pipeline {

// Everything loaded once per process and shared by all dossiers. Loading order does not
// matter; each loader validates its file and names file:line on error.
struct JobResources {
  std::string data_dir;
  report::MessageCatalog messages;
  ingest::FormLabels labels;
  ingest::Limits limits;
  extract::Normaliser normaliser;
  completeness::ChecklistSet checklists;
  crosscheck::Catalogue catalogue;
  crosscheck::Authorities authorities;
  crosscheck::RuleSet rules;
  crosscheck::RuleSettings rule_settings;  // templates/office.json `rules`
  crosscheck::BusinessTerms business_terms;
  std::optional<crosscheck::CreditList> credit_list;  // --credit-list or rules.credit_list
  report::WorkCalendar calendar;
  report::OfficeSettings office;
  LayeredSettings settings;           // the layered settings files (docs/user-guide.md "Settings")
  report::Provenance provenance;      // what report.json records about this run
  report::MessageCatalog run_labels;  // templates/run.zh-CN.tsv (index.html, the total line)
  std::string index_css;              // templates/index.css, inlined into index.html
  report::DecisionTable decisions;
  std::unique_ptr<render::DocumentRenderer> renderer;  // created only when documents are drafted
  std::unique_ptr<registry::RunRecorder> recorder;     // run/watch with a registry, else null
  std::unique_ptr<registry::RunRecorder> worker_recorder;  // a worker's own connection to it
  bool registry_chosen = false;                            // run/watch records cases in a registry
};

}  // namespace pipeline

#endif  // PIPELINE_JOB_RESOURCES_H_
