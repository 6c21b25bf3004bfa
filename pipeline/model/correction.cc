#include "pipeline/model/correction.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<Fault> kFaultNames[] = {
    {Fault::kMissing, "missing"},
    {Fault::kUnreadable, "unreadable"},
    {Fault::kWrongFormat, "wrong_format"},
    {Fault::kNotFilled, "not_filled"},
    {Fault::kContradictsForm, "contradicts_form"},
    {Fault::kNotMet, "not_met"},
};

using Args = std::vector<std::pair<std::string, std::string>>;

std::string ArgOf(const Args& args, std::string_view name) {
  for (const auto& [k, v] : args) {
    if (k == name) return v;
  }
  return "";
}

bool Problematic(const MaterialResult& m) {
  return m.status == MaterialStatus::kMissing || m.status == MaterialStatus::kUnreadable;
}

// A part of an item with the subject it belongs to.
struct Placed {
  std::string subject;
  CorrectionPart part;
  std::vector<SourceRef> facts;
};

// The fault of an unusable file from the completeness message's suffix.
Fault FileFault(std::string_view health) {
  return health == "wrong_format" || health == "unsupported" ? Fault::kWrongFormat
                                                             : Fault::kUnreadable;
}

class Classifier {
 public:
  explicit Classifier(const CaseReport& r) : r_(r) { form_id_ = FormMaterial(); }

  Placed Place(const Finding& f) {
    Placed p{
        f.rule_id, {f.rule_id, "", f.args, Fault::kContradictsForm, false, f.message}, f.evidence};
    const std::string& m = f.message;
    if (f.topic == Topic::kMaterials && Material(f.rule_id) != nullptr) {
      PlaceMaterial(f, p);
    } else if (m == "completeness.kind_unknown" || m == "completeness.type_unknown") {
      p.subject = FormBroken()
                      ? form_id_
                      : (m == "completeness.kind_unknown" ? "application_kind" : "applicant_type");
      p.part.fault = Fault::kNotFilled;
      p.part.absorbed = true;
      p.part.wording = "correction." + m;
    } else if (m.starts_with("ingest.")) {
      PlaceIntake(f, p);
    } else if (f.topic == Topic::kConditions && !ArgOf(f.args, "material_status").empty()) {
      PlaceCondition(f, p);
    } else {
      PlaceField(f, p);
    }
    return p;
  }

  // Conditions whose own problem is a form entry that has its own item join that item.
  void JoinSameField(std::vector<Placed>& placed) const {
    for (Placed& p : placed) {
      if (!joinable_.count(p.part.rule_id)) continue;
      for (const Placed& q : placed) {
        if (&q == &p || q.part.rule_id == p.part.rule_id || joinable_.count(q.part.rule_id))
          continue;
        const bool same = std::any_of(p.facts.begin(), p.facts.end(), [&](const SourceRef& a) {
          return !a.location.empty() &&
                 std::any_of(q.facts.begin(), q.facts.end(), [&](const SourceRef& b) {
                   return a.file == b.file && a.location == b.location;
                 });
        });
        if (same && q.subject != p.subject && Material(q.subject) == nullptr) {
          p.subject = q.subject;
          p.part.absorbed = true;
          break;
        }
      }
    }
  }

  const MaterialResult* Material(const std::string& id) const {
    for (const MaterialResult& m : r_.materials) {
      if (m.id == id) return &m;
    }
    return nullptr;
  }

  std::size_t MaterialOrder(const std::string& id) const {
    for (std::size_t i = 0; i < r_.materials.size(); ++i) {
      if (r_.materials[i].id == id) return i;
    }
    return r_.materials.size();
  }

 private:
  // The checklist material the application form satisfies: the material whose findings say
  // form=true, else the material listing the form's file.
  std::string FormMaterial() const {
    for (const Finding& f : r_.findings) {
      if (ArgOf(f.args, "form") == "true") return f.rule_id;
    }
    for (const Finding& f : r_.findings) {
      const bool about_form =
          f.message == "ingest.form_unreadable" || f.message == "ingest.form_format_not_readable" ||
          f.message == "ingest.form_no_fields" || f.message == "ingest.form_over_limit" ||
          f.message == "ingest.form_multiple";
      if (!about_form || f.evidence.empty()) continue;
      for (const MaterialResult& m : r_.materials) {
        if (std::find(m.files.begin(), m.files.end(), f.evidence.front().file) != m.files.end())
          return m.id;
      }
    }
    return "form";
  }

