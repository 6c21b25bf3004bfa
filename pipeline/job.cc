#include "pipeline/job.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>

#include "pipeline/completeness/checklist.h"
#include "pipeline/completeness/completeness.h"
#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/settings.h"
#include "pipeline/core/utf8.h"
#include "pipeline/crosscheck/business_terms.h"
#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/crosscheck/check.h"
#include "pipeline/crosscheck/credit_list.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/crosscheck/report_json_part.h"
#include "pipeline/crosscheck/rule_settings.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/evaluation/commands.h"
#include "pipeline/extract/extract.h"
#include "pipeline/extract/normaliser.h"
#include "pipeline/ingest/archives.h"
#include "pipeline/ingest/form_labels.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/job_resources.h"
#include "pipeline/registry/run_recorder.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/render/doc/font_guard.h"
#include "pipeline/render/doc/render_command.h"
#include "pipeline/report/case_id.h"
#include "pipeline/report/catalogue_listing.h"
#include "pipeline/report/decision_table.h"
#include "pipeline/report/document_data.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/provenance.h"
#include "pipeline/report/report_json.h"
#include "pipeline/report/run_spool.h"
#include "pipeline/report/run_summary.h"
#include "pipeline/report/summary_table.h"
#include "pipeline/report/work_calendar.h"
#include "pipeline/service/case_rows.h"
#include "pipeline/service/fingerprint.h"
#include "pipeline/service/stop_signals.h"
#include "pipeline/service/watch.h"
#include "pipeline/service/worker_pool.h"
#include "pipeline/version.h"

namespace pipeline {

// One dossier's way through the stages, kept together for the report and the documents.
struct Job::CaseOutcome {
  model::CaseReport report;
  nlohmann::json json;
  std::vector<const report::DocumentSpec*> drafts;  // from the decision table, in order
  bool not_a_dossier = false;
  bool not_eligible = false;  // crosscheck found the institution not eligible (Conclude)
  // The data each letter of the case was drawn from (补正材料通知书, 受理部门告知书 and 移送函,
  // 不予备案告知书, 终止备案通知; empty when none was), in drafting order: the registry keeps
  // each as a document, so it can be issued and its delivery recorded.
  nlohmann::json letters = nlohmann::json::array();
};

Job::Job(const JobRequest& options, FileSystem& fs, Reporter& reporter, std::ostream& out)
    : options_(options), fs_(fs), reporter_(reporter), out_(out) {
  assert(options_.date.has_value());
}

Job::~Job() = default;

namespace {

template <typename T>
Status Take(Result<T> r, T* out) {
  if (!r) return r.error();
  *out = std::move(*r);
  return Status::Ok();
}

// Resolved by the CLI (pipeline/cli/locations.h) before the job starts.
std::string DataDir(const JobRequest& o) { return o.data_dir.empty() ? "." : o.data_dir; }

// The layered settings (defaults, /etc/beian, $BEIAN_CONFIG, --config). Each layer is checked
// on top of the ones below it, so a bad value is reported with the file that set it.
Status LoadSettings(const FileSystem& fs, const JobRequest& o, const std::string& root,
                    const report::MessageCatalog& messages, LayeredSettings* settings,
                    report::OfficeSettings* office) {
  std::vector<std::string> files = o.settings_files;
  if (files.empty()) files.push_back(JoinPath(root, "templates/office.json"));
  PIPELINE_RETURN_IF_ERROR(Take(LoadLayeredSettings(fs, files), settings));
  return Take(report::OfficeSettingsFromLayers(*settings, &messages), office);
}

// The office's `rules` settings (crosscheck/rule_settings.h), layered like the rest: each layer
// checked on top of the ones below it; a relative credit_list is resolved against the folder of
// the file that set it.
Status LoadLayeredRuleSettings(const LayeredSettings& settings, const crosscheck::RuleSet& rules,
                               crosscheck::RuleSettings* out) {
  auto rules_of = [](const nlohmann::json& merged) {
    auto it = merged.find("rules");
    return it == merged.end() ? nlohmann::json(nullptr) : *it;
  };
  for (std::size_t i = 1; i <= settings.layers.size(); ++i) {
    PIPELINE_RETURN_IF_ERROR(
        Take(crosscheck::RuleSettingsFromJson(rules_of(settings.MergedUpTo(i)), rules,
                                              settings.layers[i - 1].path),
             out));
  }
  const std::string origin = settings.OriginOf("/rules/credit_list");
  if (origin.empty()) return Status::Ok();
  return Take(crosscheck::RuleSettingsFromJson(rules_of(settings.effective), rules, origin), out);
}

// The `limits` settings (ingest/limits.h), layered like the rest: each layer checked on top of
// the ones below it, so an unknown key or a bad value names the file that set it.
Status LoadLayeredLimits(const LayeredSettings& settings, ingest::Limits* out) {
  for (std::size_t i = 1; i <= settings.layers.size(); ++i) {
    PIPELINE_RETURN_IF_ERROR(
        Take(ingest::ParseLimits(settings.MergedUpTo(i).dump(), settings.layers[i - 1].path), out));
  }
  return Status::Ok();
}

// The font configuration: --fonts, else the settings' "fonts" (a path relative to the file
// that set it), else <data>/templates/fonts.xml.
std::string FontsPath(const JobRequest& o, const LayeredSettings& settings,
                      const std::string& root) {
  if (!o.fonts.empty()) return o.fonts;
  if (std::string path = PathSetting(settings, "/fonts"); !path.empty()) return path;
  return JoinPath(root, "templates/fonts.xml");
}

bool HasBlocking(const std::vector<model::Finding>& findings, model::Consequence c) {
  return std::any_of(findings.begin(), findings.end(), [c](const model::Finding& f) {
    return f.severity == model::Severity::kBlocking && f.consequence == c;
  });
}

// The conclusion rule (docs/user-guide.md "Conclusion"): referred beats not_eligible beats
// corrections_needed beats review_needed beats pass. A blocking finding that only excludes an
// occupation does not stop the case; pending checks never count.
model::Conclusion Conclude(const model::CaseReport& r, bool not_eligible) {
  using model::Consequence;
  if (HasBlocking(r.findings, Consequence::kRefer)) return model::Conclusion::kReferred;
  if (not_eligible || HasBlocking(r.findings, Consequence::kNotEligible)) {
    return model::Conclusion::kNotEligible;
  }
  if (HasBlocking(r.findings, Consequence::kCorrect)) {
    return model::Conclusion::kCorrectionsNeeded;
  }
  if (model::HasSeverity(r.findings, model::Severity::kReview))
    return model::Conclusion::kReviewNeeded;
  return model::Conclusion::kPass;
}

// Pending checks worded from messages pending.<id>.title / pending.<id>.action.
std::vector<model::PendingCheck> WordPendingChecks(const std::vector<crosscheck::PendingRef>& refs,
                                                   const report::MessageCatalog& messages) {
  std::vector<model::PendingCheck> out;
  for (const crosscheck::PendingRef& p : refs) {
    out.push_back({p.id, messages.Format("pending." + p.id + ".title", p.args),
                   messages.Format("pending." + p.id + ".action", p.args)});
  }
  return out;
}

void SortFindings(std::vector<model::Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const model::Finding& a, const model::Finding& b) {
                     return static_cast<int>(a.severity) < static_cast<int>(b.severity);
                   });
}

