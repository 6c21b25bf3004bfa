#include "pipeline/report/document_data.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/report/corrections.h"
#include "pipeline/report/report_json.h"

namespace pipeline::report {

using nlohmann::json;

std::string DocNumberFormats::For(const std::string& authority_code) const {
  auto it = by_authority.find(authority_code);
  return it != by_authority.end() ? it->second : fallback;
}

Status ParseDocNumberFormats(const json& value, const std::string& path, DocNumberFormats* out,
                             const std::string& key) {
  *out = DocNumberFormats{};
  if (value.is_string()) {
    out->fallback = value.get<std::string>();
    return Status::Ok();
  }
  const Status bad = Status::InvalidData("key \"" + key +
                                             "\" must be a string, or an object of authority codes "
                                             "(e.g. \"220100\") and \"default\" to strings",
                                         path);
  if (!value.is_object()) return bad;
  for (const auto& [code, format] : value.items()) {
    const bool six_digits =
        code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos;
    if (!format.is_string() || (code != "default" && !six_digits)) return bad;
    if (code == "default") {
      out->fallback = format.get<std::string>();
    } else {
      out->by_authority[code] = format.get<std::string>();
    }
  }
  return Status::Ok();
}

Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs, const std::string& path,
                                          const MessageCatalog* messages) {
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  json j = json::parse(*text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  return OfficeSettingsFromJson(j, path, messages);
}

Result<OfficeSettings> OfficeSettingsFromLayers(const LayeredSettings& settings,
                                                const MessageCatalog* messages) {
  Result<OfficeSettings> out = Status::InvalidData("no settings file", "office.json");
  for (std::size_t i = 1; i <= settings.layers.size(); ++i) {
    out = OfficeSettingsFromJson(settings.MergedUpTo(i), settings.layers[i - 1].path, messages);
    if (!out) return out;
  }
  return out;
}

Result<OfficeSettings> LoadOfficeSettings(const FileSystem& fs,
                                          const std::vector<std::string>& files,
                                          const MessageCatalog* messages) {
  Result<LayeredSettings> layered = LoadLayeredSettings(fs, files);
  if (!layered) return layered.error();
  return OfficeSettingsFromLayers(*layered, messages);
}

namespace {

// Settings that were removed: a file still setting one is refused (the office would otherwise
// believe it still acts). opinion_form (issue 20): the 初评意见 and 续期评估意见 are the expert
// group's documents only.
constexpr const char* kRemovedSettings[] = {"opinion_form"};

}  // namespace

Result<OfficeSettings> OfficeSettingsFromJson(const json& j, const std::string& path,
                                              const MessageCatalog* messages) {
  if (j.is_discarded() || !j.is_object()) {
    return Status::InvalidData("not a JSON object", path);
  }
  for (const char* key : kRemovedSettings) {
    if (!j.contains(key)) continue;
    const std::string message_key = std::string("settings.removed.") + key;
    return Status::InvalidData(messages != nullptr && messages->Has(message_key)
                                   ? messages->Format(message_key, {{"key", key}})
                                   : std::string("key \"") + key + "\" was removed",
                               path);
  }
  OfficeSettings s;
  // Every key is required so that a typo in the file is caught, not silently defaulted.
  auto get_string = [&](const char* key, std::string* out) -> Status {
    if (!j.contains(key) || !j[key].is_string()) {
      return Status::InvalidData(std::string("key \"") + key + "\" must be a string", path);
    }
    *out = j[key].get<std::string>();
    return Status::Ok();
  };
  if (!j.contains("draft") || !j["draft"].is_boolean()) {
    return Status::InvalidData("key \"draft\" must be true or false", path);
  }
  s.draft = j["draft"].get<bool>();
  if (j.contains("allow_fallback_fonts")) {
    if (!j["allow_fallback_fonts"].is_boolean()) {
      return Status::InvalidData("key \"allow_fallback_fonts\" must be true or false", path);
    }
    s.allow_fallback_fonts = j["allow_fallback_fonts"].get<bool>();
  }
  // The 补正 deadline is left open by the regulation: null (or 0) = no deadline printed.
  if (j.contains("correction_deadline_working_days") &&
      !j["correction_deadline_working_days"].is_null()) {
    if (!j["correction_deadline_working_days"].is_number_integer() ||
        j["correction_deadline_working_days"].get<int>() < 0) {
      return Status::InvalidData(
          "key \"correction_deadline_working_days\" must be null or a whole number >= 0", path);
    }
    s.correction_deadline_working_days = j["correction_deadline_working_days"].get<int>();
  }
  if (j.contains("correction_deadline_from")) {
    PIPELINE_RETURN_IF_ERROR(get_string("correction_deadline_from", &s.correction_deadline_from));
    if (s.correction_deadline_from != "delivery" && s.correction_deadline_from != "doc_date") {
      return Status::InvalidData(
          "key \"correction_deadline_from\" must be \"delivery\" or \"doc_date\"", path);
    }
  }
  PIPELINE_RETURN_IF_ERROR(get_string("correction_lapse_text", &s.correction_lapse_text));
  if (!j.contains("doc_number_format")) {
    return Status::InvalidData("key \"doc_number_format\" must be a string", path);
  }
  PIPELINE_RETURN_IF_ERROR(
      ParseDocNumberFormats(j["doc_number_format"], path, &s.doc_number_format));
  PIPELINE_RETURN_IF_ERROR(get_string("date_format", &s.date_format));
  PIPELINE_RETURN_IF_ERROR(get_string("expert_group", &s.expert_group));
  PIPELINE_RETURN_IF_ERROR(get_string("opinion_addressee", &s.opinion_addressee));
  PIPELINE_RETURN_IF_ERROR(get_string("copy_to", &s.copy_to));
  PIPELINE_RETURN_IF_ERROR(get_string("print_office", &s.print_office));
  PIPELINE_RETURN_IF_ERROR(get_string("contact", &s.contact));
  for (const auto& [key, out] :
       {std::pair{"remedy_text", &s.remedy_text},
        std::pair{"expired_renewal_text", &s.expired_renewal_text},
        std::pair{"unchanged_validity_text", &s.unchanged_validity_text}}) {
    if (j.contains(key)) PIPELINE_RETURN_IF_ERROR(get_string(key, out));
  }
  // Output file name of each document kind of the decision table.
  static constexpr std::pair<const char*, const char*> kFileKeys[] = {
      {"preliminary_opinion", "opinion_file"},    {"correction_notice", "notice_file"},
      {"referral_notice", "referral_file"},       {"transfer_letter", "transfer_file"},
      {"refusal_notice", "refusal_file"},         {"renewal_opinion", "renewal_file"},
      {"termination_notice", "termination_file"}, {"worksheet", "worksheet_file"}};
  for (const auto& [kind, key] : kFileKeys) {
    std::string name;
    PIPELINE_RETURN_IF_ERROR(get_string(key, &name));
    if (name.empty() || name.find('/') != std::string::npos || name == "report.json") {
      return Status::InvalidData(std::string("key \"") + key + "\" must be a plain file name",
                                 path);
    }
    s.files[kind] = name;
  }
  s.opinion_file = s.files["preliminary_opinion"];
  s.notice_file = s.files["correction_notice"];
  return s;
}

Contact SplitContact(const std::string& contact) {
  auto phone_char = [](char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '(' || c == ')' || c == '+' || c == ' ';
  };
  std::size_t start = contact.size();
  while (start > 0 && phone_char(contact[start - 1])) --start;
  std::string phone = TrimSpace(std::string_view(contact).substr(start));
  if (std::count_if(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }) < 5) {
    return {};
  }
  std::vector<char32_t> person = DecodeUtf8(contact.substr(0, start));
  while (!person.empty() &&
         (IsWhiteSpace(person.back()) || u_ispunct(static_cast<UChar32>(person.back())))) {
    person.pop_back();
  }
  std::string out;
  for (char32_t c : person) AppendUtf8(c, out);
  return {TrimSpace(out), phone};
}