  // True when the form itself is missing or cannot be read: what it would have said (申请类型,
  // 机构类型) is then part of the demand for a readable form.
  bool FormBroken() const {
    for (const Finding& f : r_.findings) {
      if (f.severity != Severity::kBlocking) continue;
      if (f.message == "ingest.form_missing" || f.message == "ingest.form_unreadable" ||
          f.message == "ingest.form_format_not_readable" || f.message == "ingest.form_no_fields" ||
          f.message == "ingest.form_over_limit" || f.message == "ingest.empty_folder" ||
          f.message == "ingest.form_multiple") {
        return true;
      }
      if (f.rule_id == form_id_ && f.topic == Topic::kMaterials) return true;
    }
    return false;
  }

  void PlaceMaterial(const Finding& f, Placed& p) const {
    const std::string& m = f.message;
    p.subject = f.rule_id;
    if (m == "completeness.material_missing") {
      p.part.fault = Fault::kMissing;
    } else if (m.starts_with("completeness.material_unreadable.")) {
      p.part.fault = FileFault(m.substr(std::string("completeness.material_unreadable.").size()));
    } else if (m == "completeness.material_format_not_accepted") {
      p.part.fault = Fault::kWrongFormat;
      p.part.wording = "correction.material.format_not_accepted";
      return;
    }
    p.part.wording = std::string("correction.material.") + FaultName(p.part.fault);
  }

  void PlaceIntake(const Finding& f, Placed& p) const {
    static const std::map<std::string, std::pair<Fault, const char*>> kForm = {
        {"ingest.form_missing", {Fault::kMissing, "correction.material.missing"}},
        {"ingest.form_unreadable", {Fault::kUnreadable, "correction.material.unreadable"}},
        {"ingest.form_over_limit", {Fault::kUnreadable, "correction.form.over_limit"}},
        {"ingest.form_format_not_readable",
         {Fault::kWrongFormat, "correction.ingest.form_format_not_readable"}},
        {"ingest.form_no_fields", {Fault::kNotFilled, "correction.ingest.form_no_fields"}},
        {"ingest.form_multiple", {Fault::kContradictsForm, "correction.ingest.form_multiple"}},
    };
    auto it = kForm.find(f.message);
    if (it != kForm.end()) {
      p.subject = form_id_;
      p.part.fault = it->second.first;
      p.part.wording = it->second.second;
      if (const MaterialResult* m = Material(form_id_))
        p.part.args.emplace_back("material", m->name);
      return;
    }
    if (f.message == "ingest.empty_folder") {
      p.subject = "dossier";
      p.part.fault = Fault::kMissing;
      p.part.wording = "correction.ingest.empty_folder";
      return;
    }
    // Other blocking intake problems: no wording of their own, the finding's message is used.
    p.part.fault = Fault::kUnreadable;
    p.part.wording = "correction." + f.message;
  }

  // A condition resting on materials: the first missing or unreadable one is the subject and
  // the condition adds what the form says (fact) or, when the form says it is not met, what to
  // do; with all its materials there, the first material is the subject.
  void PlaceCondition(const Finding& f, Placed& p) {
    const std::string stated = ArgOf(f.args, "stated");
    const std::string value = ArgOf(f.args, "value");
    const std::string& m = f.message;
    const bool none = m.size() > 5 && m.compare(m.size() - 5, 5, ".none") == 0;
    const bool form_says_no =
        stated == "no" || none || m.starts_with("crosscheck.fulltime_staff") ||
        m.starts_with("crosscheck.experts") || m.starts_with("crosscheck.supervisors") ||
        m.starts_with("crosscheck.assessors_per_occupation");
    const MaterialResult* bad = nullptr;
    const MaterialResult* first = nullptr;
    std::string ids = ArgOf(f.args, "material");
    for (std::size_t i = 0; i < ids.size();) {
      std::size_t j = ids.find(' ', i);
      if (j == std::string::npos) j = ids.size();
      if (const MaterialResult* mr = Material(ids.substr(i, j - i))) {
        if (first == nullptr) first = mr;
        if (bad == nullptr && Problematic(*mr) && (mr->required || !mr->files.empty())) bad = mr;
      }
      i = j + 1;
    }
    p.part.wording = "correction." + m;
    if (bad != nullptr) {
      p.subject = bad->id;
      if (form_says_no) {
        p.part.fault = Fault::kNotMet;
      } else if (!ArgOf(f.args, "field").empty() && !value.empty()) {
        p.part.fault = Fault::kMissing;
        p.part.wording = "correction.stated";
      } else {
        p.part.fault = Fault::kMissing;
        p.part.absorbed = true;
        p.part.wording = "";
      }
      return;
    }
    p.subject = first != nullptr ? first->id : f.rule_id;
    p.part.fault = form_says_no    ? Fault::kNotMet
                   : value.empty() ? Fault::kNotFilled
                                   : Fault::kContradictsForm;
    if (!form_says_no) joinable_[f.rule_id] = true;
  }