// Gathers the stages' results into one CaseReport: every finding (with the topic of the stage
// that made it; crosscheck sets its own per rule), sorted stably by severity, and the
// conclusion.
model::CaseReport AssembleReport(const ingest::IntakeEntry& entry, model::Dossier dossier,
                                 model::Extraction extraction,
                                 completeness::CompletenessResult completeness,
                                 crosscheck::CrosscheckResult cross) {
  model::CaseReport r;
  r.dossier = entry.display_name;
  r.case_id = report::CaseIdFor(entry.name);
  r.application = std::move(extraction.application);
  r.jurisdiction = std::move(cross.jurisdiction);
  r.occupations = std::move(cross.occupations);
  r.conditions = std::move(cross.conditions);
  r.materials = std::move(completeness.materials);
  r.unmatched_files = std::move(completeness.unmatched_files);
  r.files = ingest::ReportedFiles(dossier);
  for (auto& f : dossier.findings) f.topic = model::Topic::kIntake;
  for (auto& f : completeness.findings) f.topic = model::Topic::kMaterials;
  for (auto& f : extraction.findings) f.topic = model::Topic::kForm;
  for (auto* part :
       {&dossier.findings, &extraction.findings, &completeness.findings, &cross.findings}) {
    r.findings.insert(r.findings.end(), std::make_move_iterator(part->begin()),
                      std::make_move_iterator(part->end()));
  }
  SortFindings(r.findings);
  r.conclusion = Conclude(r, cross.not_eligible);
  return r;
}

}  // namespace

