#include "pipeline/crosscheck/jurisdiction.h"

#include <algorithm>

#include "pipeline/core/text.h"
#include "pipeline/core/tsv.h"
#include "pipeline/model/application.h"

namespace pipeline::crosscheck {
namespace {

constexpr char kToConfirm[] = "TO_CONFIRM";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Result<Authorities> Authorities::FromTsv(std::string_view text, const std::string& file) {
  Result<TsvTable> t = ParseTsv(text, file, {"code", "name", "authority"});
  if (!t) return t.error();
  const auto c_code = static_cast<std::size_t>(t->Column("code"));
  const auto c_name = static_cast<std::size_t>(t->Column("name"));
  const auto c_auth = static_cast<std::size_t>(t->Column("authority"));
  const int c_competence = t->Column("competence");  // optional
  Authorities a;
  bool have_province = false;
  for (const TsvTable::Row& row : t->rows) {
    AuthorityEntry e;
    e.code = row.fields[c_code];
    e.name = row.fields[c_name];
    e.authority = row.fields[c_auth];
    e.line = row.line;
    if (e.code.empty() || e.name.empty() || e.authority.empty()) {
      return Status::InvalidData("empty code, name or authority", file, row.line);
    }
    e.competence_to_confirm =
        c_competence >= 0 && row.fields[static_cast<std::size_t>(c_competence)] == "to_confirm";
    if (e.authority == kToConfirm) {
      e.to_confirm = true;
      e.authority.clear();
    }
    if (a.FindCode(e.code) != nullptr) {
      return Status::InvalidData("duplicate code " + e.code, file, row.line);
    }
    e.is_province = e.code == model::kProvinceAuthority;
    if (e.is_province) {
      have_province = true;
      a.province_ = a.entries_.size();
    }
    a.entries_.push_back(std::move(e));
  }
  if (!have_province) {
    return Status::InvalidData(
        std::string("no province row (code ") + model::kProvinceAuthority + ")", file, 1);
  }
  return a;
}

const AuthorityEntry* Authorities::FindCode(std::string_view code) const {
  for (const AuthorityEntry& e : entries_) {
    if (e.code == code) return &e;
  }
  return nullptr;
}

const AuthorityEntry* Authorities::MatchRegion(std::string_view text,
                                               const std::vector<RegionAlias>& aliases) const {
  const std::string s = NormaliseCompact(text);
  if (s.empty()) return nullptr;
  // A 6-digit area code written in the cell.
  for (std::size_t i = 0; i + 6 <= s.size(); ++i) {
    if (!std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i),
                     s.begin() + static_cast<std::ptrdiff_t>(i + 6), IsDigit)) {
      continue;
    }
    if (i + 6 < s.size() && IsDigit(s[i + 6])) continue;
    if (const AuthorityEntry* e = FindCode(s.substr(i, 6)); e != nullptr && !e->is_province) {
      return e;
    }
  }
  struct Hit {
    std::size_t begin, end;
    const AuthorityEntry* entry;
  };
  std::vector<Hit> hits;
  auto add_all = [&](const std::string& needle, const AuthorityEntry* e) {
    if (e == nullptr || e->is_province || needle.empty()) return;
    for (std::size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) {
      hits.push_back({p, p + needle.size(), e});
    }
  };
  for (const AuthorityEntry& e : entries_) add_all(NormaliseCompact(e.name), &e);
  for (const RegionAlias& a : aliases) add_all(a.text, FindCode(a.code));
  const AuthorityEntry* best = nullptr;
  std::size_t best_begin = 0;
  for (const Hit& h : hits) {
    const bool inside_longer = std::any_of(hits.begin(), hits.end(), [&](const Hit& o) {
      return o.begin <= h.begin && h.end <= o.end && (o.end - o.begin) > (h.end - h.begin);
    });
    if (inside_longer) continue;
    if (best == nullptr || h.begin > best_begin) {
      best = h.entry;
      best_begin = h.begin;
    }
  }
  return best;
}

