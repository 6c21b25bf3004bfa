#include "pipeline/web/scores.h"

#include "pipeline/evaluation/evaluation.h"
#include "pipeline/evaluation/registry_view.h"
#include "pipeline/evaluation/scoresheet.h"
#include "pipeline/evaluation/standard.h"
#include "pipeline/registry/registry.h"
#include "pipeline/registry/storage.h"
#include "pipeline/report/report_json.h"

namespace pipeline::web {
namespace {

// The case as its scoring sheet was written (evaluation/commands.cc, the scoresheet command):
// the current version's applicant type and the occupations that are not excluded.
Result<evaluation::SheetCase> SheetCaseFor(registry::Registry& reg,
                                           const report::MessageCatalog& messages,
                                           const std::string& case_id) {
  Result<registry::CaseRecord> c = reg.LoadCase(case_id);
  if (!c) return c.error();
  evaluation::SheetCase sc;
  sc.case_id = c->case_id;
  sc.institution = c->institution_name;
  sc.uscc = c->uscc;
  Result<std::vector<registry::Row>> type = reg.storage().Query(
      "SELECT applicant_type FROM dossier_versions WHERE case_id = ? AND version = ?",
      {c->case_id, std::int64_t{c->current_version}});
  if (!type) return type.error();
  if (!type->empty()) {
    sc.applicant_type = model::ApplicantTypeFromName(registry::AsText(type->front()[0]))
                            .value_or(model::ApplicantType::kUnknown);
  }
  Result<std::vector<registry::OccupationFact>> occupations = reg.Occupations(c->case_id);
  if (!occupations) return occupations.error();
  for (const registry::OccupationFact& o : *occupations) {
    if (o.state == "excluded") continue;
    sc.occupations.push_back({o.code, o.name, o.work_type,
                              report::LevelsText(registry::LevelsFromCsv(o.levels), messages)});
  }
  return sc;
}

}  // namespace

Result<nlohmann::json> PreviewScores(const std::string& registry, const std::string& data_dir,
                                     const FileSystem& fs, const report::MessageCatalog& messages,
                                     const std::string& case_id, const std::string& file,
                                     const std::string& bytes, const Date& today) {
  Result<evaluation::Standard> standard =
      evaluation::LoadStandard(fs, JoinPath(data_dir, "checklists/evaluation_standard.xml"));
  if (!standard) return standard.error();
  Result<report::MessageCatalog> wording =
      report::MessageCatalog::Load(fs, JoinPath(data_dir, "templates/evaluation.zh-CN.tsv"));
  if (!wording) return wording.error();
  Result<std::unique_ptr<registry::Registry>> reg =
      evaluation::OpenRegistry(registry, messages, today, /*writing=*/false);
  if (!reg) return reg.error();
  Result<evaluation::SheetCase> sc = SheetCaseFor(**reg, messages, case_id);
  if (!sc) return sc.error();
  Result<evaluation::FilledSheet> filled = evaluation::ReadScoresheet(
      bytes, file.empty() ? "scores.xlsx" : file, *sc, *standard, *wording);
  if (!filled) {
    nlohmann::json errors = nlohmann::json::array();
    const std::string& text = filled.error().message();
    std::size_t at = 0;
    while (at <= text.size()) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) end = text.size();
      const std::size_t start = text.find_first_not_of(' ', at);
      if (start < end) errors.push_back(text.substr(start, end - start));
      at = end + 1;
    }
    return nlohmann::json{{"ok", false}, {"errors", errors}};
  }
  const evaluation::EvaluationResult r =
      evaluation::Evaluate(*filled, *standard, sc->applicant_type);
  return nlohmann::json{{"ok", true}, {"evaluation", evaluation::EvaluationJson(r, *standard)}};
}

}  // namespace pipeline::web