Status Job::LoadResources() {
  auto res = std::make_unique<JobResources>();
  res->data_dir = DataDir(options_);
  const std::string& root = res->data_dir;
  const std::string data = JoinPath(root, "data");
  PIPELINE_RETURN_IF_ERROR(
      Take(report::MessageCatalog::Load(fs_, JoinPath(root, "templates/messages.zh-CN.tsv")),
           &res->messages));
  if (options_.kind != JobRequest::Kind::kCatalogue) {
    PIPELINE_RETURN_IF_ERROR(
        LoadSettings(fs_, options_, root, res->messages, &res->settings, &res->office));
    res->provenance.date = options_.date->ToIso();
    res->provenance.authority = options_.authority;
    res->provenance.settings_hash = SettingsHash(res->settings.effective);
  }
  if (options_.kind == JobRequest::Kind::kRender || options_.kind == JobRequest::Kind::kConfig) {
    res_ = std::move(res);
    return Status::Ok();  // render needs only templates, settings and fonts
  }
  PIPELINE_RETURN_IF_ERROR(Take(crosscheck::LoadCatalogue(fs_, data), &res->catalogue));
  if (options_.kind == JobRequest::Kind::kCatalogue) {
    res_ = std::move(res);
    return Status::Ok();
  }
  if (options_.kind == JobRequest::Kind::kRecord) {  // messages and the calendar suffice
    PIPELINE_RETURN_IF_ERROR(Take(report::LoadWorkCalendar(fs_, data), &res->calendar));
    res_ = std::move(res);
    return Status::Ok();
  }
  PIPELINE_RETURN_IF_ERROR(Take(
      ingest::LoadFormLabels(fs_, JoinPath(root, "checklists/form_labels.xml")), &res->labels));
  PIPELINE_RETURN_IF_ERROR(Take(
      extract::LoadNormaliser(fs_, JoinPath(root, "checklists/normalise.xml")), &res->normaliser));
  PIPELINE_RETURN_IF_ERROR(
      Take(completeness::LoadChecklists(fs_, JoinPath(root, "checklists/materials.xml")),
           &res->checklists));
  PIPELINE_RETURN_IF_ERROR(Take(crosscheck::LoadAuthorities(fs_, data), &res->authorities));
  PIPELINE_RETURN_IF_ERROR(
      Take(crosscheck::LoadRules(fs_, JoinPath(root, "checklists/rules.xml")), &res->rules));
  PIPELINE_RETURN_IF_ERROR(Take(report::LoadWorkCalendar(fs_, data), &res->calendar));
  PIPELINE_RETURN_IF_ERROR(LoadLayeredLimits(res->settings, &res->limits));
  PIPELINE_RETURN_IF_ERROR(LoadLayeredRuleSettings(res->settings, res->rules, &res->rule_settings));
  PIPELINE_RETURN_IF_ERROR(
      Take(report::DecisionTable::Load(fs_, JoinPath(root, "templates/decisions.xml")),
           &res->decisions));
  for (const report::DocumentSpec& d : res->decisions.documents()) {
    if (res->office.files.count(d.kind) == 0) {
      return Status::InvalidData("document kind " + d.kind + " has no file name setting",
                                 res->settings.layers.back().path);
    }
  }
  PIPELINE_RETURN_IF_ERROR(
      Take(crosscheck::LoadBusinessTerms(fs_, JoinPath(root, "checklists/business_terms.xml")),
           &res->business_terms));
  if (!options_.credit_list.empty()) res->rule_settings.credit_list = options_.credit_list;
  if (!res->rule_settings.credit_list.empty()) {
    Result<crosscheck::CreditList> list = crosscheck::LoadCreditList(
        fs_, res->rule_settings.credit_list, res->rules.credit_list_columns());
    if (!list) return list.error();
    if (!list->typed()) {
      res->provenance.credit_list_untyped = BaseName(list->file());
      reporter_.Warning(res->messages.Format("warning.credit_list_untyped",
                                             {{"file", res->provenance.credit_list_untyped}}));
    }
    res->credit_list = std::move(*list);
  }
  if (options_.kind == JobRequest::Kind::kRun || options_.kind == JobRequest::Kind::kWatch) {
    PIPELINE_RETURN_IF_ERROR(
        Take(report::MessageCatalog::Load(fs_, JoinPath(root, "templates/run.zh-CN.tsv")),
             &res->run_labels));
    PIPELINE_RETURN_IF_ERROR(
        Take(fs_.ReadFile(JoinPath(root, "templates/index.css"), FileSystem::kDefaultMaxRead),
             &res->index_css));
  }
  if (options_.authority && res->authorities.FindCode(*options_.authority) == nullptr) {
    return Status::InvalidArgument("--authority: unknown code '" + *options_.authority +
                                   "' (see data/jilin_authorities.tsv)");
  }
  if (!res->calendar.Covers(*options_.date)) {
    reporter_.Warning("data/holidays_cn.tsv does not cover " + options_.date->ToIso() +
                      "; a correction deadline it cannot count is left blank");
  }
  res_ = std::move(res);
  return Status::Ok();
}