void AddCopyTo(json& document, const std::string& name, const MessageCatalog& messages) {
  if (name.empty()) return;
  const std::string now = document.value("copy_to", "");
  if (now.find(name) != std::string::npos) return;
  document["copy_to"] =
      now.empty() ? name : now + messages.Format("document.copy_to_separator") + name;
}

bool MaterialsComplete(const model::CaseReport& report) {
  if (report.materials.empty()) return false;
  for (const auto& m : report.materials) {
    // An uncertain material (to be confirmed by a person) is a review item, not a demand.
    if (m.required && m.status != model::MaterialStatus::kPresent &&
        m.status != model::MaterialStatus::kUncertain) {
      return false;
    }
  }
  for (const auto& f : report.findings) {
    // Ingest-level blocking findings (no form, unreadable form, ...) also make it incomplete.
    if (f.severity == model::Severity::kBlocking && f.rule_id.rfind("ING-", 0) == 0) return false;
  }
  return true;
}

Deadline CorrectionDeadline(const OfficeSettings& office, const WorkCalendar& calendar,
                            const Date& today) {
  Deadline d;
  if (office.correction_deadline_working_days <= 0) return d;
  d.set = true;
  d.date = calendar.AddWorkingDays(today, office.correction_deadline_working_days);
  d.counted = calendar.Covers(today) && calendar.Covers(d.date);
  return d;
}