const AuthorityEntry* Authorities::FromCreditCode(std::string_view uscc) const {
  if (uscc.size() != 18) return nullptr;
  const std::string_view area = uscc.substr(2, 6);
  if (!std::all_of(area.begin(), area.end(), IsDigit) || area.substr(0, 2) != "22") return nullptr;
  if (const AuthorityEntry* e = FindCode(area); e != nullptr && !e->is_province) return e;
  const std::string prefecture = std::string(area.substr(0, 4)) + "00";
  if (const AuthorityEntry* e = FindCode(prefecture); e != nullptr && !e->is_province) return e;
  return nullptr;
}

Result<Authorities> LoadAuthorities(const FileSystem& fs, const std::string& data_dir) {
  const std::string path = JoinPath(data_dir, "jilin_authorities.tsv");
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error().WithContext("loading the authority table");
  return Authorities::FromTsv(*text, path);
}

model::Jurisdiction RouteJurisdiction(const model::Application& app, const Authorities& authorities,
                                      const std::optional<std::string>& office_code,
                                      RuleSink& sink) {
  model::Jurisdiction j;
  const AuthorityEntry* entry = nullptr;
  const model::Affiliation aff =
      app.affiliation.parsed ? app.affiliation.value : model::Affiliation::kUnknown;
  const std::string& uscc = app.unified_credit_code.value;
  const bool uscc_usable = app.uscc_check == model::CodeCheck::kValid ||
                           app.uscc_check == model::CodeCheck::kBadChecksum;

  if (aff == model::Affiliation::kCentralInProvince || aff == model::Affiliation::kProvincial) {
    entry = &authorities.Province();
    j.basis = model::JurisdictionBasis::kAffiliation;
    j.where = app.affiliation.where;
  } else {
    if (aff == model::Affiliation::kUnknown) {
      sink.Review("jurisdiction_affiliation_unknown", {{"value", app.affiliation.raw}},
                  {app.affiliation.where});
    }
    if (app.region.present) {
      entry = authorities.MatchRegion(app.region.raw, sink.rules().region_aliases());
      if (entry != nullptr) {
        j.basis = model::JurisdictionBasis::kRegion;
        j.where = app.region.where;
      }
    }
    if (entry == nullptr && uscc_usable) {
      entry = authorities.FromCreditCode(uscc);
      if (entry != nullptr) {
        j.basis = model::JurisdictionBasis::kCreditCode;
        j.where = app.unified_credit_code.where;
        sink.Review("jurisdiction_from_credit_code",
                    {{"region", app.region.raw}, {"code", entry->code}, {"name", entry->name}},
                    {app.region.where, app.unified_credit_code.where});
      }
    }
  }
  if (uscc_usable && uscc.compare(2, 2, "22") != 0) {
    sink.Review("jurisdiction_outside_jilin", {{"value", uscc}}, {app.unified_credit_code.where});
  }
  if (entry == nullptr) {
    sink.Fail("jurisdiction_unresolved",
              {{"affiliation", app.affiliation.raw}, {"region", app.region.raw}},
              {app.affiliation.where, app.region.where});
    return j;
  }
  j.code = entry->code;
  j.name = entry->name;
  j.authority = entry->authority;
  j.authority_to_confirm = entry->to_confirm;
  j.competence_to_confirm = entry->to_confirm || entry->competence_to_confirm;
  if (entry->to_confirm) {
    sink.Review("jurisdiction_authority_to_confirm", {{"code", entry->code}, {"name", entry->name}},
                {j.where});
  }
  if (office_code && *office_code != entry->code) {
    const AuthorityEntry* office = authorities.FindCode(*office_code);
    sink.Fail("jurisdiction_wrong_office",
              {{"office", office != nullptr ? office->name : *office_code},
               {"code", entry->code},
               {"name", entry->name},
               {"authority", entry->to_confirm ? entry->name : entry->authority},
               {"basis", model::JurisdictionBasisName(j.basis)}},
              {j.where});
  }
  return j;
}

}  // namespace pipeline::crosscheck