ExitCode Job::Run(Status* error) {
  if (Status s = LoadResources(); !s.ok()) {
    *error = s;
    return ExitCode::kError;
  }
  switch (options_.kind) {
    case JobRequest::Kind::kRun:
      return RunIntake(error);
    case JobRequest::Kind::kWatch:
      return Watch(error);
    case JobRequest::Kind::kCheck:
      return CheckOne(error);
    case JobRequest::Kind::kCatalogue:
      return Catalogue(error);
    case JobRequest::Kind::kRender:
      return Render(error);
    case JobRequest::Kind::kConfig:
      return ShowConfig();
    case JobRequest::Kind::kRecord:
      break;
  }
  assert(options_.record);
  bool problems = false;  // e.g. archive verify found missing/altered/unregistered files
  *error = options_.record(Services(), &problems);
  if (!error->ok()) return ExitCode::kError;
  return problems ? ExitCode::kBlockingFindings : ExitCode::kOk;
}

JobServices Job::Services() const {
  return JobServices{fs_, res_->messages, res_->calendar, res_->data_dir, out_};
}

// The case registry chosen for run or watch (docs/user-guide.md "Case registry"); nullptr when
// none.
Result<std::unique_ptr<registry::RunRecorder>> Job::OpenRecorder() const {
  if (!options_.open_recorder) return std::unique_ptr<registry::RunRecorder>();
  return options_.open_recorder(Services(), *options_.date);
}

// The ledger (台账.xlsx) beside the cases: over the registry when one is in use.
// REQUIRES: the request binds open_ledger (run and watch write a ledger).
Result<std::unique_ptr<evaluation::RunLedger>> Job::OpenLedger() const {
  assert(options_.open_ledger);
  return options_.open_ledger(Services(), *options_.date);
}

// The stage order for one intake entry. Never fails: problems with the dossier are findings.
Job::CaseOutcome Job::Process(const ingest::IntakeEntry& entry) const {
  const JobResources& res = *res_;
  // 1. ingest: folder -> Dossier (files, health, parsed form)
  model::Dossier dossier = ingest::LoadDossier(fs_, entry, res.labels, res.limits);
  // An intake entry that is not a folder is no dossier at all, and a folder without a usable
  // form (ingest reports ING-010..013) has no application to judge: for those, the later
  // stages would only repeat what ingest said, so they are skipped.
  const bool is_folder = entry.type == EntryType::kDirectory || ingest::IsArchiveDossier(entry);
  const bool has_form = dossier.form.has_value() && !dossier.form->cells.empty();
  // 2. extract: form -> typed Application and requested occupations
  model::Extraction extraction;
  if (has_form) extraction = extract::Extract(dossier, res.normaliser);
  // 3. completeness: Dossier x checklist(kind, type) -> materials (without a form: against the
  // fallback checklist, which the finding names).
  completeness::CompletenessResult completeness;
  if (is_folder) {
    std::vector<model::ChangedElement> changed;
    for (const model::ChangeItem& c : extraction.application.changes) changed.push_back(c.element);
    completeness =
        completeness::Check(dossier, extraction.application.kind.value,
                            extraction.application.applicant_type.value, res.checklists, changed);
  }
  // 4. crosscheck: catalogue, jurisdiction (Art. 4), conditions (Art. 6, 8, 9)
  crosscheck::Context ctx;
  ctx.catalogue = &res.catalogue;
  ctx.authorities = &res.authorities;
  ctx.rules = &res.rules;
  ctx.today = *options_.date;
  ctx.office_authority_code = options_.authority;
  ctx.settings = &res.rule_settings;
  ctx.credit_list = res.credit_list ? &*res.credit_list : nullptr;
  ctx.business_terms = &res.business_terms;
  crosscheck::CrosscheckResult cross;
  if (has_form) cross = crosscheck::Check(extraction, dossier, ctx, &completeness.materials);
  std::vector<model::PendingCheck> pending = WordPendingChecks(cross.pending, res.messages);

  // 5. report: one CaseReport with every finding, its JSON, and which document to draft.
  CaseOutcome out;
  out.not_a_dossier = !is_folder;
  out.not_eligible = cross.not_eligible;
  out.report = AssembleReport(entry, std::move(dossier), std::move(extraction),
                              std::move(completeness), std::move(cross));
  out.report.pending_checks = std::move(pending);
  Describe(out, is_folder);
  return out;
}