namespace {

// Files and places in words. Official text leaves out places that have no wording (an XML
// form's element path is not for an applicant's eyes); the worksheet keeps them.
std::string EvidenceText(const std::vector<model::SourceRef>& evidence,
                         const MessageCatalog& messages, bool internal) {
  std::string out;
  for (const auto& e : evidence) {
    if (e.file.empty()) continue;
    if (!out.empty()) out += messages.Format("document.evidence_separator");
    const std::string place = LocationText(e.location, messages);
    out += e.file + (internal || place != e.location ? place : std::string());
  }
  return out;
}

json Item(const model::Finding& f, const MessageCatalog& messages, bool internal) {
  json item = {{"message", messages.Format(f.message, f.args)}};
  // Official text names a place in the form only; material files are named by the message.
  const bool located = std::any_of(f.evidence.begin(), f.evidence.end(),
                                   [](const auto& e) { return !e.location.empty(); });
  if (internal || located) {
    std::string ev = EvidenceText(f.evidence, messages, internal);
    // The worksheet only: the technical detail of an unreadable file (report_json.cc).
    if (const std::string detail = model::TechnicalDetail(f); internal && !detail.empty()) {
      if (!ev.empty()) ev += messages.Format("document.evidence_separator");
      ev += messages.Format("worksheet.technical_detail", {{"detail", detail}});
    }
    if (!ev.empty()) item["evidence"] = ev;
  }
  if (internal) {
    item["rule"] = f.rule_id;
    item["severity"] = model::SeverityName(f.severity);
  }
  return item;
}

bool Blocking(const model::Finding& f, model::Consequence c) {
  return f.severity == model::Severity::kBlocking && f.consequence == c;
}

json ExcludedOccupations(const model::CaseReport& r, const MessageCatalog& messages) {
  json out = json::array();
  for (const model::OccupationResult& o : r.occupations) {
    if (!o.excluded) continue;
    out.push_back({{"seq", o.requested.seq},
                   {"name", o.requested.name},
                   {"code", o.requested.code},
                   {"reason", ExclusionReasonText(o, messages)}});
  }
  return out;
}

// The correction notice's items, grouped (materials, conditions, form, occupations): the
// correction items of pipeline/model/correction.h worded as in report.json `corrections[]`,
// so the notice and report.json cannot differ. `cites` is set when an item cites an article
// (the notice then names the instrument once).
json CorrectionGroups(const json& corrections, bool* cites) {
  json groups = json::array();
  for (const json& c : corrections) {
    if (!c["basis"].is_null()) *cites = true;
    if (groups.empty() || groups.back()["group"] != c["group"]) {
      groups.push_back({{"group", c["group"]}, {"items", json::array()}});
    }
    groups.back()["items"].push_back({{"message", c["text"]}});
  }
  return groups;
}

// The reasons of a 不予备案告知书: each not_eligible finding in the refusal's own words
// (refusal.<message>: the facts and the article quoted as written, citing 《办法》 after the
// notice has named the instrument), else the finding's message.
json RefusalReasons(const model::CaseReport& r, const MessageCatalog& messages) {
  json out = json::array();
  for (const model::Finding& f : r.findings) {
    if (!Blocking(f, model::Consequence::kNotEligible)) continue;
    const std::string key = "refusal." + f.message;
    out.push_back({{"message", messages.Has(key) ? messages.Format(key, f.args)
                                                 : messages.Format(f.message, f.args)}});
  }
  return out;
}

// The 初评意见's Art. 6 conditions (Art. 8 and 9 are procedure, not 设立条件) and its
// conclusion computed from them: a condition still under review or with a pending check is
// open (the group ticks □符合 □不符合 on the copy it signs),
// and an excluded occupation is never followed by an unqualified 未见不符合.
// The conditions of the 初评意见: Art. 6 in section 三, a change's Art. 8 in its own section
// (procedure, not a condition of Art. 6). A condition beian could not settle (review, pending)
// is a point the group decides: it names its choice slot (`art6_N`, `art8`), set with `beian
// edit` to 符合 or 不符合 (the template's <choice-slots>).
void AddOpinionSections(const model::CaseReport& r, json& d) {
  json conditions = json::array(), change = json::array();
  bool open = false;
  const bool is_change = r.application.kind.value == model::ApplicationKind::kChange;
  for (const model::ConditionResult& c : r.conditions) {
    const bool art6 = c.id.rfind("art6", 0) == 0;
    const bool art8 = c.id == "art8" && is_change;
    if (!(art6 || art8) || c.state == model::ConditionState::kNotApplicable) continue;
    const bool is_open =
        c.state == model::ConditionState::kReview || c.state == model::ConditionState::kPending;
    open = open || is_open;
    std::string slot = c.id;
    std::replace(slot.begin(), slot.end(), '.', '_');
    json item = {{"id", c.id},
                 {"article", c.article},
                 {"title", c.title},
                 {"state", model::ConditionStateName(c.state)},
                 {"open", is_open}};
    if (is_open) item["slot"] = slot;
    (art6 ? conditions : change).push_back(std::move(item));
  }
  const bool excluded = d.contains("excluded_occupations");
  d["opinion_conclusion"] =
      open ? (excluded ? "open_excluded" : "open") : (excluded ? "excluded" : "clear");
  if (!conditions.empty()) d["art6_conditions"] = std::move(conditions);
  if (!change.empty()) d["art8_conditions"] = std::move(change);
}

// The worksheet: every finding with its evidence and rule id, the pending checks, and notes
// on what beian could not do (e.g. count a deadline), each with a blank for the decision.
json WorksheetObject(const model::CaseReport& r, const OfficeSettings& office,
                     const WorkCalendar& calendar, const Date& today,
                     const MessageCatalog& messages) {
  json w = json::object();
  json review = json::array(), blocking = json::array(), info = json::array();
  for (const model::Finding& f : r.findings) {
    json item = Item(f, messages, true);
    item["consequence"] =
        messages.Format(std::string("consequence.") + model::ConsequenceName(f.consequence));
    if (f.severity == model::Severity::kReview) review.push_back(std::move(item));
    if (f.severity == model::Severity::kBlocking) blocking.push_back(std::move(item));
    if (f.severity == model::Severity::kInfo) info.push_back(std::move(item));
  }
  json pending = json::array();
  for (const model::PendingCheck& p : r.pending_checks) {
    pending.push_back({{"id", p.id}, {"title", p.title}, {"action", p.action}});
  }
  json notes = json::array();
  const Deadline deadline = CorrectionDeadline(office, calendar, today);
  if (deadline.set && !deadline.counted) {
    notes.push_back(
        messages.Format("worksheet.calendar_gap",
                        {{"days", std::to_string(office.correction_deadline_working_days)},
                         {"year", std::to_string(deadline.date.year)},
                         {"file", "data/holidays_cn.tsv"}}));
  }
  json corrections = json::array();
  for (const json& c : CorrectionsJson(r, messages)) {
    std::string places;
    for (const json& f : c["facts"]) {
      if (f["file"].get<std::string>().empty()) continue;
      if (!places.empty()) places += messages.Format("document.evidence_separator");
      places += f["file"].get<std::string>() + f["location_text"].get<std::string>();
    }
    std::string rules;
    for (const json& id : c["rules"]) rules += (rules.empty() ? "" : " ") + id.get<std::string>();
    json item = {{"text", c["text"]}, {"rules", rules}};
    if (!places.empty()) item["evidence"] = places;
    corrections.push_back(std::move(item));
  }
  w["corrections"] = std::move(corrections);
  w["review"] = std::move(review);
  w["blocking"] = std::move(blocking);
  w["info"] = std::move(info);
  w["pending"] = std::move(pending);
  w["notes"] = std::move(notes);
  return w;
}

std::string DocNumber(const std::string& format, const Date& today) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (format.compare(i, 6, "{year}") == 0) {
      out += std::to_string(today.year);
      i += 6;
    } else if (format.compare(i, 3, "{n}") == 0) {
      out += "  ";  // the sequence number is assigned when the document is issued
      i += 3;
    } else {
      out += format[i++];
    }
  }
  return out;
}