  // Form fields, occupation rows, jurisdiction, Art. 8 and Art. 9 entries.
  void PlaceField(const Finding& f, Placed& p) const {
    const std::string field = ArgOf(f.args, "field");
    const std::string seq = ArgOf(f.args, "seq");
    if (f.topic == Topic::kOccupations) {
      p.subject = seq.empty() ? f.rule_id : "occupation:" + seq;
    } else if (!field.empty()) {
      p.subject = field;
    } else if (f.message == "extract.uscc_bad_format" || f.message == "extract.uscc_bad_checksum") {
      p.subject = "unified_credit_code";
    }
    const bool blank =
        f.message == "extract.field_missing" || f.message == "crosscheck.occupation_list_empty" ||
        f.message == "crosscheck.change_items_present" ||
        f.message == "crosscheck.jurisdiction_unresolved" ||
        (f.message == "crosscheck.renewal_expiry_present" && ArgOf(f.args, "value").empty());
    p.part.fault = blank ? Fault::kNotFilled : Fault::kContradictsForm;
    p.part.wording = "correction." + f.message;
  }

  const CaseReport& r_;
  std::string form_id_;
  std::map<std::string, bool> joinable_;
};

const char* GroupOf(const CorrectionItem& item) {
  if (item.subject.starts_with("occupation") || item.subject.starts_with("OCC-"))
    return "occupations";
  switch (item.fault) {
    case Fault::kMissing:
    case Fault::kUnreadable:
    case Fault::kWrongFormat:
      return "materials";
    case Fault::kNotMet:
      return "conditions";
    case Fault::kNotFilled:
    case Fault::kContradictsForm:
      return "form";
  }
  return "form";
}

int GroupRank(const std::string& g) {
  if (g == "materials") return 0;
  if (g == "conditions") return 1;
  if (g == "form") return 2;
  return 3;
}

// The item's fault: not_met wins (the applicant must act, not only send), then the fault of
// the first part that prints words.
Fault ItemFault(const std::vector<CorrectionPart>& parts) {
  for (const CorrectionPart& p : parts) {
    if (p.fault == Fault::kNotMet) return Fault::kNotMet;
  }
  for (const CorrectionPart& p : parts) {
    if (!p.absorbed && p.wording != "correction.stated") return p.fault;
  }
  return parts.front().fault;
}

}  // namespace

const char* FaultName(Fault f) { return NameOf(kFaultNames, f, "missing"); }

std::vector<CorrectionItem> BuildCorrections(const CaseReport& report) {
  Classifier c(report);
  std::vector<Placed> placed;
  std::vector<std::string> basis;
  for (const Finding& f : report.findings) {
    if (f.severity != Severity::kBlocking || f.consequence != Consequence::kCorrect) continue;
    placed.push_back(c.Place(f));
    basis.push_back(ArgOf(f.args, "basis"));
  }
  c.JoinSameField(placed);
  std::vector<CorrectionItem> items;
  std::vector<std::size_t> first_seen;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const CorrectionItem& x) { return x.subject == placed[i].subject; });
    if (it == items.end()) {
      items.emplace_back();
      items.back().subject = placed[i].subject;
      first_seen.push_back(i);
      it = items.end() - 1;
    }
    CorrectionPart part = placed[i].part;
    // What the form states comes first, in the order of the findings.
    const auto lead_end =
        std::find_if(it->parts.begin(), it->parts.end(),
                     [](const CorrectionPart& q) { return q.wording != "correction.stated"; });
    it->parts.insert(part.wording == "correction.stated" ? lead_end : it->parts.end(),
                     std::move(part));
    if (std::find(it->rules.begin(), it->rules.end(), placed[i].part.rule_id) == it->rules.end())
      it->rules.push_back(placed[i].part.rule_id);
    for (const SourceRef& s : placed[i].facts) {
      if (std::none_of(it->facts.begin(), it->facts.end(), [&](const SourceRef& x) {
            return x.file == s.file && x.location == s.location;
          })) {
        it->facts.push_back(s);
      }
    }
    if (it->basis.empty()) it->basis = basis[i];
  }
  for (CorrectionItem& item : items) {
    item.fault = ItemFault(item.parts);
    item.group = GroupOf(item);
  }
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int ga = GroupRank(items[a].group), gb = GroupRank(items[b].group);
    if (ga != gb) return ga < gb;
    const std::size_t ma = c.MaterialOrder(items[a].subject),
                      mb = c.MaterialOrder(items[b].subject);
    if (ma != mb) return ma < mb;
    return first_seen[a] < first_seen[b];
  });
  std::vector<CorrectionItem> out;
  for (std::size_t i : order) out.push_back(std::move(items[i]));
  return out;
}

}  // namespace pipeline::model