void Job::Describe(CaseOutcome& out, bool is_folder) const {
  const JobResources& res = *res_;
  out.report.documents.clear();
  // Which drafts the case gets: the decision table (templates/decisions.xml).
  out.drafts = res.decisions.DocumentsFor(report::FactsOf(out.report, is_folder));
  for (const report::DocumentSpec* d : out.drafts) {
    out.report.documents.push_back({d->kind, d->title, res.office.files.at(d->kind), d->official});
  }
  out.json = report::ToJson(out.report, res.messages);
  crosscheck::AppendRuleDefaultsJson(res.rules, res.rule_settings, out.json);
  report::AddProvenance(res.provenance, out.json);
}

// What the registry knows about the dossier (the filed record, the registry's expiry, an
// earlier termination) joins the report as findings before anything is drafted.
Status Job::CheckAgainstRegistry(registry::RunRecorder& recorder, CaseOutcome& c) const {
  Result<registry::RecordCheck> check = recorder.Check(c.report);
  if (!check) return check.error().WithContext(c.report.dossier);
  if (check->findings.empty() && check->comparison.empty() && !check->valid_until) {
    return Status::Ok();
  }
  registry::ApplyRecordCheck(*check, &c.report);
  c.report.conclusion = Conclude(c.report, c.not_eligible);
  Describe(c, /*is_folder=*/true);
  c.json["registry_check"] = registry::RecordCheckJson(*check);
  return Status::Ok();
}

Status Job::EnsureRenderer() {
  if (res_->renderer) return Status::Ok();
  render::RendererOptions ro = render::RendererOptions::Defaults(res_->data_dir);
  ro.fonts_path = FontsPath(options_, res_->settings, res_->data_dir);
  Result<std::unique_ptr<render::DocumentRenderer>> r = render::DocumentRenderer::Create(fs_, ro);
  if (!r) return r.error();
  res_->renderer = std::move(*r);
  return Status::Ok();
}

// The worksheet's `fonts`: the title and body fonts the drafts are drawn in, each marked when
// it is a shipped stand-in (render/doc/font_guard.h).
Status Job::AddDraftFonts(nlohmann::json& document) const {
  Result<std::vector<render::RoleFont>> fonts = render::DocumentFonts(
      fs_, res_->data_dir, FontsPath(options_, res_->settings, res_->data_dir));
  if (!fonts) return fonts.error();
  for (const render::RoleFont& f : *fonts) {
    document["fonts"].push_back({{"role", f.role}, {"file", f.file}, {"stand_in", f.stand_in}});
  }
  if (!res_->office.allow_fallback_fonts) document["fallback_fonts_refused"] = true;
  return Status::Ok();
}

// Renders one of the case's drafts; returns the PDF bytes.
Result<std::string> Job::DraftPdf(CaseOutcome& c, const report::DocumentSpec& spec) {
  PIPELINE_RETURN_IF_ERROR(EnsureRenderer());
  std::string office_name;
  if (options_.authority) {
    if (const auto* a = res_->authorities.FindCode(*options_.authority)) office_name = a->authority;
  }
  // The template reads the case's JSON plus `document`: added for this draft and taken out
  // again, rather than copying the whole report per draft.
  c.json["document"] =
      report::DocumentObject(c.report, spec, res_->office, res_->calendar, *options_.date,
                             office_name, res_->messages, options_.authority.value_or(""));
  if (spec.kind == "worksheet") PIPELINE_RETURN_IF_ERROR(AddDraftFonts(c.json["document"]));
  // A termination notice drafted for a 市（州） office is 抄送 to the province, which issued the
  // filing's 备案通知 (the name from data/jilin_authorities.tsv).
  const std::string drafted_for = options_.authority.value_or(c.report.jurisdiction.code);
  if (spec.kind == "termination_notice" && !drafted_for.empty() &&
      drafted_for != model::kProvinceAuthority) {
    if (const auto* province = res_->authorities.FindCode(model::kProvinceAuthority)) {
      report::AddCopyTo(c.json["document"], province->authority, res_->messages);
    }
  }
  std::string tmpl = render::ResolveTemplatePath(res_->data_dir, spec.tmpl);
  Result<std::string> pdf = res_->renderer->Render(tmpl, c.json, *options_.date);
  // What a letter to the applicant or the 初评意见 was drawn from (the case's JSON with its
  // document) is kept for the registry.
  if (pdf && registry::KeptByRun(spec.kind)) c.letters.push_back(c.json);
  c.json.erase("document");
  return pdf;
}

