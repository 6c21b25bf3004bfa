#include "pipeline/registry/run_recorder.h"

#include <algorithm>

#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/registry_file.h"
#include "pipeline/render/doc/render_command.h"
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

// Only a dossier with a valid USCC and a known kind of application is registered.
bool Registrable(const model::CaseReport& report) {
  const model::Application& a = report.application;
  return a.uscc_check == model::CodeCheck::kValid &&
         a.kind.value != model::ApplicationKind::kUnknown;
}

// The folder name a version is recorded under: the dossier's name, or for a dossier sent as
// one archive the archive's file name in the intake (`某学校.zip`), where the workbench finds
// its files again.
std::string RecordedFolder(const model::CaseReport& r, const std::string& dossier_path) {
  if (!ingest::ArchiveFormatOf(dossier_path).empty()) {
    const std::size_t slash = dossier_path.rfind('/');
    return DisplayPath(slash == std::string::npos ? dossier_path : dossier_path.substr(slash + 1));
  }
  return r.dossier;
}

}  // namespace

Result<std::vector<ingest::ArchiveFile>> ArchiveDossierFiles(const FileSystem& fs,
                                                             const std::string& path) {
  const ingest::Limits limits;
  Result<std::string> bytes = fs.ReadFile(path, limits.max_file_bytes);
  if (!bytes) return bytes.error();
  return ingest::ReadArchiveFiles(*bytes, ingest::ArchiveFormatOf(path), path, limits);
}

Result<std::string> DossierContentHash(const FileSystem& fs, const std::string& dir,
                                       std::vector<std::string>* files) {
  Sha256 hash;
  Result<DirEntry> st = fs.Stat(dir);
  if (st && st->type == EntryType::kFile && !ingest::ArchiveFormatOf(dir).empty()) {
    // A dossier sent as one archive: its files as ingest reads them, hashed as a folder's.
    Result<std::vector<ingest::ArchiveFile>> entries = ArchiveDossierFiles(fs, dir);
    if (!entries) return entries.error();
    for (const ingest::ArchiveFile& e : *entries) {
      hash.Update(e.name);
      hash.Update(std::string_view("\0", 1));
      hash.Update(std::to_string(e.bytes.size()) + " " + Sha256Hex(e.bytes) + "\n");
      if (files != nullptr) files->push_back(e.name);
    }
    return hash.HexDigest();
  }
  PIPELINE_RETURN_IF_ERROR(HashTree(fs, dir, "", 0, &hash, files));
  return hash.HexDigest();
}

