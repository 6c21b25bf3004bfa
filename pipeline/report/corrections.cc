#include "pipeline/report/corrections.h"

#include <algorithm>

#include "pipeline/report/report_json.h"

namespace pipeline::report {
namespace {

using nlohmann::json;

void AddOnce(std::vector<std::string>& list, std::string s) {
  if (!s.empty() && std::find(list.begin(), list.end(), s) == list.end()) {
    list.push_back(std::move(s));
  }
}

// Joins of the catalogue: statements by correction.join, actions the same with
// correction.join_last before the last one (…，并…).
std::string Join(const std::vector<std::string>& parts, const std::string& sep,
                 const std::string& last) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? last : sep;
    out += parts[i];
  }
  return out;
}

// A finding message used as it is (no wording of its own yet), closed with 。.
std::string Closed(std::string s, const MessageCatalog& messages) {
  const std::string stop = messages.Format("correction.full_stop");
  if (s.size() < stop.size() || s.compare(s.size() - stop.size(), stop.size(), stop) != 0) {
    s += stop;
  }
  return s;
}

std::string MaterialName(const model::CaseReport& r, const std::string& id) {
  for (const model::MaterialResult& m : r.materials) {
    if (m.id == id) return m.name;
  }
  return "";
}

}  // namespace

CorrectionText WordCorrection(const model::CorrectionItem& item, const model::CaseReport& report,
                              const MessageCatalog& messages) {
  const bool alone = std::all_of(item.parts.begin(), item.parts.end(),
                                 [](const model::CorrectionPart& p) { return p.absorbed; });
  std::vector<std::string> statements, actions, sends, whole;
  for (const model::CorrectionPart& p : item.parts) {
    if (p.absorbed && !alone) continue;
    const std::string key = p.wording;
    if (key.empty()) continue;
    if (!messages.Has(key + ".statement")) {
      AddOnce(whole, Closed(messages.Format(p.fallback_message, p.args), messages));
      continue;
    }
    AddOnce(statements, messages.Format(key + ".statement", p.args));
    // What to do about the condition first, then what to send.
    const bool send = key.rfind("correction.material.", 0) == 0;
    if (messages.Has(key + ".action")) {
      AddOnce(send ? sends : actions, messages.Format(key + ".action", p.args));
    }
  }
  const std::string material = MaterialName(report, item.subject);
  if (item.fault == model::Fault::kNotMet && !material.empty() && sends.empty()) {
    AddOnce(sends, messages.Format("correction.not_met.submit.action", {{"material", material}}));
  }
  for (std::string& s : sends) AddOnce(actions, std::move(s));
  CorrectionText t;
  t.statement =
      Join(statements, messages.Format("correction.join"), messages.Format("correction.join"));
  if (!item.basis.empty() && !t.statement.empty()) {
    t.citation = messages.Format("correction.citation", {{"basis", item.basis}});
  }
  if (!actions.empty()) {
    t.request = messages.Format("correction.request",
                                {{"actions", Join(actions, messages.Format("correction.join"),
                                                  messages.Format("correction.join_last"))}});
  }
  if (!t.statement.empty())
    t.text = t.statement + t.citation + messages.Format("correction.full_stop");
  t.text += t.request;
  for (const std::string& w : whole) t.text += w;
  return t;
}

json CorrectionsJson(const model::CaseReport& report, const MessageCatalog& messages) {
  json out = json::array();
  for (const model::CorrectionItem& item : model::BuildCorrections(report)) {
    const CorrectionText t = WordCorrection(item, report, messages);
    json facts = json::array();
    for (const model::SourceRef& s : item.facts) {
      facts.push_back({{"file", s.file},
                       {"location", s.location},
                       {"location_text", LocationText(s.location, messages)}});
    }
    out.push_back({{"subject", item.subject},
                   {"fault", model::FaultName(item.fault)},
                   {"group", item.group},
                   {"basis", item.basis.empty() ? json(nullptr) : json(item.basis)},
                   {"statement", t.statement},
                   {"request", t.request},
                   {"text", t.text},
                   {"rules", item.rules},
                   {"facts", std::move(facts)}});
  }
  return out;
}

}  // namespace pipeline::report