// Renders and writes every draft of the case into `case_dir` (a fresh staging folder, swapped
// in whole afterwards, so no draft of an earlier outcome survives). A draft that cannot be
// rendered is returned as `failed` (the others are still written); an unwritable folder is the
// returned error.
Status Job::WriteDrafts(CaseOutcome& c, const std::string& case_dir, Status* failed) {
  std::set<char32_t> missing;  // characters drawn as 〓 in any of the drafts
  for (const report::DocumentSpec* spec : c.drafts) {
    const std::string path = JoinPath(case_dir, res_->office.files.at(spec->kind));
    Result<std::string> pdf = DraftPdf(c, *spec);
    if (!pdf) {
      if (failed->ok()) *failed = pdf.error().WithContext(c.report.dossier);
      c.report.draft_failure = failed->ToString();
      continue;
    }
    const std::set<char32_t>& here = res_->renderer->last_missing_characters();
    missing.insert(here.begin(), here.end());
    PIPELINE_RETURN_IF_ERROR(fs_.WriteFile(path, *pdf));
  }
  NoteMissingGlyphs(c, missing);
  return Status::Ok();
}

// Characters drawn as 〓 become one review finding (REN-001) naming their code points, added
// to the report and report.json after drafting. It does not change the conclusion or the
// drafts already decided: it asks a person to compare the draft with the applicant's text.
void Job::NoteMissingGlyphs(CaseOutcome& c, const std::set<char32_t>& missing) const {
  if (missing.empty()) return;
  std::string chars;
  for (char32_t cp : missing) {
    char code[16];
    std::snprintf(code, sizeof(code), "U+%04X", static_cast<unsigned>(cp));
    chars += (chars.empty() ? "" : ", ") + std::string(code);
  }
  model::Finding f;
  f.rule_id = "REN-001";
  f.severity = model::Severity::kReview;
  f.topic = model::Topic::kForm;
  f.message = "render.glyph_missing";
  f.args = {{"characters", chars}};
  c.report.findings.push_back(std::move(f));
  SortFindings(c.report.findings);
  c.json["findings"] = report::ToJson(c.report, res_->messages)["findings"];
}

// In a worker process (service::WorkerPool): the stages for one intake entry, and its drafts
// written into the staging folder `dir`. The drafts come before report.json: drawing them may
// add a finding (REN-001).
Result<service::CaseResult> Job::Work(const ingest::IntakeEntry& entry, const std::string& dir) {
  CaseOutcome c = Process(entry);
  if (options_.kind == JobRequest::Kind::kCheck) {  // the report only: no drafts, no registry
    service::CaseResult r;
    r.report = std::move(c.report);
    r.report_json = report::ToJsonText(c.json);
    return r;
  }
  bool prepare_registry = false;
  // The registry records folders and archive dossiers (their files hashed and kept by path,
  // an archive's by entry name).
  if (res_->registry_chosen &&
      (entry.type == EntryType::kDirectory || ingest::IsArchiveDossier(entry))) {
    // The worker's own connection (none may cross fork(): workers are forked before the
    // parent opens its own, and a replacement worker never touches the parent's). The check
    // reads only what run never changes (filed records, terminations, open cases' dates), so
    // it does not depend on which dossiers the parent has recorded yet.
    if (!res_->worker_recorder) {
      Result<std::unique_ptr<registry::RunRecorder>> own = OpenRecorder();
      if (!own) return own.error();
      res_->worker_recorder = std::move(*own);
    }
    PIPELINE_RETURN_IF_ERROR(CheckAgainstRegistry(*res_->worker_recorder, c));  // fatal
    prepare_registry = true;
  }
  if (options_.no_pdf) {  // nothing drafted: report.json lists no documents
    c.drafts.clear();
    c.report.documents.clear();
    c.json["documents"] = nlohmann::json::array();
  }
  // The font or layout configuration is broken: no document can be drafted (fatal).
  if (!c.drafts.empty()) PIPELINE_RETURN_IF_ERROR(EnsureRenderer());
  service::CaseResult r;
  Status failed;  // a draft that could not be drawn: in c.report.draft_failure
  if (Status s = WriteDrafts(c, dir, &failed); !s.ok()) r.failed = s.ToString();
  if (prepare_registry) {  // after the drafts: they may add a finding the receipt does not show
    if (!options_.no_pdf) {
      PIPELINE_RETURN_IF_ERROR(EnsureRenderer());  // fatal, as for the drafts
      res_->worker_recorder->UseRenderer(res_->renderer.get());
    }
    Result<registry::PreparedRecord> prepared =
        res_->worker_recorder->Prepare(c.report, entry.path);
    if (!prepared) return prepared.error();  // fatal, as the parent's recording would be
    r.prepared = std::move(*prepared);
  }
  r.report = std::move(c.report);
  r.report_json = report::ToJsonText(c.json);
  if (!c.letters.empty()) r.letters = c.letters.dump();
  return r;
}

