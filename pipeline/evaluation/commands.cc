#include "pipeline/evaluation/commands.h"

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/evaluation/evaluation.h"
#include "pipeline/evaluation/ledger.h"
#include "pipeline/evaluation/registry_view.h"
#include "pipeline/evaluation/scoresheet.h"
#include "pipeline/evaluation/standard.h"
#include "pipeline/registry/commands.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/registry.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/render/doc/render_command.h"
#include "pipeline/render/doc/template.h"
#include "pipeline/report/document_data.h"
#include "pipeline/report/report_json.h"

namespace pipeline::evaluation {
namespace {

using nlohmann::json;
using registry::CaseRecord;
using registry::Stage;

// Everything the commands share, loaded once.
struct Env {
  const model::CommandRequest& options;
  FileSystem& fs;
  const report::MessageCatalog& messages;
  std::string data_dir;
  report::MessageCatalog wording;
  Standard standard;
  report::OfficeSettings office;
  crosscheck::Authorities authorities;
  std::unique_ptr<registry::Registry> registry;
  registry::Actor actor;
  std::string registry_file;
  std::ostream& out;
};

template <typename T>
Status Take(Result<T> r, T* out) {
  if (!r) return r.error();
  *out = std::move(*r);
  return Status::Ok();
}

Result<std::unique_ptr<Env>> OpenEnv(const model::CommandRequest& o, FileSystem& fs,
                                     const report::MessageCatalog& messages,
                                     const std::string& data_dir, std::ostream& out) {
  Result<registry::RegistrySettings> settings =
      registry::LoadRegistrySettings(fs, registry::SettingsFilesOf(o, data_dir));
  if (!settings) return settings.error();
  Result<crosscheck::Authorities> authorities =
      crosscheck::LoadAuthorities(fs, JoinPath(data_dir, "data"));
  if (!authorities) return authorities.error();
  auto env =
      std::unique_ptr<Env>(new Env{o,
                                   fs,
                                   messages,
                                   data_dir,
                                   {},
                                   {},
                                   {},
                                   std::move(*authorities),
                                   nullptr,
                                   {registry::ActingUser(o.user, *settings), *o.date, o.today},
                                   registry::RegistryFile(o.registry_path, *settings),
                                   out});
  PIPELINE_RETURN_IF_ERROR(
      Take(report::MessageCatalog::Load(fs, JoinPath(data_dir, "templates/evaluation.zh-CN.tsv")),
           &env->wording));
  PIPELINE_RETURN_IF_ERROR(Take(
      LoadStandard(fs, JoinPath(data_dir, "checklists/evaluation_standard.xml")), &env->standard));
  PIPELINE_RETURN_IF_ERROR(
      Take(report::LoadOfficeSettings(fs, registry::SettingsFilesOf(o, data_dir), &messages),
           &env->office));
  Result<std::unique_ptr<registry::Registry>> reg =
      OpenRegistry(env->registry_file, messages, *o.date);
  if (!reg) return reg.error();
  (*reg)->SetHintOptions(o.registry_path, o.authority.value_or(""));
  env->registry = std::move(*reg);
  return env;
}

// After a recorded decision, the command that comes next for the case (as `decide` prints).
void PrintNextStep(Env& env, const std::string& case_id) {
  Result<CaseRecord> now = env.registry->LoadCase(case_id);
  if (!now) return;
  env.out << env.messages.Format("registry.status.next", {{"next", env.registry->NextStep(*now)}})
          << "\n";
}

// The registry's own refusal of a command in the wrong stage.
Status RefuseUnlessStage(Env& env, const CaseRecord& c, Stage stage, const std::string& command) {
  if (c.stage == stage) return Status::Ok();
  return Status::InvalidArgument(
      env.messages.Format("registry.refused.wrong_stage", {{"case", c.case_id},
                                                           {"stage", registry::StageName(c.stage)},
                                                           {"command", command},
                                                           {"next", env.registry->NextStep(c)}}));
}

Result<registry::Decision> ParseResult(const Env& env, const std::string& text) {
  if (text == "pass" || text == env.wording.Format("result.pass")) return registry::Decision::kPass;
  if (text == "fail" || text == env.wording.Format("result.fail")) return registry::Decision::kFail;
  return Status::InvalidArgument(env.wording.Format("result.bad", {{"result", text}}));
}

std::string ResultText(const Env& env, registry::Decision d) {
  return env.wording.Format(d == registry::Decision::kPass ? "result.pass" : "result.fail");
}

Result<SheetCase> SheetCaseOf(Env& env, const CaseRecord& c) {
  SheetCase sc;
  sc.case_id = c.case_id;
  sc.institution = c.institution_name;
  sc.uscc = c.uscc;
  sc.kind_text = WordOr(env.messages, std::string("kind.") + model::ApplicationKindName(c.kind),
                        model::ApplicationKindName(c.kind));
  Result<std::vector<registry::Row>> type = env.registry->storage().Query(
      "SELECT applicant_type FROM dossier_versions WHERE case_id = ? AND version = ?",
      {c.case_id, std::int64_t{c.current_version}});
  if (!type) return type.error();
  if (!type->empty()) {
    sc.applicant_type = model::ApplicantTypeFromName(registry::AsText(type->front()[0]))
                            .value_or(model::ApplicantType::kUnknown);
  }
  Result<std::vector<registry::OccupationFact>> occ = env.registry->Occupations(c.case_id);
  if (!occ) return occ.error();
  for (const registry::OccupationFact& o : *occ) {
    if (o.state == "excluded") continue;  // an excluded occupation is not evaluated
    sc.occupations.push_back({o.code, o.name, o.work_type,
                              report::LevelsText(registry::LevelsFromCsv(o.levels), env.messages)});
  }
  return sc;
}

std::string DateText(const Env& env, const std::string& iso_or_text) {
  std::optional<Date> d = ParseIsoDate(iso_or_text);
  return d ? FormatDate(*d, env.office.date_format) : iso_or_text;
}

std::string Authority(const Env& env, const CaseRecord& c) {
  return env.options.authority.value_or(c.authority);
}

json DocumentObject(const Env& env, const CaseRecord& c) {
  json d = {{"draft", true},
            {"date", FormatDate(env.actor.today, env.office.date_format)},
            {"expert_group", env.office.expert_group}};
  const crosscheck::AuthorityEntry* a = env.authorities.FindCode(Authority(env, c));
  if (a != nullptr && !a->to_confirm) d["issuer"] = a->authority;
  // The expert group's own document (no 版头, no 发文字号; docs/user-guide.md "Case registry"). The
  // 综合技术 评估意见 goes to the bureau that convened the group (opinion_addressee, else the
  // issuer); the 技术评估意见 is addressed to the evaluated unit (Art. 7(三), in its template).
  if (!env.office.opinion_addressee.empty()) {
    d["addressee"] = env.office.opinion_addressee;
  } else if (d.contains("issuer")) {
    d["addressee"] = d["issuer"];
  }
  return d;
}

// `entries` as the registry's documents have them (beian issue titles the archived copy by it).
json Entries(const SheetCase& sc) {
  return json::array({{{"case", sc.case_id}, {"institution", sc.institution}, {"uscc", sc.uscc}}});
}

json CaseJson(const SheetCase& sc, const Wording& w) {
  return {{"id", sc.case_id},
          {"institution", sc.institution},
          {"uscc", sc.uscc},
          {"kind_text", sc.kind_text},
          {"occupations_text", OccupationsText(sc.occupations, w)}};
}

Result<std::string> Render(Env& env, const std::string& kind, const json& data) {
  render::RendererOptions ro = render::RendererOptions::Defaults(env.data_dir);
  if (!env.options.fonts.empty()) ro.fonts_path = env.options.fonts;
  Result<std::unique_ptr<render::DocumentRenderer>> r =
      render::DocumentRenderer::Create(env.fs, ro);
  if (!r) return r.error();
  return (*r)->Render(render::ResolveTemplatePath(env.data_dir, kind), data, env.actor.today);
}

// Where a drafted opinion goes: --out DIR/<file>, else drafts/<document>-<file> beside the
// registry (as the registry's other drafts).
std::string DraftPath(const Env& env, const std::string& kind, const std::string& document_id) {
  const std::string file = env.wording.Format("file." + kind);
  if (!env.options.out_dir.empty()) return JoinPath(env.options.out_dir, file);
  return JoinPath(JoinPath(registry::RegistryHome(env.registry_file), "drafts"),
                  document_id + "-" + file);
}

Status Scoresheet(Env& env) {
  Result<CaseRecord> c = env.registry->LoadCase(env.options.case_ref);
  if (!c) return c.error();
  PIPELINE_RETURN_IF_ERROR(RefuseUnlessStage(env, *c, Stage::kTechnical, "beian scoresheet"));
  Result<SheetCase> sc = SheetCaseOf(env, *c);
  if (!sc) return sc.error();
  Result<std::string> bytes = WriteScoresheet(*sc, env.standard, env.wording, env.actor.today);
  if (!bytes) return bytes.error();
  const std::string path = JoinPath(env.options.out_dir, env.wording.Format("file.scoresheet"));
  PIPELINE_RETURN_IF_ERROR(env.fs.WriteFile(path, *bytes));
  env.out << env.wording.Format("done.scoresheet",
                                {{"case", c->case_id},
                                 {"file", path},
                                 {"sheets", std::to_string(1 + sc->occupations.size())},
                                 {"version", env.standard.version}})
          << "\n";
  return Status::Ok();
}

// The opinion of `stage` as the registry records it (decision, note, reason, data).
registry::OpinionRecord Opinion(const Env& env, const CaseRecord& c, Stage stage,
                                registry::Decision decision, const json& data) {
  registry::OpinionRecord rec;
  rec.stage = stage;
  rec.decision = decision;
  rec.note = env.options.note;
  rec.reason = env.options.reason;
  rec.kind = stage == Stage::kTechnical ? "technical_opinion" : "comprehensive_opinion";
  rec.authority = Authority(env, c);
  rec.data_json = data.dump();
  return rec;
}

// Renders the opinion (before anything is recorded, so a rendering failure records nothing),
// records it, and writes the draft; returns the document id and sets *path. A fail ends the
// case (not_filed): in the same transaction the decision draws the case's 不予备案告知书 as
// `beian decide` does, with `letter` (its reasons) merged into its data; what that says is
// printed after the command's own line (*letter_lines).
Result<std::string> RecordAndDraft(Env& env, const CaseRecord& c,
                                   const registry::OpinionRecord& rec, const json& data,
                                   const json& letter, std::string* path,
                                   std::string* letter_lines) {
  Result<std::string> pdf = Render(env, rec.kind, data);
  if (!pdf) return pdf.error();
  std::string doc;
  std::ostringstream said;
  PIPELINE_RETURN_IF_ERROR(registry::DecideWithEndingLetter(
      env.options, env.fs, env.messages, env.data_dir, *env.registry, env.actor, said, letter,
      [&]() -> Status {
        Result<std::string> made = env.registry->RecordOpinion(c.case_id, rec, env.actor);
        if (!made) return made.error();
        doc = *made;
        return Status::Ok();
      }));
  for (const std::string& w : env.registry->TakeWarnings()) env.out << w << "\n";
  *path = DraftPath(env, rec.kind, doc);
  PIPELINE_RETURN_IF_ERROR(env.fs.WriteFile(*path, *pdf));
  *letter_lines = said.str();
  return doc;
}

bool AnyVeto(const EvaluationResult& r) {
  bool any = r.common.vetoed;
  for (const OccupationResult& o : r.occupations) any = any || o.sheet.vetoed;
  return any;
}

std::vector<registry::ScoreRow> ScoreRows(const EvaluationResult& r) {
  std::vector<registry::ScoreRow> rows;
  for (const ItemResult& i : r.common.items) {
    rows.push_back({"common", i.item->id, i.score.tenths, i.score.remark});
  }
  for (const OccupationResult& o : r.occupations) {
    for (const ItemResult& i : o.sheet.items) {
      rows.push_back({o.occupation.code, i.item->id, i.score.tenths, i.score.remark});
    }
  }
  return rows;
}

// The worksheet note when the recorded conclusion and the computed one differ ("" otherwise).
std::string Disagreement(const Env& env, registry::Decision d, bool computed_pass,
                         const std::string& score, bool veto) {
  if ((d == registry::Decision::kPass) == computed_pass) return "";
  return env.wording.Format(
      "flag.disagree",
      {{"result", ResultText(env, d)},
       {"computed", env.wording.Format(computed_pass ? "result.pass" : "result.fail")},
       {"score", score},
       {"pass", std::to_string(env.standard.pass_total_percent)},
       {"veto", veto ? env.wording.Format("flag.veto") : ""}});
}

// A reason in the words of the standard the sheet was scored by (kept with the evaluation `ev`;
// the loaded standard's words for an opinion drafted before they were kept).
std::string ScoreReason(const Env& env, const json& ev, const std::string& key,
                        std::vector<std::pair<std::string, std::string>> args) {
  const json st = ev.value("standard", json::object());
  args.emplace_back("standard", st.value("name", env.standard.opinion_name));
  args.emplace_back("veto", st.value("veto", env.standard.opinion_veto));
  return env.wording.Format(key, args);
}

std::string VetoReason(const Env& env, const json& ev, const std::string& key, const json& v) {
  return ScoreReason(env, ev, key,
                     {{"title", v.value("title", "")},
                      {"score", v.value("score", "")},
                      {"line", v.value("line", "")}});
}

// What the scores of evaluation `ev` say against it: the common veto items below their line,
// a total below the pass line, no occupation that passed.
std::vector<std::string> ScoreFailReasons(const Env& env, const json& ev) {
  std::vector<std::string> reasons;
  for (const json& v : ev["common"].value("vetoed", json::array())) {
    reasons.push_back(VetoReason(env, ev, "reason.common_veto", v));
  }
  const std::string score = ev.value("score_percent", "");
  if (ParsePoints(score).value_or(0) < env.standard.pass_total_percent * 10) {
    reasons.push_back(
        ScoreReason(env, ev, "reason.total_below",
                    {{"score", score}, {"pass", std::to_string(env.standard.pass_total_percent)}}));
  }
  const json occupations = ev.value("occupations", json::array());
  const bool any_passed = std::any_of(occupations.begin(), occupations.end(),
                                      [](const json& o) { return o.value("passed", false); });
  if (!any_passed && !occupations.empty()) {
    reasons.push_back(env.wording.Format("reason.no_occupation"));
  }
  return reasons;
}

// The reasons of the 不予备案告知书 a failed evaluation stage draws (merged into the letter's
// data; the slot `reasons` stays for the clerk): the stage's conclusion as recorded (`stated`),
// then what the scores say when they bear it out (`scores`, empty when the group's conclusion
// goes against them), then the group's own words (--note). Nothing stronger than that.
json RefusalLetter(const Env& env, const std::string& stated,
                   const std::vector<std::string>& scores) {
  json reasons = json::array({{{"message", stated}}});
  for (const std::string& r : scores) {
    reasons.push_back({{"message", env.wording.Format("refusal.score_reason", {{"reason", r}})}});
  }
  if (!env.options.note.empty()) {
    reasons.push_back(
        {{"message", env.wording.Format("refusal.group_opinion", {{"note", env.options.note}})}});
  }
  return {{"document", {{"reasons", std::move(reasons)}, {"reasons_blank", nullptr}}}};
}

Status Evaluate(Env& env) {
  Result<CaseRecord> c = env.registry->LoadCase(env.options.case_ref);
  if (!c) return c.error();
  if (env.options.reason.empty()) {
    PIPELINE_RETURN_IF_ERROR(RefuseUnlessStage(env, *c, Stage::kTechnical, "beian evaluate"));
  }
  Result<registry::Decision> decision = ParseResult(env, env.options.result);
  if (!decision) return decision.error();
  Result<SheetCase> sc = SheetCaseOf(env, *c);
  if (!sc) return sc.error();
  Result<std::string> bytes = env.fs.ReadFile(env.options.scores_file);
  if (!bytes) return bytes.error();
  Result<FilledSheet> filled =
      ReadScoresheet(*bytes, env.options.scores_file, *sc, env.standard, env.wording);
  if (!filled) return filled.error();
  const EvaluationResult r = Evaluate(*filled, env.standard, sc->applicant_type);
  json ev = EvaluationJson(r, env.standard);
  ev["date_text"] = DateText(env, r.date);
  ev["no_veto"] = !AnyVeto(r);
  const std::string flag =
      Disagreement(env, *decision, r.passed, Tenths(r.percent_tenths), AnyVeto(r));
  json data = {{"case", CaseJson(*sc, env.wording)},
               {"evaluation", ev},
               {"result", registry::DecisionName(*decision)},
               {"result_text", ResultText(env, *decision)},
               {"slots", {{"expert_opinion", env.options.note}}},
               {"worksheet", {{"flags", flag.empty() ? json::array() : json::array({flag})}}}};
  data["document"] = DocumentObject(env, *c);
  data["entries"] = Entries(*sc);
  registry::OpinionRecord rec = Opinion(env, *c, Stage::kTechnical, *decision, data);
  rec.scores = ScoreRows(r);
  const std::string evaluated = ev.value("date_text", "");
  const json letter = RefusalLetter(
      env,
      env.wording.Format(evaluated.empty() ? "refusal.technical_undated" : "refusal.technical",
                         {{"date", evaluated}}),
      r.passed ? std::vector<std::string>{} : ScoreFailReasons(env, ev));
  std::string path, letter_lines;
  Result<std::string> doc = RecordAndDraft(env, *c, rec, data, letter, &path, &letter_lines);
  if (!doc) return doc.error();
  env.out << env.wording.Format(
                 "done.evaluate",
                 {{"score", Tenths(r.percent_tenths)},
                  {"computed", env.wording.Format(r.passed ? "result.pass" : "result.fail")},
                  {"result", ResultText(env, *decision)},
                  {"document", *doc},
                  {"file", path}})
          << "\n";
  if (!flag.empty()) env.out << flag << "\n";
  env.out << letter_lines;
  PrintNextStep(env, c->case_id);
  return Status::Ok();
}

json OccupationLine(const json& o) {
  return {{"code", o.value("code", "")},
          {"name", o.value("name", "")},
          {"work_type", o.value("work_type", "")},
          {"levels_text", o.value("levels_text", "")}};
}

Status Summarize(Env& env) {
  Result<CaseRecord> c = env.registry->LoadCase(env.options.case_ref);
  if (!c) return c.error();
  if (env.options.reason.empty()) {
    PIPELINE_RETURN_IF_ERROR(RefuseUnlessStage(env, *c, Stage::kComprehensive, "beian summarize"));
  }
  Result<registry::Decision> decision = ParseResult(env, env.options.result);
  if (!decision) return decision.error();
  Result<SheetCase> sc = SheetCaseOf(env, *c);
  if (!sc) return sc.error();
  Result<registry::DocumentDetail> tech =
      env.registry->LatestDocument(c->case_id, "technical_opinion");
  if (!tech) return tech.error();
  const json tdata = json::parse(tech->data_json, nullptr, false);
  if (tdata.is_discarded() || !tdata.contains("evaluation")) {
    return Status::InvalidData("stored technical opinion data is not JSON", tech->document_id);
  }
  const json& ev = tdata["evaluation"];
  const std::string pass_occ = std::to_string(env.standard.pass_occupation_percent);
  json recommended = json::array(), not_recommended = json::array();
  std::vector<std::pair<std::string, std::string>> excluded;
  for (const json& o : ev.value("occupations", json::array())) {
    if (o.value("passed", false)) {
      recommended.push_back(OccupationLine(o));
      continue;
    }
    json line = OccupationLine(o);
    json reasons = json::array();
    for (const json& v : o.value("vetoed", json::array())) {
      reasons.push_back(VetoReason(env, ev, "reason.occupation_veto", v));
    }
    if (reasons.empty()) {
      reasons.push_back(ScoreReason(env, ev, "reason.occupation_below",
                                    {{"percent", o.value("percent", "")}, {"pass", pass_occ}}));
    }
    line["reasons"] = reasons;
    not_recommended.push_back(line);
    excluded.emplace_back(o.value("code", ""), "evaluation.not_recommended");
  }
  const bool computed_pass = ev.value("computed_result", "") == "pass";
  const std::string score = ev.value("score_percent", "");
  const bool veto = !ev["common"].value("vetoed", json::array()).empty();
  // Reasons from the scores, printed when they bear out the group's conclusion; otherwise only
  // the group's own words (--note) give the reasons, and the clerk is warned.
  json reasons = json::array();
  const bool pass = *decision == registry::Decision::kPass;
  std::vector<std::string> fail_reasons;
  if (pass == computed_pass && pass) {
    reasons.push_back(
        ScoreReason(env, ev, "reason.total_reached",
                    {{"score", score}, {"pass", std::to_string(env.standard.pass_total_percent)}}));
  } else if (pass == computed_pass) {
    fail_reasons = ScoreFailReasons(env, ev);
    for (const std::string& r : fail_reasons) reasons.push_back(r);
  }
  std::vector<std::string> flags;
  if (std::string f = Disagreement(env, *decision, computed_pass, score, veto); !f.empty()) {
    flags.push_back(f);
  }
  if (pass && recommended.empty()) flags.push_back(env.wording.Format("flag.no_recommended"));
  const registry::HistoryEntry* pre = LatestDecisionOn(*c, Stage::kPreliminary);
  const registry::HistoryEntry* te = LatestDecisionOn(*c, Stage::kTechnical);
  const json st = ev.value("standard", json::object());
  json technical = {{"score_percent", score},
                    {"standard_basis", st.value("basis", env.standard.opinion_basis)},
                    {"date_text", ev.value("date_text", "")},
                    {"occupations", ev.value("occupations", json::array())}};
  if (te != nullptr) {
    technical["result_text"] = env.wording.Format("result." + te->result);
    if (technical["date_text"] == "") technical["date_text"] = DateText(env, te->acted_on);
  }
  json preliminary = json::object();
  if (pre != nullptr) {
    preliminary = {{"date_text", DateText(env, pre->acted_on)},
                   {"result_text", WordOr(env.messages, "arg.result." + pre->result, pre->result)}};
  }
  json data = {{"case", CaseJson(*sc, env.wording)},
               {"preliminary", preliminary},
               {"technical", technical},
               {"result", registry::DecisionName(*decision)},
               {"result_text", ResultText(env, *decision)},
               {"recommended", pass ? recommended : json::array()},
               {"not_recommended", pass ? not_recommended : json::array()},
               {"reasons", reasons},
               {"slots", {{"expert_opinion", env.options.note}}},
               {"worksheet", {{"flags", flags}}}};
  data["document"] = DocumentObject(env, *c);
  data["entries"] = Entries(*sc);
  registry::OpinionRecord rec = Opinion(env, *c, Stage::kComprehensive, *decision, data);
  if (pass) rec.excluded_occupations = excluded;
  const json letter = RefusalLetter(
      env,
      env.wording.Format("refusal.comprehensive",
                         {{"date", FormatDate(env.actor.today, env.office.date_format)}}),
      fail_reasons);
  std::string path, letter_lines;
  Result<std::string> doc = RecordAndDraft(env, *c, rec, data, letter, &path, &letter_lines);
  if (!doc) return doc.error();
  env.out << env.wording.Format("done.summarize",
                                {{"result", ResultText(env, *decision)},
                                 {"document", *doc},
                                 {"file", path},
                                 {"recommended", std::to_string(pass ? recommended.size() : 0)},
                                 {"excluded", std::to_string(pass ? not_recommended.size() : 0)}})
          << "\n";
  for (const std::string& f : flags) env.out << f << "\n";
  env.out << letter_lines;
  PrintNextStep(env, c->case_id);
  return Status::Ok();
}

Status Ledger(Env& env) {
  Result<std::vector<LedgerCase>> rows =
      LedgerFromRegistry(*env.registry, env.messages, env.wording, env.authorities);
  if (!rows) return rows.error();
  Result<std::string> bytes = WriteLedger(*rows, env.messages, env.wording, env.actor.today);
  if (!bytes) return bytes.error();
  PIPELINE_RETURN_IF_ERROR(env.fs.WriteFile(env.options.out_path, *bytes));
  env.out << env.wording.Format("done.ledger", {{"file", env.options.out_path},
                                                {"cases", std::to_string(rows->size())}})
          << "\n";
  return Status::Ok();
}

}  // namespace

RunLedger::RunLedger(const model::CommandRequest& options, FileSystem& fs,
                     const report::MessageCatalog& messages, std::string data_dir)
    : options_(options), fs_(fs), messages_(messages), data_dir_(std::move(data_dir)) {}

Result<std::unique_ptr<RunLedger>> RunLedger::Open(const model::CommandRequest& options,
                                                   FileSystem& fs,
                                                   const report::MessageCatalog& messages,
                                                   const std::string& data_dir) {
  std::unique_ptr<RunLedger> ledger(new RunLedger(options, fs, messages, data_dir));
  PIPELINE_RETURN_IF_ERROR(
      Take(report::MessageCatalog::Load(fs, JoinPath(data_dir, "templates/evaluation.zh-CN.tsv")),
           &ledger->wording_));
  Result<registry::RegistrySettings> settings =
      registry::LoadRegistrySettings(fs, registry::SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  ledger->registry_file_ = registry::RegistryFile(options.registry_path, *settings);
  return ledger;
}

nlohmann::json RunLedger::RowOf(const model::CaseReport& report) const {
  if (!registry_file_.empty()) return nullptr;
  return LedgerCaseToJson(LedgerCaseFromReport(report, messages_, wording_, *options_.date));
}

Status RunLedger::Write(const std::function<bool(nlohmann::json*)>& next) const {
  Result<std::unique_ptr<LedgerWriter>> writer =
      LedgerWriter::Create(wording_, *options_.date, /*fingerprints=*/registry_file_.empty());
  if (!writer) return writer.error();
  if (!registry_file_.empty()) {
    Result<crosscheck::Authorities> authorities =
        crosscheck::LoadAuthorities(fs_, JoinPath(data_dir_, "data"));
    if (!authorities) return authorities.error();
    Result<std::unique_ptr<registry::Registry>> reg =
        OpenRegistry(registry_file_, messages_, *options_.date, /*writing=*/false);
    if (!reg) return reg.error();
    Result<std::vector<LedgerCase>> r =
        LedgerFromRegistry(**reg, messages_, wording_, *authorities);
    if (!r) return r.error();
    for (const LedgerCase& c : *r) (*writer)->Add(c);
  } else {
    for (nlohmann::json row; next(&row);) (*writer)->Add(LedgerCaseFromJson(row));
  }
  Result<std::string> bytes = (*writer)->Finish();
  if (!bytes) return bytes.error();
  return fs_.WriteFile(JoinPath(options_.out_dir, wording_.Format("file.ledger")), *bytes);
}

bool IsEvaluationCommand(model::Command c) {
  return c == model::Command::kScoresheet || c == model::Command::kEvaluate ||
         c == model::Command::kSummarize || c == model::Command::kLedger;
}

Status RunEvaluationCommand(const model::CommandRequest& options, FileSystem& fs,
                            const report::MessageCatalog& messages, const std::string& data_dir,
                            std::ostream& out) {
  Result<std::unique_ptr<Env>> env = OpenEnv(options, fs, messages, data_dir, out);
  if (!env) return env.error();
  switch (options.command) {
    case model::Command::kScoresheet:
      return Scoresheet(**env);
    case model::Command::kEvaluate:
      return Evaluate(**env);
    case model::Command::kSummarize:
      return Summarize(**env);
    case model::Command::kLedger:
      return Ledger(**env);
    default:
      return Status::Internal("not an evaluation command");
  }
}

}  // namespace pipeline::evaluation