// The worksheet's notes on a drafted 终止备案通知: it is the decision to be issued after the
// Art. 10 evaluation (its blanks and the Art. 13 wind-up to check before deciding), and a filing
// that had expired by the day of the check (the form's 备案有效期至; the letter does not say so).
void AddTerminationNotes(const model::CaseReport& report, const OfficeSettings& office,
                         const Date& today, const MessageCatalog& messages, json& notes) {
  const bool drafted =
      std::any_of(report.documents.begin(), report.documents.end(),
                  [](const model::DraftedDocument& d) { return d.kind == "termination_notice"; });
  if (!drafted) return;
  notes.push_back(messages.Format("worksheet.termination_after_evaluation"));
  const auto& until = report.application.filing_valid_until;
  if (until.parsed && until.value < today) {
    notes.push_back(messages.Format("worksheet.termination_filing_expired",
                                    {{"until", FormatDate(until.value, office.date_format)},
                                     {"today", FormatDate(today, office.date_format)}}));
  }
}

}  // namespace

json DocumentObject(const model::CaseReport& report, const DocumentSpec& spec,
                    const OfficeSettings& office, const WorkCalendar& calendar, const Date& today,
                    const std::string& office_authority_name, const MessageCatalog& messages,
                    const std::string& office_authority_code) {
  json d = json::object();
  std::string issuer = office_authority_name;
  std::string issuer_code = office_authority_code;
  std::string drafted_for = "office";  // worksheet: whose name the drafts are in, and why
  if (issuer.empty() && !report.jurisdiction.authority_to_confirm) {
    issuer = report.jurisdiction.authority;
    issuer_code = report.jurisdiction.code;
    drafted_for = "dossier";
  }
  if (issuer.empty()) drafted_for = "blank";
  // A bureau letter always has its sender, 主送 and 署名: a blank the clerk fills in when the
  // authority cannot be told (no readable form, an unconfirmed competent department).
  if (issuer.empty() && spec.sender == "bureau") {
    d["issuer"] = messages.Format("document.blank_issuer");
  } else if (!issuer.empty()) {
    d["issuer"] = issuer;
  }
  if (spec.sender == "bureau" && report.application.institution_name.value.empty()) {
    d["addressee_blank"] = messages.Format("document.blank_addressee");
  }
  d["kind"] = spec.kind;
  d["date"] = FormatDate(today, office.date_format);
  d["draft"] = office.draft;
  if (!office.copy_to.empty()) d["copy_to"] = office.copy_to;
  if (!office.print_office.empty()) d["print_office"] = office.print_office;
  if (!office.contact.empty()) {
    d["contact"] = office.contact;
    const Contact contact = SplitContact(office.contact);
    if (!contact.phone.empty()) d["contact_phone"] = contact.phone;
    if (!contact.person.empty()) d["contact_person"] = contact.person;
  }
  json excluded = ExcludedOccupations(report, messages);
  if (!excluded.empty()) d["excluded_occupations"] = std::move(excluded);
  // GB/T 9704 版头: a bureau document always has its 发文字号 line (and so the red separator
  // line under it): the office's format, else a blank 机关代字 with the year, the number blank.
  const std::string number_format = office.doc_number_format.For(issuer_code);
  if (spec.sender == "bureau") {
    d["doc_number"] = DocNumber(
        number_format.empty() ? messages.Format("document.blank_doc_number_format") : number_format,
        today);
  }
  if (spec.sender == "expert_group") {
    d["expert_group"] = office.expert_group;
    if (!office.opinion_addressee.empty()) {
      d["addressee"] = office.opinion_addressee;
    } else if (!issuer.empty()) {
      d["addressee"] = issuer;
    }
  }
  if (spec.kind == "preliminary_opinion") AddOpinionSections(report, d);
  if (spec.kind == "correction_notice") {
    const Deadline deadline = CorrectionDeadline(office, calendar, today);
    if (deadline.set && office.correction_deadline_from == "delivery") {
      d["deadline_days"] = std::to_string(office.correction_deadline_working_days);
    } else if (deadline.set && deadline.counted) {
      d["deadline"] = FormatDate(deadline.date, office.date_format);
    } else if (deadline.set) {
      d["deadline_blank"] = true;
    }
    if (!office.correction_lapse_text.empty()) d["lapse_text"] = office.correction_lapse_text;
    bool cites = false;
    json groups = CorrectionGroups(CorrectionsJson(report, messages), &cites);
    if (cites) d["cites_instrument"] = true;
    // Section numbers after the groups: the excluded occupations (if any), then 补正要求.
    const std::size_t excluded_section = groups.size() + 1;
    d["excluded_section"] = std::to_string(excluded_section);
    d["requirements_section"] =
        std::to_string(excluded_section + (d.contains("excluded_occupations") ? 1 : 0));
    if (!groups.empty()) d["groups"] = std::move(groups);
  }
  if (spec.kind == "refusal_notice") {
    json reasons = RefusalReasons(report, messages);
    // The decision per application kind: a renewal is 不予续期备案; an 增加职业 refused only
    // for its occupations refuses those, the filing stands.
    const model::ApplicationKind kind = report.application.kind.value;
    d["decision"] = kind == model::ApplicationKind::kRenewal ? "renewal"
                    : kind == model::ApplicationKind::kAddOccupation && reasons.empty() &&
                            d.contains("excluded_occupations")
                        ? "add_occupation"
                        : "filing";
    if (!reasons.empty()) d["reasons"] = std::move(reasons);
    if (!office.remedy_text.empty()) d["remedy_text"] = office.remedy_text;
    if (!office.expired_renewal_text.empty() &&
        std::any_of(report.findings.begin(), report.findings.end(), [](const model::Finding& f) {
          return f.message == "crosscheck.renewal_after_expiry";
        })) {
      d["expired_renewal_text"] = office.expired_renewal_text;
    }
  }
  if (spec.kind == "referral_notice" || spec.kind == "transfer_letter") {
    // Where the materials are forwarded (the 移送函's 主送, the department the applicant's
    // letter names): the competent department, or a visible blank while the data says its
    // competence is unconfirmed (the worksheet says so).
    if (!report.jurisdiction.authority.empty() && !report.jurisdiction.competence_to_confirm) {
      d["competent_authority"] = report.jurisdiction.authority;
    } else {
      d["competent_authority_blank"] = messages.Format("document.blank_issuer");
    }
  }
  if (spec.kind == "worksheet") {
    d["worksheet"] = WorksheetObject(report, office, calendar, today, messages);
    d["worksheet"]["notes"].push_back(
        messages.Format("worksheet.drafted_for." + drafted_for, {{"authority", issuer}}));
    if (report.conclusion == model::Conclusion::kReferred &&
        (report.jurisdiction.authority.empty() || report.jurisdiction.competence_to_confirm)) {
      d["worksheet"]["notes"].push_back(messages.Format("worksheet.referral_authority_blank",
                                                        {{"name", report.jurisdiction.name}}));
    }
    if (report.conclusion == model::Conclusion::kNotEligible && office.remedy_text.empty()) {
      d["worksheet"]["notes"].push_back(messages.Format("worksheet.remedy_unset"));
    }
    AddTerminationNotes(report, office, today, messages, d["worksheet"]["notes"]);
  }
  return d;
}
}  // namespace pipeline::report