// In the parent, in intake order: the registry (when one is chosen) and report.json.
Status Job::Finish(const ingest::IntakeEntry& entry, service::CaseResult& r,
                   const std::string& staged_dir, bool* fatal) {
  if (!r.report.draft_failure.empty()) reporter_.Warning(r.report.draft_failure);
  // A folder, or a dossier sent as one archive (its files hashed from the archive's entries).
  const bool dossier = entry.type == EntryType::kDirectory || ingest::IsArchiveDossier(entry);
  if (res_->recorder && dossier && r.died.empty()) {
    nlohmann::json registry;
    if (Status s = res_->recorder->Record(r.report, entry.path, &registry, reporter_, r.letters,
                                          &r.prepared);
        !s.ok()) {
      *fatal = true;  // the registry is unusable: stop before writing a report it does not know
      return s;
    }
    if (!registry.is_null()) report::InsertMemberText(&r.report_json, "registry", registry);
    if (registry.is_object()) r.report.case_number = registry.value("case", std::string());
    if (!r.report.case_number.empty()) {  // the case number, beside the fingerprint case_id
      report::InsertMemberText(&r.report_json, "case_number", r.report.case_number);
    }
  }
  return fs_.WriteFile(JoinPath(staged_dir, "report.json"), r.report_json);
}

// The report of a dossier whose worker died: one review finding (SVC-001) saying it could not
// be processed and why; no drafts, nothing registered.
void Job::DiedReport(const ingest::IntakeEntry& entry, service::CaseResult* r) {
  model::CaseReport rep;
  rep.dossier = entry.display_name;
  rep.case_id = report::CaseIdFor(entry.name);
  model::Finding f;
  f.rule_id = "SVC-001";
  f.severity = model::Severity::kReview;
  f.topic = model::Topic::kIntake;
  f.message = "service.worker_died";
  f.args = {{"reason", r->died}};
  rep.findings.push_back(std::move(f));
  rep.conclusion = model::Conclusion::kReviewNeeded;
  rep.draft_failure = entry.display_name + ": could not be processed: worker " + r->died;
  nlohmann::json j = report::ToJson(rep, res_->messages);
  j["not_processed"] = {{"reason", r->died}};
  r->report_json = report::ToJsonText(j);
  r->report = std::move(rep);
}

// OUT/<case number or fingerprint>-<institution> (docs/user-guide.md "Output folder").
std::string Job::FolderName(const ingest::IntakeEntry& entry, const service::CaseResult& r) {
  const model::CaseReport& rep = r.report;
  return report::CaseFolderName(rep.case_number.empty() ? rep.case_id : rep.case_number,
                                rep.application.institution_name.value, entry.display_name,
                                res_->limits.max_name_chars);
}

// `beian config`: the effective settings and where each value comes from.
ExitCode Job::ShowConfig() {
  const LayeredSettings& s = res_->settings;
  if (options_.json) {
    nlohmann::json origin = nlohmann::json::object();
    for (const auto& [pointer, path] : s.origin) origin[pointer] = path;
    nlohmann::json files = nlohmann::json::array();
    for (const auto& layer : s.layers) files.push_back(layer.path);
    nlohmann::json warnings = nlohmann::json::array();
    if (std::string w = FallbackFontsWarning(); !w.empty()) warnings.push_back(w);
    out_ << report::ToJsonText({{"files", files},
                                {"settings", s.effective},
                                {"origin", origin},
                                {"settings_hash", res_->provenance.settings_hash},
                                {"warnings", warnings}});
    return ExitCode::kOk;
  }
  out_ << "# settings files, lowest precedence first:\n";
  for (const auto& layer : s.layers) out_ << "#   " << layer.path << "\n";
  out_ << "# settings_hash: " << res_->provenance.settings_hash << "\n";
  out_ << DescribeSettings(s);
  if (std::string w = FallbackFontsWarning(); !w.empty()) out_ << "# " << w << "\n";
  return ExitCode::kOk;
}

