#include "pipeline/crosscheck/rules.h"

#include <algorithm>
#include <cassert>
#include <pugixml.hpp>
#include <set>

#include "pipeline/core/text.h"
#include "pipeline/core/xml.h"

namespace pipeline::crosscheck {
namespace {

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + " ") {
    if (c == ' ' || c == ',' || c == '\t' || c == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

}  // namespace

const std::vector<std::string>& KnownChecks() {
  static const std::vector<std::string> checks = {
      "occupation_list_empty",
      "occupation_unknown_code",
      "occupation_name_mismatch",
      "occupation_ineligible_group",
      "occupation_no_standard",
      "occupation_invalid_level",
      "occupation_work_type",
      "occupation_duplicate",
      "occupation_name_near_miss",
      "occupation_level_employer_only",
      "jurisdiction_unresolved",
      "jurisdiction_authority_to_confirm",
      "jurisdiction_wrong_office",
      "jurisdiction_from_credit_code",
      "jurisdiction_affiliation_unknown",
      "jurisdiction_outside_jilin",
      "legal_person_credit_code",
      "legal_representative",
      "no_bad_record",
      "works_in_province",
      "fee_published",
      "staff_lists",
      "fulltime_staff",
      "experts",
      "assessors_per_occupation",
      "supervisors",
      "business_related",
      "exam_sites",
      "question_bank",
      "video_surveillance",
      "safety_fire",
      "management_rules",
      "incentive_mechanism",
      "pay_linkage",
      "subsidiaries",
      "change_items_present",
      "change_item_known",
      "change_item_complete",
      "original_filing_number",
      "renewal_expiry_present",
      "renewal_after_expiry",
      "renewal_late",
      "renewal_filing_number",
      "application_date_future",
  };
  return checks;
}

const std::vector<std::string>& KnownThresholds() {
  static const std::vector<std::string> ids = {"min_fulltime_staff", "min_experts",
                                               "min_assessors_per_occupation", "min_supervisors",
                                               "renewal_lead_months"};
  return ids;
}

namespace {

// One parser per element of rules.xml; each names the file and line of what is wrong.
struct At {
  const std::string& file;
  int line;
  Status Bad(const std::string& what) const { return Status::InvalidData(what, file, line); }
};

Result<Threshold> ParseThreshold(const pugi::xml_node& n, const At& at) {
  Threshold t;
  t.id = n.attribute("id").value();
  t.owner = n.attribute("owner").value();
  t.article = n.attribute("article").value();
  const std::string v = n.attribute("value").value();
  if (t.id.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
    return at.Bad("<threshold> needs an id and a non-negative integer value (or value=\"\")");
  }
  if (t.owner != "province" && t.owner != "regulation") {
    return at.Bad("threshold " + t.id + ": owner must be province or regulation");
  }
  if (!v.empty()) t.value = std::stoi(v);
  if (t.owner == "regulation" && !t.value) {
    return at.Bad("threshold " + t.id + ": a regulation value must be given");
  }
  return t;
}

Result<model::Severity> ParseSeverity(const std::string& sev, const std::string& rule,
                                      const At& at) {
  if (sev == "blocking") return model::Severity::kBlocking;
  if (sev == "review") return model::Severity::kReview;
  if (sev == "info") return model::Severity::kInfo;
  return at.Bad("rule " + rule + ": bad severity \"" + sev + "\"");
}

// A rule counting towards a condition is about conditions; any other rule says what it is
// about (occupations | jurisdiction | form), so documents can group its findings.
Status ParseTopic(const std::string& topic, Rule* r, const At& at) {
  if (r->condition.empty()) {
    std::optional<model::Topic> t = model::TopicFromName(topic);
    if (!t || *t == model::Topic::kIntake || *t == model::Topic::kMaterials ||
        *t == model::Topic::kConditions) {
      return at.Bad("rule " + r->id + ": needs topic=\"occupations|jurisdiction|form\"");
    }
    r->topic = *t;
  } else if (!topic.empty() && topic != "conditions") {
    return at.Bad("rule " + r->id + ": a condition rule has topic conditions");
  }
  return Status::Ok();
}

// A <rule> by itself, but for its topic; whether its id, check and condition fit the others is
// RuleSet::CheckNewRule's.
Result<Rule> ParseRule(const pugi::xml_node& n, const At& at) {
  Rule r;
  r.id = n.attribute("id").value();
  r.check = n.attribute("check").value();
  r.condition = n.attribute("condition").value();
  r.message = n.attribute("message").value();
  r.materials = SplitSpaces(n.attribute("materials").value());
  r.basis = n.attribute("basis").value();
  r.has_basis = !n.attribute("basis").empty();
  r.line = at.line;
  PIPELINE_ASSIGN_OR_RETURN(r.severity, ParseSeverity(n.attribute("severity").value(), r.id, at));
  if (const char* c = n.attribute("consequence").value(); *c != '\0') {
    std::optional<model::Consequence> cq = model::ConsequenceFromName(c);
    if (!cq) {
      return at.Bad("rule " + r.id + ": bad consequence \"" + c +
                    "\" (correct|exclude_occupation|not_eligible|refer)");
    }
    r.consequence = *cq;
  }
  if (r.id.empty() || r.message.empty()) return at.Bad("<rule> needs id and message");
  return r;
}

Result<CreditListColumns> ParseCreditListColumns(const pugi::xml_node& n, const At& at) {
  CreditListColumns c{n.attribute("uscc").value(),
                      n.attribute("name").value(),
                      n.attribute("legal_representative").value(),
                      n.attribute("source").value(),
                      n.attribute("date").value(),
                      n.attribute("date-format").value(),
                      n.attribute("sources-separator").value(),
                      n.attribute("dated-source").value(),
                      n.attribute("kind").value(),
                      n.attribute("kind-serious").value(),
                      n.attribute("kind-terminated").value()};
  if (c.uscc.empty() || c.name.empty() || c.legal_representative.empty() || c.source.empty() ||
      c.date.empty() || c.sources_separator.empty() || c.dated_source.empty() || c.kind.empty() ||
      c.kind_serious.empty() || c.kind_terminated.empty()) {
    return at.Bad(
        "<credit-list-columns> needs uscc, name, legal_representative, source, date, "
        "sources-separator, dated-source, kind, kind-serious and kind-terminated");
  }
  return c;
}

Result<RegionAlias> ParseRegionAlias(const pugi::xml_node& n, const At& at) {
  RegionAlias a{n.attribute("code").value(), NormaliseCompact(n.text().get())};
  if (a.code.empty() || a.text.empty()) return at.Bad("<region-alias> needs a code and text");
  return a;
}

}  // namespace

// A parsed rule fits the others: its id unique, its check known and configured once, its
// condition declared.
Status RuleSet::CheckNewRule(const Rule& r, const std::set<std::string>& condition_ids,
                             const std::string& file) const {
  const At at{file, r.line};
  if (std::any_of(rules_.begin(), rules_.end(), [&](const Rule& x) { return x.id == r.id; })) {
    return at.Bad("duplicate rule id " + r.id);
  }
  const std::vector<std::string>& known = KnownChecks();
  if (std::find(known.begin(), known.end(), r.check) == known.end()) {
    return at.Bad("rule " + r.id + ": unknown check \"" + r.check + "\"");
  }
  if (by_check_.count(r.check) != 0) return at.Bad("check \"" + r.check + "\" configured twice");
  if (!r.condition.empty() && condition_ids.count(r.condition) == 0) {
    return at.Bad("rule " + r.id + ": unknown condition \"" + r.condition +
                  "\" (declare <condition> first)");
  }
  return Status::Ok();
}

// Every check configured, the credit-list columns and every threshold present.
Status RuleSet::CheckComplete(const std::string& file) const {
  for (const std::string& c : KnownChecks()) {
    if (by_check_.count(c) == 0) {
      return Status::InvalidData("no <rule> configures check \"" + c + "\"", file, 0);
    }
  }
  if (credit_list_columns_.uscc.empty()) {
    return Status::InvalidData("missing <credit-list-columns>", file, 0);
  }
  for (const std::string& t : KnownThresholds()) {
    if (std::none_of(thresholds_.begin(), thresholds_.end(),
                     [&](const Threshold& x) { return x.id == t; })) {
      return Status::InvalidData("missing <threshold id=\"" + t + "\">", file, 0);
    }
  }
  return Status::Ok();
}

Result<RuleSet> RuleSet::FromXml(const std::string& xml, const std::string& file) {
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(file, xml, doc));
  pugi::xml_node root = doc.child("rules");
  if (!root) return Status::InvalidData("missing <rules> root element", file, 1);
  RuleSet rs;
  std::set<std::string> condition_ids;
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const At at{file, LineAtOffset(xml, n.offset_debug())};
    const std::string tag = n.name();
    if (tag == "threshold") {
      PIPELINE_ASSIGN_OR_RETURN(Threshold t, ParseThreshold(n, at));
      rs.thresholds_.push_back(std::move(t));
    } else if (tag == "condition") {
      ConditionDef c{n.attribute("id").value(), n.attribute("article").value(),
                     n.attribute("title").value()};
      if (c.id.empty() || c.article.empty() || c.title.empty() ||
          !condition_ids.insert(c.id).second) {
        return at.Bad("<condition> needs a unique id, an article and a title");
      }
      rs.conditions_.push_back(std::move(c));
    } else if (tag == "rule") {
      PIPELINE_ASSIGN_OR_RETURN(Rule r, ParseRule(n, at));
      PIPELINE_RETURN_IF_ERROR(rs.CheckNewRule(r, condition_ids, file));
      PIPELINE_RETURN_IF_ERROR(ParseTopic(n.attribute("topic").value(), &r, at));
      rs.by_check_.emplace(r.check, rs.rules_.size());
      rs.rules_.push_back(std::move(r));
    } else if (tag == "credit-list-columns") {
      PIPELINE_ASSIGN_OR_RETURN(rs.credit_list_columns_, ParseCreditListColumns(n, at));
    } else if (tag == "region-alias") {
      PIPELINE_ASSIGN_OR_RETURN(RegionAlias a, ParseRegionAlias(n, at));
      rs.region_aliases_.push_back(std::move(a));
    } else {
      return at.Bad("unknown element <" + tag + ">");
    }
  }
  PIPELINE_RETURN_IF_ERROR(rs.CheckComplete(file));
  return rs;
}

const Rule& RuleSet::ForCheck(std::string_view check) const {
  auto it = by_check_.find(check);
  assert(it != by_check_.end() && "unknown check; see KnownChecks()");
  return rules_[it->second];
}

const Threshold& RuleSet::GetThreshold(std::string_view id) const {
  auto it = std::find_if(thresholds_.begin(), thresholds_.end(),
                         [&](const Threshold& t) { return t.id == id; });
  assert(it != thresholds_.end() && "unknown threshold; see KnownThresholds()");
  return *it;
}

Result<RuleSet> LoadRules(const FileSystem& fs, const std::string& path) {
  Result<std::string> xml = fs.ReadFile(path);
  if (!xml) return xml.error().WithContext("loading rules");
  return RuleSet::FromXml(*xml, path);
}

}  // namespace pipeline::crosscheck
