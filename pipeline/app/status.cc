#include "pipeline/app/status.h"

#include <utility>

#include "pipeline/app/registry_session.h"
#include "pipeline/registry/commands.h"

namespace pipeline::app {
namespace {

using nlohmann::json;

CaseStatus StatusOfCase(const registry::Context& ctx, registry::CaseRecord c) {
  CaseStatus s{std::move(c), std::nullopt, {}};
  s.working_days_in_stage = registry::DaysInStage(ctx.calendar, s.record, ctx.actor.today);
  s.next = ctx.registry.NextStep(s.record);
  return s;
}

// The case ids `ref` names: a USCC's cases (*uscc set), else `ref` itself.
Result<std::vector<std::string>> CaseIds(registry::Registry& reg, const std::string& ref,
                                         bool* uscc) {
  Result<std::vector<std::string>> of = reg.CasesOf(ref);
  if (!of) return of.error();
  *uscc = !of->empty();
  return *uscc ? std::move(*of) : std::vector<std::string>{ref};
}

json SummaryJson(const CaseStatus& s) {
  const registry::CaseRecord& c = s.record;
  json j = {{"case", c.case_id},
            {"uscc", c.uscc},
            {"institution", c.institution_name},
            {"kind", model::ApplicationKindName(c.kind)},
            {"authority", c.authority},
            {"stage", registry::StageName(c.stage)},
            {"stage_since", c.stage_since},
            {"opened_on", c.opened_on},
            {"version", c.current_version},
            {"next", s.next}};
  j["working_days_in_stage"] =
      s.working_days_in_stage ? json(*s.working_days_in_stage) : json(nullptr);
  return j;
}

json HistoryJson(const registry::HistoryEntry& e) {
  return {{"seq", e.seq},
          {"action", e.action},
          {"stage", registry::StageName(e.stage)},
          {"result", e.result},
          {"stage_after", registry::StageName(e.stage_after)},
          {"date", e.acted_on},
          {"user", e.actor},
          {"note", e.note},
          {"reason", e.reason},
          {"corrects", e.corrects ? json(*e.corrects) : nullptr},
          {"version", e.version}};
}

json CaseJson(const CaseStatus& s) {
  json j = SummaryJson(s);
  j["versions"] = json::array();
  for (const registry::VersionRecord& v : s.record.versions) {
    j["versions"].push_back({{"version", v.version},
                             {"content_hash", v.content_hash},
                             {"folder", v.folder},
                             {"received_on", v.received_on},
                             {"conclusion", v.conclusion},
                             {"report_case_id", v.report_id},
                             {"recorded_by", v.recorded_by}});
  }
  j["history"] = json::array();
  for (const registry::HistoryEntry& e : s.record.history) j["history"].push_back(HistoryJson(e));
  j["documents"] = json::array();
  for (const registry::DocumentRecord& d : s.record.documents) {
    j["documents"].push_back({{"id", d.document_id},
                              {"kind", d.kind},
                              {"state", d.state},
                              {"number", d.number},
                              {"date", d.doc_date},
                              {"served", d.served_on}});
  }
  return j;
}

}  // namespace

Result<StatusResult> StatusOf(const Context& app, const StatusRequest& request) {
  model::CommandRequest o;
  o.command = model::Command::kStatus;
  o.case_ref = request.ref;
  o.date = request.today;
  o.authority = request.authority;
  Result<std::unique_ptr<RegistrySession>> session =
      OpenRegistrySession(app, std::move(o), registry::OpenFor::kReading);
  if (!session) return session.error();
  const registry::Context& ctx = *(*session)->ctx;
  StatusResult out;
  if (request.ref.empty()) {
    out.of = StatusResult::Of::kOpenCases;
    Result<std::vector<registry::CaseRecord>> open = ctx.registry.OpenCases();
    if (!open) return open.error();
    for (registry::CaseRecord& c : *open) out.cases.push_back(StatusOfCase(ctx, std::move(c)));
    return out;
  }
  bool uscc = false;
  Result<std::vector<std::string>> ids = CaseIds(ctx.registry, request.ref, &uscc);
  if (!ids) return ids.error();
  out.of = uscc ? StatusResult::Of::kUscc : StatusResult::Of::kCase;
  for (const std::string& id : *ids) {
    Result<registry::CaseRecord> c = ctx.registry.LoadCase(id);
    if (!c) return c.error();
    out.cases.push_back(StatusOfCase(ctx, std::move(*c)));
  }
  return out;
}

json StatusJson(const StatusResult& status) {
  if (status.of == StatusResult::Of::kOpenCases) {
    json j = {{"open_cases", json::array()}};
    for (const CaseStatus& s : status.cases) j["open_cases"].push_back(SummaryJson(s));
    return j;
  }
  json cases = json::array();
  for (const CaseStatus& s : status.cases) cases.push_back(CaseJson(s));
  if (status.of == StatusResult::Of::kCase && cases.size() == 1) return cases[0];
  return json{{"cases", cases}};
}

}  // namespace pipeline::app