Result<std::unique_ptr<RunRecorder>> RunRecorder::ForRun(const model::CommandRequest& options,
                                                         FileSystem& fs,
                                                         const report::MessageCatalog& messages,
                                                         const std::string& data_dir) {
  Result<RegistrySettings> settings = LoadRegistrySettings(fs, SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  const std::string file = RegistryFile(options.registry_path, *settings);
  if (file.empty()) return std::unique_ptr<RunRecorder>();
  // `watch` runs SQLite's quick check when it starts (its first batch in this process).
  static bool verified = false;
  const bool verify = options.command == model::Command::kWatch && !verified;
  Result<std::unique_ptr<Registry>> reg = OpenRegistryAt(
      file, messages, *options.date, OpenFor::kWriting, RegistryAccess::kCreate, verify);
  if (!reg) return reg.error();
  verified = verified || verify;
  (*reg)->SetHintOptions(options.registry_path, options.authority.value_or(""));
  (*reg)->SetReopen(options.reopen);
  Actor actor{ActingUser(options.user, *settings), *options.date};
  std::unique_ptr<RunRecorder> r(
      new RunRecorder(std::move(*reg), fs, std::move(actor), options.authority, messages));
  r->data_dir_ = data_dir;
  r->drafts_dir_ = JoinPath(RegistryHome(file), "drafts");
  r->no_pdf_ = options.no_pdf;
  r->fonts_path_ = options.fonts;
  Result<report::OfficeSettings> office =
      report::LoadOfficeSettings(fs, SettingsFilesOf(options, data_dir), &messages);
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

RunRecorder::~RunRecorder() = default;

Result<PreparedRecord> RunRecorder::Prepare(const model::CaseReport& report,
                                            const std::string& dossier_path) {
  PreparedRecord p;
  if (!Registrable(report)) return p;
  Result<std::string> hash = DossierContentHash(fs_, dossier_path, &p.files);
  if (!hash) return hash.error();
  p.content_hash = std::move(*hash);
  p.hashed = true;
  if (no_pdf_) return p;
  DossierFacts facts = FactsOf(report, p.content_hash, authority_);
  facts.folder = RecordedFolder(report, dossier_path);
  Result<RecordOutcome> plan = registry_->PlanRecord(facts);
  if (!plan) return plan.error();
  if (plan->what != RecordOutcome::What::kNewCase &&
      plan->what != RecordOutcome::What::kNewVersion) {
    return p;
  }
  p.receipt_data = ReceiptData(report, plan->version, p.files);
  Result<std::string> pdf = RenderReceipt(p.receipt_data);
  if (!pdf) return pdf.error();
  p.receipt_pdf = std::move(*pdf);
  return p;
}

Status RunRecorder::Record(const model::CaseReport& report, const std::string& dossier_path,
                           nlohmann::json* registry, Reporter& reporter, const std::string& letters,
                           const PreparedRecord* prepared) {
  if (!Registrable(report)) {
    reporter.Warning(report.dossier + ": " + messages_.Format("registry.not_registered"));
    (*registry) = {{"outcome", "not_registered"}};
    return Status::Ok();
  }
  PreparedRecord own;
  if (prepared == nullptr || !prepared->hashed) {
    Result<std::string> hash = DossierContentHash(fs_, dossier_path, &own.files);
    if (!hash) return hash.error();
    own.content_hash = std::move(*hash);
    prepared = &own;
  }
  // The dossier, its receipt and its letter are one transaction (one commit, and no case
  // without its receipt after a crash).
  return registry_->Atomically([&]() {
    return RecordIn(report, RecordedFolder(report, dossier_path), *prepared, registry, reporter,
                    letters);
  });
}

Status RunRecorder::RecordIn(const model::CaseReport& report, const std::string& folder,
                             const PreparedRecord& prepared, nlohmann::json* registry,
                             Reporter& reporter, const std::string& letters) {
  DossierFacts facts = FactsOf(report, prepared.content_hash, authority_);
  facts.folder = folder;
  Result<RecordOutcome> out = registry_->RecordDossier(facts, actor_);
  if (!out) return out.error().WithContext(report.dossier);
  if (out->what == RecordOutcome::What::kRefused) {
    reporter.Warning(report.dossier + ": " + out->refusal);
  }
  if (out->what == RecordOutcome::What::kUnchanged && IsClosed(out->stage)) {
    reporter.Warning(report.dossier + ": " +
                     messages_.Format("registry.warning.ended_case_unchanged",
                                      {{"case", out->case_id}, {"stage", StageName(out->stage)}}));
  }
  for (const std::string& w : registry_->TakeWarnings()) {
    reporter.Warning(report.dossier + ": " + w);
  }
  (*registry) = {{"case", out->case_id},
                 {"version", out->version},
                 {"stage", StageName(out->stage)},
                 {"outcome", RecordOutcomeName(out->what)}};
  if (out->what == RecordOutcome::What::kNewCase || out->what == RecordOutcome::What::kNewVersion) {
    Result<std::string> receipt = DraftReceipt(report, *out, prepared);
    if (!receipt) return receipt.error().WithContext(report.dossier);
    (*registry)["receipt"] = *receipt;
    PIPELINE_RETURN_IF_ERROR(KeepLetters(report, out->case_id, letters, registry));
  }
  return AddFilingFacts(report, registry, reporter);
}

// The letters run drew (补正材料通知书, 受理部门告知书 and 移送函, 不予备案告知书, 终止备案通知)
// and a 初评意见 with points for the group to decide become registry drafts of their kinds
// (document.kind), named in report.json's registry object by kind.
Status RunRecorder::KeepLetters(const model::CaseReport& report, const std::string& case_id,
                                const std::string& letters, nlohmann::json* registry) {
  if (letters.empty()) return Status::Ok();
  nlohmann::json list = nlohmann::json::parse(letters, nullptr, false);
  if (list.is_object()) list = nlohmann::json::array({std::move(list)});
  if (!list.is_array()) return Status::Internal("letters are not an array", report.dossier);
  for (const nlohmann::json& data : list) {
    const std::string kind =
        data.is_object() ? data.value(nlohmann::json::json_pointer("/document/kind"), "") : "";
    if (!KeptByRun(kind)) return Status::Internal("letter without its kind", report.dossier);
    if (!IsRunLetter(kind)) {
      // A 初评意见 is kept when the group has points to decide (its template's choice slots
      // for this data); one beian settled entirely stays a draft in the case folder.
      Result<std::vector<render::ChoiceSlot>> choices =
          TemplateChoiceSlots(fs_, data_dir_, kind, data);
      if (!choices) return choices.error().WithContext(report.dossier);
      if (choices->empty()) continue;
    }
    Result<std::string> id = registry_->CreateDraft(
        kind, authority_.value_or(report.jurisdiction.code), {case_id}, data.dump(), actor_);
    if (!id) return id.error().WithContext(report.dossier);
    (*registry)[kind] = *id;
  }
  return Status::Ok();
}

Result<RecordCheck> RunRecorder::Check(const model::CaseReport& report) {
  const model::Application& a = report.application;
  if (!Registrable(report)) return RecordCheck{};
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

nlohmann::json RunRecorder::ReceiptData(const model::CaseReport& report, int version,
                                        const std::vector<std::string>& files) const {
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
        {"version", version},
        {"files", files},
        {"count", files.size()},
        {"received", FormatDate(actor_.today, date_format_)}}},
      {"document", {{"draft", true}, {"date", FormatDate(actor_.today, date_format_)}}}};
  if (!issuer.empty()) data["document"]["issuer"] = issuer;
  return data;
}