// `beian config`'s warning while the body or title font is a shipped stand-in and the office
// has not set allow_fallback_fonts (render/doc/font_guard.h); empty otherwise. A font
// configuration that cannot be read is the warning itself.
std::string Job::FallbackFontsWarning() const {
  if (res_->office.allow_fallback_fonts) return "";
  Result<std::vector<render::RoleFont>> fonts = render::DocumentFonts(
      fs_, res_->data_dir, FontsPath(options_, res_->settings, res_->data_dir));
  if (!fonts) return fonts.error().ToString();
  const std::string roles = render::StandInRoles(*fonts, res_->messages.Format("fonts.role_file"),
                                                 res_->messages.Format("format.list_separator"));
  return roles.empty() ? "" : res_->messages.Format("config.fallback_fonts", {{"fonts", roles}});
}

// `beian check` processes its dossier in a worker process, as run does: a reader that dies on
// a file costs only that file (the worker runs again with it unreadable); a worker that dies
// otherwise leaves the SVC-001 report.
ExitCode Job::CheckOne(Status* error) {
  Result<DirEntry> st = fs_.Stat(options_.dossier_dir);
  if (!st) {
    *error = st.error();
    return ExitCode::kError;
  }
  ingest::IntakeEntry entry;
  entry.path = options_.dossier_dir;
  entry.name = BaseName(options_.dossier_dir);
  entry.type = st->type;
  entry.display_name = ingest::DossierDisplayName(entry.name, entry.type);
  Result<service::CaseResult> r = CheckInWorker(entry);
  if (!r) {
    *error = r.error();
    return ExitCode::kError;
  }
  const bool died = !r->died.empty();
  if (died) DiedReport(entry, &*r);
  if (options_.json) {
    out_ << r->report_json;
  } else if (options_.check_text) {
    out_ << options_.check_text(r->report, res_->messages);
  } else {
    out_ << report::SummaryTable({r->report}, res_->messages);
  }
  if (died) return ExitCode::kError;
  return model::HasSeverity(r->report.findings, model::Severity::kBlocking)
             ? ExitCode::kBlockingFindings
             : ExitCode::kOk;
}

// One worker for `entry`, its staging folder a temporary one (check writes no drafts).
Result<service::CaseResult> Job::CheckInWorker(const ingest::IntakeEntry& entry) {
  const char* tmp = std::getenv("TMPDIR");
  std::string staging =
      std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/beian-check-XXXXXX";
  if (::mkdtemp(staging.data()) == nullptr) return Status::IoError(std::strerror(errno), staging);
  service::CaseResult result;
  Result<std::size_t> n = 0;
  {
    service::WorkerPool pool(*this, 1, staging, options_.timeout);
    n = pool.Run(
        {entry},
        [&](std::size_t, service::CaseResult& r, const std::string&) {
          result = std::move(r);
          return Status::Ok();
        },
        nullptr);
  }
  (void)RemoveTree(staging);
  if (!n) return n.error();
  return result;
}

ExitCode Job::Catalogue(Status* /*error*/) {
  std::vector<model::CatalogueMatch> matches = res_->catalogue.Lookup(options_.query, 20);
  if (matches.empty()) {
    out_ << res_->messages.Format("catalogue.no_match", {{"query", options_.query}}) << "\n";
    return ExitCode::kBlockingFindings;  // no match: like grep, non-zero but not an error
  }
  out_ << report::CatalogueListing(matches, res_->messages);
  return ExitCode::kOk;
}

ExitCode Job::Render(Status* error) {
  render::RenderCommandOptions ro;
  ro.template_path = options_.template_path;
  ro.data_files = options_.data_files;
  ro.out = options_.out_path;
  ro.batch = options_.batch;
  ro.fonts_path = FontsPath(options_, res_->settings, res_->data_dir);
  ro.data_dir = res_->data_dir;
  ro.date = *options_.date;
  Status s = render::RunRenderCommand(fs_, ro);
  if (!s.ok()) {
    *error = s;
    return ExitCode::kError;
  }
  return ExitCode::kOk;
}

}  // namespace pipeline
