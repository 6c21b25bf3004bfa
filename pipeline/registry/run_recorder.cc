#include "pipeline/registry/run_recorder.h"

#include <algorithm>

#include "pipeline/core/sha256.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/sqlite_storage.h"

namespace pipeline::registry {
namespace {

Status HashTree(const FileSystem& fs, const std::string& dir, const std::string& rel,
                int depth, Sha256* hash) {
  if (depth > 16) return Status::Ok();  // deeper than ingest reads; not part of the dossier
  Result<std::vector<DirEntry>> entries = fs.ListDir(dir);
  if (!entries) return entries.error();
  for (const DirEntry& e : *entries) {  // sorted by name
    if (ingest::IsIgnoredName(e.name)) continue;
    const std::string path = JoinPath(dir, e.name);
    const std::string rel_path = rel.empty() ? e.name : rel + "/" + e.name;
    if (e.type == EntryType::kDirectory) {
      PIPELINE_RETURN_IF_ERROR(HashTree(fs, path, rel_path, depth + 1, hash));
    } else if (e.type == EntryType::kFile) {
      Result<std::string> bytes = fs.ReadFile(path);
      std::string content_hash = bytes ? Sha256Hex(*bytes) : "unreadable";
      hash->Update(rel_path);
      hash->Update(std::string_view("\0", 1));
      hash->Update(std::to_string(e.size) + " " + content_hash + "\n");
    }
  }
  return Status::Ok();
}

std::string LevelsCsv(const std::vector<int>& levels) {
  std::string out;
  for (int l : levels) out += (out.empty() ? "" : ",") + std::to_string(l);
  return out;
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
  for (const model::OccupationResult& o : r.occupations) {
    f.occupations.push_back({o.requested.code, o.requested.name, o.requested.work_type,
                             LevelsCsv(o.requested.levels), o.excluded ? "excluded" : "requested",
                             o.exclusion_reason});
  }
  return f;
}

}  // namespace

Result<std::string> DossierContentHash(const FileSystem& fs, const std::string& dir) {
  Sha256 hash;
  PIPELINE_RETURN_IF_ERROR(HashTree(fs, dir, "", 0, &hash));
  return hash.HexDigest();
}

Result<std::unique_ptr<RunRecorder>> RunRecorder::ForRun(const cli::Options& options,
                                                         const FileSystem& fs,
                                                         const report::MessageCatalog& messages,
                                                         const std::string& data_dir) {
  Result<RegistrySettings> settings =
      LoadRegistrySettings(fs, SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  const std::string file = RunRegistryFile(options.registry_path, *settings);
  if (file.empty()) return std::unique_ptr<RunRecorder>();
  Result<std::unique_ptr<SqliteStorage>> db = SqliteStorage::Open(file);
  if (!db) return db.error();
  Result<std::unique_ptr<Registry>> reg = Registry::Open(std::move(*db), messages, *options.date);
  if (!reg) return reg.error();
  Actor actor{ActingUser(options.user, *settings), *options.date};
  return std::unique_ptr<RunRecorder>(
      new RunRecorder(std::move(*reg), fs, std::move(actor), options.authority, messages));
}

Status RunRecorder::Record(const model::CaseReport& report, const std::string& dossier_path,
                           nlohmann::json* json, Reporter& reporter) {
  const model::Application& a = report.application;
  if (a.uscc_check != model::CodeCheck::kValid || a.kind.value == model::ApplicationKind::kUnknown) {
    reporter.Warning(report.dossier + ": " + messages_.Format("registry.not_registered"));
    (*json)["registry"] = {{"outcome", "not_registered"}};
    return Status::Ok();
  }
  Result<std::string> hash = DossierContentHash(fs_, dossier_path);
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
  return Status::Ok();
}

}  // namespace pipeline::registry
