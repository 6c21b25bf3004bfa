#include "pipeline/registry/record_check.h"

#include <algorithm>
#include <set>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/report/report_json.h"

namespace pipeline::registry {
namespace {

using model::ApplicationKind;
using model::Finding;
using Args = std::vector<std::pair<std::string, std::string>>;

// Text compared without its white space (core/text's one set: ASCII spaces, U+3000, NBSP, ...):
// a form's line breaks and spacing are not a change of the element.
std::string Normalised(const std::string& text) {
  std::string out;
  for (char32_t cp : DecodeUtf8(text)) {
    if (!IsWhiteSpace(cp)) AppendUtf8(cp, out);
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::set<std::string> NormalisedSet(const std::vector<std::string>& items) {
  std::set<std::string> out;
  for (const std::string& s : items) {
    if (!Normalised(s).empty()) out.insert(Normalised(s));
  }
  return out;
}

std::string LevelsCsv(std::vector<int> levels) {
  std::sort(levels.begin(), levels.end());
  return LevelsToCsv(levels);
}

// 「养老护理员（工种） 4-10-01-05 五级/初级工、四级/中级工」 for the 初评意见's comparison.
std::string OccupationText(const std::string& name, const std::string& work_type,
                           const std::string& code, const std::vector<int>& levels,
                           const report::MessageCatalog& messages) {
  std::string out = name;
  if (!work_type.empty())
    out += messages.Format("registry.compare.work_type", {{"work_type", work_type}});
  if (!code.empty()) out += " " + code;
  if (!levels.empty()) out += " " + report::LevelsText(levels, messages);
  return out;
}

// The element a 变更事项 row names (`` for none of the Art. 8 elements).
std::string ElementOf(model::ChangedElement e) {
  switch (e) {
    case model::ChangedElement::kRegisteredAddress:
      return "registered_address";
    case model::ChangedElement::kLegalRepresentative:
      return "legal_representative";
    case model::ChangedElement::kExamSites:
      return "exam_sites";
    case model::ChangedElement::kOccupations:
    case model::ChangedElement::kLevels:
      return "occupations";
    default:
      return "";
  }
}

Finding MakeFinding(const std::string& rule, model::Severity severity, const std::string& message,
                    Args args, std::vector<model::SourceRef> evidence,
                    model::Consequence consequence = model::Consequence::kCorrect) {
  Finding f;
  f.rule_id = rule;
  f.severity = severity;
  f.message = message;
  f.args = std::move(args);
  f.evidence = std::move(evidence);
  f.topic = model::Topic::kConditions;
  f.consequence = consequence;
  return f;
}

// The four Art. 8 elements of the form against the filed record; an element the form leaves
// empty is not compared (the form says nothing about it).
std::vector<ElementComparison> Compare(const model::CaseReport& r, const FiledRecord& rec,
                                       const report::MessageCatalog& messages) {
  const model::Application& a = r.application;
  std::vector<ElementComparison> out;
  if (rec.elements_known && a.registered_address.present) {
    out.push_back(
        {"registered_address", rec.elements.registered_address, a.registered_address.value,
         Normalised(rec.elements.registered_address) != Normalised(a.registered_address.value)});
  }
  if (rec.elements_known && a.legal_representative.present) {
    out.push_back({"legal_representative", rec.elements.legal_representative,
                   a.legal_representative.value,
                   Normalised(rec.elements.legal_representative) !=
                       Normalised(a.legal_representative.value)});
  }
  std::vector<std::string> sites;
  for (const auto& s : a.exam_sites) sites.push_back(s.value);
  if (rec.elements_known && !sites.empty()) {
    const std::string sep = messages.Format("registry.compare.separator");
    out.push_back({"exam_sites", Join(rec.elements.exam_sites, sep), Join(sites, sep),
                   NormalisedSet(rec.elements.exam_sites) != NormalisedSet(sites)});
  }
  if (!r.occupations.empty() && !rec.occupations.empty()) {
    std::set<std::string> filed, form;
    std::vector<std::string> filed_text, form_text;
    for (const OccupationFact& o : rec.occupations) {
      filed.insert(o.code + "|" + LevelsToCsv(LevelsFromCsv(o.levels)));
      filed_text.push_back(
          OccupationText(o.name, o.work_type, o.code, LevelsFromCsv(o.levels), messages));
    }
    for (const model::OccupationResult& o : r.occupations) {
      const model::RequestedOccupation& q = o.requested;
      form.insert(q.code + "|" + LevelsCsv(q.levels));
      std::vector<int> levels = q.levels;
      std::sort(levels.begin(), levels.end());
      form_text.push_back(OccupationText(q.name, q.work_type, q.code, levels, messages));
    }
    const std::string sep = messages.Format("registry.compare.separator");
    out.push_back({"occupations", Join(filed_text, sep), Join(form_text, sep), filed != form});
  }
  return out;
}

model::SourceRef WhereOf(const model::CaseReport& r, const std::string& element) {
  const model::Application& a = r.application;
  if (element == "registered_address") return a.registered_address.where;
  if (element == "legal_representative") return a.legal_representative.where;
  if (element == "exam_sites" && !a.exam_sites.empty()) return a.exam_sites.front().where;
  if (element == "occupations" && !r.occupations.empty()) {
    return r.occupations.front().requested.where;
  }
  return a.kind.where;
}

void CheckChange(const model::CaseReport& r, const FiledRecord& rec,
                 const report::MessageCatalog& messages, RecordCheck* out) {
  out->comparison = Compare(r, rec, messages);
  for (ElementComparison& c : out->comparison) {
    for (const model::ChangeItem& ch : r.application.changes) {
      if (ElementOf(ch.element) != c.element) continue;
      c.declared = true;
      // The 变更前 the form gives against the record (text elements only).
      const bool text = c.element == "registered_address" || c.element == "legal_representative";
      if (text && !Normalised(ch.before).empty() && Normalised(ch.before) != Normalised(c.filed)) {
        out->findings.push_back(MakeFinding(
            "REG-002", model::Severity::kReview, "registry.finding.change_before." + c.element,
            {{"filed", c.filed}, {"before", ch.before}}, {ch.where}));
      }
    }
    if (c.differs && !c.declared) {
      out->findings.push_back(MakeFinding(
          "REG-001", model::Severity::kBlocking, "registry.finding.undeclared." + c.element,
          {{"filed", c.filed}, {"form", c.form}}, {WhereOf(r, c.element)}));
    }
  }
}

void CheckOtherKind(const model::CaseReport& r, const FiledRecord& rec,
                    const report::MessageCatalog& messages, RecordCheck* out) {
  for (const ElementComparison& c : Compare(r, rec, messages)) {
    if (!c.differs || c.element == "occupations") continue;  // occupations: what is applied for
    out->findings.push_back(
        MakeFinding("REG-003", model::Severity::kReview, "registry.finding.differs." + c.element,
                    {{"filed", c.filed}, {"form", c.form}}, {WhereOf(r, c.element)}));
  }
}

// Art. 9: 「认定机构应在备案期满前三个月提出续期备案申请」.
void CheckRenewal(const model::CaseReport& r, const FiledRecord& rec, const Date& received,
                  RecordCheck* out) {
  std::optional<Date> until = ParseIsoDate(rec.filing.valid_until);
  if (!until) return;
  const Date deadline = until->AddMonths(-3);
  out->valid_until = until->ToIso();
  out->renewal_deadline = deadline.ToIso();
  out->renewal_on_time = received <= deadline;
  const Args args = {{"received", received.ToIso()},
                     {"valid_until", until->ToIso()},
                     {"deadline", deadline.ToIso()}};
  const model::SourceRef where = r.application.filing_valid_until.where;
  if (received > *until) {
    out->findings.push_back(MakeFinding("REG-004", model::Severity::kBlocking,
                                        "registry.finding.renewal_after_expiry", args, {where},
                                        model::Consequence::kNotEligible));
  } else if (received > deadline) {
    out->findings.push_back(MakeFinding("REG-005", model::Severity::kReview,
                                        "registry.finding.renewal_late", args, {where}));
  }
  const auto& form_until = r.application.filing_valid_until;
  if (form_until.parsed && form_until.value != *until) {
    out->findings.push_back(MakeFinding(
        "REG-006", model::Severity::kReview, "registry.finding.validity_differs",
        {{"form", form_until.value.ToIso()}, {"valid_until", until->ToIso()}}, {where}));
  }
}

}  // namespace

RecordCheck CheckAgainstRegistry(const model::CaseReport& report, const RegistryFacts& facts,
                                 const report::MessageCatalog& messages) {
  RecordCheck out;
  const ApplicationKind kind = report.application.kind.value;
  if (facts.terminated) {
    out.findings.push_back(MakeFinding("REG-008", model::Severity::kReview,
                                       "registry.finding.previously_terminated", {},
                                       {report.application.unified_credit_code.where}));
  }
  const bool needs_filing = kind == ApplicationKind::kRenewal || kind == ApplicationKind::kChange ||
                            kind == ApplicationKind::kAddOccupation;
  if (!needs_filing) return out;
  if (!facts.record) {
    out.findings.push_back(MakeFinding("REG-007", model::Severity::kReview,
                                       "registry.finding.no_filing", {},
                                       {report.application.unified_credit_code.where}));
    return out;
  }
  // 原备案编号 on the form against the registry's 备案编号 (when the registry numbered it).
  const FilingRecord& filing = facts.record->filing;
  const auto& form_number = report.application.filing_number;
  const bool numbered = !filing.filing_number.empty() && filing.filing_number != filing.filing_id;
  if (numbered && form_number.present &&
      Normalised(form_number.value) != Normalised(filing.filing_number)) {
    out.findings.push_back(MakeFinding(
        "REG-009", model::Severity::kReview, "registry.finding.filing_number_differs",
        {{"form", form_number.value}, {"filed", filing.filing_number}}, {form_number.where}));
  }
  if (kind == ApplicationKind::kChange) {
    CheckChange(report, *facts.record, messages, &out);
  } else {
    CheckOtherKind(report, *facts.record, messages, &out);
  }
  if (kind == ApplicationKind::kRenewal) {
    CheckRenewal(report, *facts.record, facts.received, &out);
  }
  return out;
}

void ApplyRecordCheck(const RecordCheck& check, model::CaseReport* report) {
  std::vector<Finding>& findings = report->findings;
  if (check.valid_until) {  // the registry's expiry replaces the form's (Art. 9)
    static const std::set<std::string> kSuperseded = {"A9-01", "A9-02", "A9-03"};
    findings.erase(std::remove_if(findings.begin(), findings.end(),
                                  [](const Finding& f) { return kSuperseded.count(f.rule_id); }),
                   findings.end());
    for (model::ConditionResult& c : report->conditions) {
      if (c.id != "art9") continue;
      c.rule_ids.erase(std::remove_if(c.rule_ids.begin(), c.rule_ids.end(),
                                      [](const std::string& id) { return kSuperseded.count(id); }),
                       c.rule_ids.end());
      c.state = model::ConditionState::kMet;
      for (const Finding& f : check.findings) {
        if (f.rule_id == "REG-004") c.state = model::ConditionState::kNotMet;
        if (f.rule_id == "REG-005" && c.state == model::ConditionState::kMet) {
          c.state = model::ConditionState::kReview;
        }
        if (f.rule_id == "REG-004" || f.rule_id == "REG-005") c.rule_ids.push_back(f.rule_id);
      }
    }
  }
  findings.insert(findings.end(), check.findings.begin(), check.findings.end());
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
}

nlohmann::json RecordCheckJson(const RecordCheck& check) {
  nlohmann::json j = {{"comparison", nlohmann::json::array()}};
  for (const ElementComparison& c : check.comparison) {
    j["comparison"].push_back({{"element", c.element},
                               {"filed", c.filed},
                               {"form", c.form},
                               {"differs", c.differs},
                               {"declared", c.declared},
                               {"status", !c.differs   ? "same"
                                          : c.declared ? "declared"
                                                       : "undeclared"}});
  }
  if (check.valid_until) {
    j["filing"] = {{"valid_until", *check.valid_until},
                   {"renewal_deadline", *check.renewal_deadline},
                   {"renewal_on_time", check.renewal_on_time}};
  }
  return j;
}

}  // namespace pipeline::registry