Result<std::string> RunRecorder::RenderReceipt(const nlohmann::json& data) {
  if (shared_renderer_ == nullptr && !renderer_) {
    render::RendererOptions options = render::RendererOptions::Defaults(data_dir_);
    if (!fonts_path_.empty()) options.fonts_path = fonts_path_;
    Result<std::unique_ptr<render::DocumentRenderer>> r =
        render::DocumentRenderer::Create(fs_, options);
    if (!r) return r.error();
    renderer_ = std::move(*r);
  }
  // Drawn from the data as the registry keeps it (its JSON text read back), as `beian reissue`
  // and `beian edit` draw it again later.
  const nlohmann::json stored = nlohmann::json::parse(data.dump());
  render::DocumentRenderer& renderer = shared_renderer_ ? *shared_renderer_ : *renderer_;
  return renderer.Render(render::ResolveTemplatePath(data_dir_, "receipt"), stored, actor_.today);
}

Result<std::string> RunRecorder::DraftReceipt(const model::CaseReport& report,
                                              const RecordOutcome& out,
                                              const PreparedRecord& prepared) {
  const nlohmann::json data = ReceiptData(report, out.version, prepared.files);
  Result<std::string> id = registry_->CreateDraft(
      "receipt", authority_.value_or(report.jurisdiction.code), {out.case_id}, data.dump(), actor_);
  if (!id) return id.error();
  if (no_pdf_) return *id;
  // A worker's receipt is taken when it was drawn from the same data; a new draft has no
  // reviewers' slots yet, so the stored data is exactly `data`.
  const std::string path = DraftFilePath(drafts_dir_, *id, "receipt", messages_);
  if (!prepared.receipt_pdf.empty() && prepared.receipt_data == data) {
    PIPELINE_RETURN_IF_ERROR(fs_.WriteFile(path, prepared.receipt_pdf));
    return *id;
  }
  Result<std::string> drawn = RenderReceipt(data);
  if (!drawn) return drawn.error();
  PIPELINE_RETURN_IF_ERROR(fs_.WriteFile(path, *drawn));
  return *id;
}

// What the registry knows that the form may not say, for report.json's registry object (the
// findings of pipeline/registry/record_check.h carry it to the documents): an earlier
// terminated filing, and for a renewal the real validity and the Art. 9 deadline (three months
// before it ends), rather than the date typed on the form.
Status RunRecorder::AddFilingFacts(const model::CaseReport& report, nlohmann::json* registry,
                                   Reporter& reporter) {
  const std::string& uscc = report.application.unified_credit_code.value;
  Result<bool> terminated = registry_->WasTerminated(uscc);
  if (!terminated) return terminated.error();
  if (*terminated) {
    (*registry)["previously_terminated"] = true;
    reporter.Warning(report.dossier + ": " + messages_.Format("registry.flag.terminated"));
  }
  if (report.application.kind.value != model::ApplicationKind::kRenewal) return Status::Ok();
  Result<std::vector<FilingRecord>> filings = registry_->Filings(uscc);
  if (!filings) return filings.error();
  if (filings->empty()) {
    (*registry)["filing"] = nullptr;  // the finding REG-007 says so
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
  (*registry)["filing"] = {{"filing", f.filing_id},
                           {"valid_until", f.valid_until},
                           {"renewal_deadline", deadline.ToIso()},
                           {"renewal_on_time", received <= deadline}};
  return Status::Ok();
}

}  // namespace pipeline::registry
