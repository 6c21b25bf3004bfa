#include "pipeline/registry/run_recorder.h"

#include <algorithm>

#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/sqlite_storage.h"
#include "pipeline/render/doc/template.h"
#include "pipeline/report/document_data.h"

namespace pipeline::registry {
namespace {

Status HashTree(const FileSystem& fs, const std::string& dir, const std::string& rel, int depth,
                Sha256* hash, std::vector<std::string>* files) {
  if (depth > 16) return Status::Ok();  // deeper than ingest reads; not part of the dossier
  Result<std::vector<DirEntry>> entries = fs.ListDir(dir);
  if (!entries) return entries.error();
  for (const DirEntry& e : *entries) {  // sorted by name
    if (ingest::IsIgnoredName(e.name)) continue;
    const std::string path = JoinPath(dir, e.name);
    const std::string rel_path = rel.empty() ? e.name : rel + "/" + e.name;
    if (e.type == EntryType::kDirectory) {
      PIPELINE_RETURN_IF_ERROR(HashTree(fs, path, rel_path, depth + 1, hash, files));
    } else if (e.type == EntryType::kFile) {
      Result<std::string> bytes = fs.ReadFile(path);
      std::string content_hash = bytes ? Sha256Hex(*bytes) : "unreadable";
      hash->Update(rel_path);
      hash->Update(std::string_view("\0", 1));
      hash->Update(std::to_string(e.size) + " " + content_hash + "\n");
      if (files != nullptr) files->push_back(DisplayPath(rel_path));
    }
  }
  return Status::Ok();
}

DossierFacts FactsOf(const model::CaseReport& r, const std::string& hash,
                     const std::optional<std::string>& office_authority) {
  DossierFacts f;
  f.uscc = r.application.unified_credit_code.value;
  f.institution_name = r.application.institution_name.value;
  f.kind = r.application.kind.value;
  f.authority = office_authority.value_or(r.jurisdiction.code);
  f.content_hash = hash;
  f.folder = r.dossier;
  f.report_id = r.case_id;
  f.conclusion = model::ConclusionName(r.conclusion);
  f.applicant_type = model::ApplicantTypeName(r.application.applicant_type.value);
  f.completeness = report::MaterialsComplete(r) ? "complete" : "corrections_needed";
  for (const model::OccupationResult& o : r.occupations) {
    f.occupation_checks.push_back(model::OccupationStatusName(o.status));
  }
  f.elements.registered_address = r.application.registered_address.value;
  f.elements.legal_representative = r.application.legal_representative.value;
  for (const auto& site : r.application.exam_sites) f.elements.exam_sites.push_back(site.value);
  for (const model::OccupationResult& o : r.occupations) {
    f.occupations.push_back({o.requested.code, o.requested.name, o.requested.work_type,
                             LevelsToCsv(o.requested.levels), o.excluded ? "excluded" : "requested",
                             o.exclusion_reason});
  }
  return f;
}

}  // namespace

Result<std::string> DossierContentHash(const FileSystem& fs, const std::string& dir,
                                       std::vector<std::string>* files) {
  Sha256 hash;
  PIPELINE_RETURN_IF_ERROR(HashTree(fs, dir, "", 0, &hash, files));
  return hash.HexDigest();
}

Result<std::unique_ptr<RunRecorder>> RunRecorder::ForRun(const cli::Options& options,
                                                         FileSystem& fs,
                                                         const report::MessageCatalog& messages,
                                                         const std::string& data_dir) {
  Result<RegistrySettings> settings = LoadRegistrySettings(fs, SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  const std::string file = RunRegistryFile(options.registry_path, *settings);
  if (file.empty()) return std::unique_ptr<RunRecorder>();
  Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(file);
  if (!db) return db.error();
  Result<std::unique_ptr<Registry>> reg = Registry::Open(std::move(*db), messages, *options.date);
  if (!reg) return reg.error();
  Actor actor{ActingUser(options.user, *settings), *options.date};
  std::unique_ptr<RunRecorder> r(
      new RunRecorder(std::move(*reg), fs, std::move(actor), options.authority, messages));
  r->data_dir_ = data_dir;
  r->drafts_dir_ = JoinPath(DirName(file).empty() ? "." : DirName(file), "drafts");
  r->no_pdf_ = options.no_pdf;
  r->fonts_path_ = options.fonts;
  Result<report::OfficeSettings> office =
      report::LoadOfficeSettings(fs, SettingsFilesOf(options, data_dir));
  if (!office) return office.error();
  r->date_format_ = office->date_format;
  if (options.authority) {
    Result<crosscheck::Authorities> auth =
        crosscheck::LoadAuthorities(fs, JoinPath(data_dir, "data"));
    if (!auth) return auth.error();
    if (const auto* a = auth->FindCode(*options.authority); a != nullptr && !a->to_confirm) {
      r->issuer_ = a->authority;
    }
  }
  return r;
}

Status RunRecorder::Record(const model::CaseReport& report, const std::string& dossier_path,
                           nlohmann::json* json, Reporter& reporter,
                           const nlohmann::json& correction_notice) {
  const model::Application& a = report.application;
  if (a.uscc_check != model::CodeCheck::kValid ||
      a.kind.value == model::ApplicationKind::kUnknown) {
    reporter.Warning(report.dossier + ": " + messages_.Format("registry.not_registered"));
    (*json)["registry"] = {{"outcome", "not_registered"}};
    return Status::Ok();
  }
  std::vector<std::string> files;
  Result<std::string> hash = DossierContentHash(fs_, dossier_path, &files);
  if (!hash) return hash.error();
  Result<RecordOutcome> out = registry_->RecordDossier(FactsOf(report, *hash, authority_), actor_);
  if (!out) return out.error().WithContext(report.dossier);
  if (out->what == RecordOutcome::What::kRefused) {
    reporter.Warning(report.dossier + ": " + out->refusal);
  }
  (*json)["registry"] = {{"case", out->case_id},
                         {"version", out->version},
                         {"stage", StageName(out->stage)},
                         {"outcome", RecordOutcomeName(out->what)}};
  if (out->what == RecordOutcome::What::kNewCase || out->what == RecordOutcome::What::kNewVersion) {
    Result<std::string> receipt = DraftReceipt(report, *out, files);
    if (!receipt) return receipt.error().WithContext(report.dossier);
    (*json)["registry"]["receipt"] = *receipt;
    if (!correction_notice.is_null()) {
      Result<std::string> notice =
          registry_->CreateDraft("correction_notice", authority_.value_or(report.jurisdiction.code),
                                 {out->case_id}, correction_notice.dump(), actor_);
      if (!notice) return notice.error().WithContext(report.dossier);
      (*json)["registry"]["correction_notice"] = *notice;
    }
  }
  return AddFilingFacts(report, json, reporter);
}

Result<RecordCheck> RunRecorder::Check(const model::CaseReport& report) {
  const model::Application& a = report.application;
  if (a.uscc_check != model::CodeCheck::kValid ||
      a.kind.value == model::ApplicationKind::kUnknown) {
    return RecordCheck{};
  }
  const std::string& uscc = a.unified_credit_code.value;
  RegistryFacts facts;
  Result<std::optional<FiledRecord>> record = registry_->ActiveRecord(uscc);
  if (!record) return record.error();
  facts.record = std::move(*record);
  Result<bool> terminated = registry_->WasTerminated(uscc);
  if (!terminated) return terminated.error();
  facts.terminated = *terminated;
  // Received: when the open case of this application was opened (a 补正 resubmission keeps
  // the first receipt), else today, when this run registers it.
  Result<std::optional<std::string>> opened = registry_->OpenCaseOpenedOn(uscc, a.kind.value);
  if (!opened) return opened.error();
  facts.received = actor_.today;
  if (*opened) facts.received = ParseIsoDate(**opened).value_or(actor_.today);
  return CheckAgainstRegistry(report, facts, messages_);
}

Result<std::string> RunRecorder::DraftReceipt(const model::CaseReport& report,
                                              const RecordOutcome& out,
                                              const std::vector<std::string>& files) {
  std::string issuer = issuer_;
  if (issuer.empty() && !report.jurisdiction.authority_to_confirm) {
    issuer = report.jurisdiction.authority;
  }
  nlohmann::json data = {
      {"entries", nlohmann::json::array(
                      {{{"institution", report.application.institution_name.value},
                        {"uscc", report.application.unified_credit_code.value},
                        {"kind", model::ApplicationKindName(report.application.kind.value)}}})},
      {"receipt",
       {{"folder", report.dossier},
        {"version", out.version},
        {"files", files},
        {"count", files.size()}}},
      {"document", {{"draft", true}, {"date", render::FormatDate(actor_.today, date_format_)}}}};
  if (!issuer.empty()) data["document"]["issuer"] = issuer;
  Result<std::string> id = registry_->CreateDraft(
      "receipt", authority_.value_or(report.jurisdiction.code), {out.case_id}, data.dump(), actor_);
  if (!id) return id.error();
  if (!no_pdf_) {
    Result<std::string> path = RenderDraftFile(*registry_, fs_, messages_, data_dir_, *id,
                                               actor_.today, drafts_dir_, fonts_path_);
    if (!path) return path.error();
  }
  return *id;
}

// What the registry knows that the form may not say, for report.json's registry object (the
// findings of pipeline/registry/record_check.h carry it to the documents): an earlier
// terminated filing, and for a renewal the real validity and the Art. 9 deadline (three months
// before it ends), rather than the date typed on the form.
Status RunRecorder::AddFilingFacts(const model::CaseReport& report, nlohmann::json* json,
                                   Reporter& reporter) {
  const std::string& uscc = report.application.unified_credit_code.value;
  Result<bool> terminated = registry_->WasTerminated(uscc);
  if (!terminated) return terminated.error();
  if (*terminated) {
    (*json)["registry"]["previously_terminated"] = true;
    reporter.Warning(report.dossier + ": " + messages_.Format("registry.flag.terminated"));
  }
  if (report.application.kind.value != model::ApplicationKind::kRenewal) return Status::Ok();
  Result<std::vector<FilingRecord>> filings = registry_->Filings(uscc);
  if (!filings) return filings.error();
  if (filings->empty()) {
    (*json)["registry"]["filing"] = nullptr;  // the finding REG-007 says so
    return Status::Ok();
  }
  // The same dates as the finding REG-004/REG-005 (pipeline/registry/record_check.h): the
  // application counts as made when its case was opened.
  const FilingRecord& f = filings->front();
  std::optional<Date> until = ParseIsoDate(f.valid_until);
  if (!until) return Status::InvalidData("bad validity date in the registry", f.filing_id);
  Result<std::optional<std::string>> opened =
      registry_->OpenCaseOpenedOn(uscc, model::ApplicationKind::kRenewal);
  if (!opened) return opened.error();
  const Date received = *opened ? ParseIsoDate(**opened).value_or(actor_.today) : actor_.today;
  const Date deadline = until->AddMonths(-3);
  (*json)["registry"]["filing"] = {{"filing", f.filing_id},
                                   {"valid_until", f.valid_until},
                                   {"renewal_deadline", deadline.ToIso()},
                                   {"renewal_on_time", received <= deadline}};
  return Status::Ok();
}

}  // namespace pipeline::registry
