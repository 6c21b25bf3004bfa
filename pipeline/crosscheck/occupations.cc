// The occupation catalogue cross-check (Art. 6, first paragraph).
#include <set>
#include <string>

#include "pipeline/core/text.h"
#include "pipeline/crosscheck/check.h"

namespace pipeline::crosscheck {

using model::CatalogueMatch;
using model::CatalogueOccupation;
using model::CatalogueStandard;

namespace {

constexpr std::size_t kMaxSuggestions = 3;

std::string JoinLevels(const std::vector<int>& levels) {
  std::string s;
  for (int l : levels) {
    if (!s.empty()) s += ',';
    s += std::to_string(l);
  }
  return s;
}

void AddSuggestions(const Catalogue& c, const model::RequestedOccupation& req,
                    model::OccupationResult& r) {
  for (const CatalogueMatch& m : c.SuggestNames(req.name, kMaxSuggestions)) {
    r.suggestions.push_back({m.occupation->code, m.occupation->name, m.score});
  }
}

std::string SuggestionText(const model::OccupationResult& r) {
  std::string s;
  for (const model::OccupationSuggestion& x : r.suggestions) {
    if (!s.empty()) s += "; ";
    s += x.code + " " + x.name;
  }
  return s;
}

void Exclude(model::OccupationResult& r, const char* reason) {
  if (r.excluded) return;  // the first reason stands
  r.excluded = true;
  r.exclusion_reason = reason;
}

}  // namespace

std::vector<model::OccupationResult> CheckOccupations(
    const std::vector<model::RequestedOccupation>& occupations, const Catalogue& catalogue,
    model::ApplicantType applicant_type, RuleSink& sink) {
  const bool social_org = applicant_type == model::ApplicantType::kSocialOrg;
  std::vector<model::OccupationResult> out;
  std::set<std::string> seen;
  for (const model::RequestedOccupation& req : occupations) {
    model::OccupationResult r;
    r.requested = req;
    const Args who = {{"seq", req.seq},
                      {"code", req.code.empty() ? req.code_raw : req.code},
                      {"name", req.name_raw}};
    auto args = [&](Args extra) {
      Args a = who;
      a.insert(a.end(), extra.begin(), extra.end());
      return a;
    };
    const CatalogueOccupation* by_code = req.code.empty() ? nullptr : catalogue.FindCode(req.code);
    const CatalogueOccupation* by_name = catalogue.FindName(req.name);
    const CatalogueOccupation* chosen = nullptr;
    if (by_code == nullptr) {
      r.problems.push_back(model::OccupationStatus::kUnknownCode);
      if (by_name != nullptr)
        r.suggestions.push_back({by_name->code, by_name->name, 1.0});
      else
        AddSuggestions(catalogue, req, r);
      sink.Fail("occupation_unknown_code", args({{"suggestions", SuggestionText(r)}}), {req.where});
      chosen = by_name;
    } else {
      chosen = by_code;
      r.catalogue_name = by_code->name;
      if (NormaliseCompact(by_code->name) != req.name) {
        r.problems.push_back(model::OccupationStatus::kNameMismatch);
        if (by_name != nullptr)
          r.suggestions.push_back({by_name->code, by_name->name, 1.0});
        else
          AddSuggestions(catalogue, req, r);
        // A near miss of the code's own name (中式烹饪师 for 中式烹调师) is likely a typo: a
        // person confirms it. A name that belongs elsewhere or nowhere must be corrected.
        const bool near_miss = by_name == nullptr && !r.suggestions.empty() &&
                               r.suggestions.front().code == by_code->code;
        sink.Fail(near_miss ? "occupation_name_near_miss" : "occupation_name_mismatch",
                  args({{"catalogue_name", by_code->name}, {"suggestions", SuggestionText(r)}}),
                  {req.where});
      }
    }
    if (chosen != nullptr) {
      r.major_group = chosen->major_group;
      if (!chosen->eligible_group()) {
        r.problems.push_back(model::OccupationStatus::kIneligibleGroup);
        sink.Fail("occupation_ineligible_group",
                  args({{"group", std::to_string(chosen->major_group)},
                        {"group_name", chosen->major_group_name}}),
                  {req.where});
        Exclude(r, "exclusion.ineligible_group");
      }
      for (const CatalogueStandard* s : catalogue.StandardsFor(chosen->code)) {
        r.standards.push_back(
            {s->published_code, s->published_name, s->work_type, s->edition_year, s->doc_number});
      }
      if (r.standards.empty() && chosen->eligible_group()) {
        r.problems.push_back(model::OccupationStatus::kNoNationalStandard);
        // Art. 3: a 社会培训评价组织 works only to 国家职业标准, so the occupation cannot be filed;
        // an employer may work to a filed 评价规范, which a person asks for.
        if (social_org) {
          sink.Emit("occupation_no_standard", model::Severity::kBlocking,
                    "crosscheck.occupation_no_standard.social_org",
                    args({{"catalogue_code", chosen->code}}), {req.where});
          Exclude(r, "exclusion.no_national_standard");
        } else {
          sink.Review("occupation_no_standard", args({{"catalogue_code", chosen->code}}),
                      {req.where});
        }
      }
    }
    // 特级技师 / 首席技师 (levels 0 and -1) were created for employers (人社部发〔2022〕14号).
    if (req.levels_parsed && social_org && !req.levels.empty() && req.levels.front() < 1) {
      sink.Review("occupation_level_employer_only", args({{"levels", req.levels_raw}}),
                  {req.where});
    }
    if (!req.levels_parsed) {
      r.problems.push_back(model::OccupationStatus::kInvalidLevel);
      sink.Fail("occupation_invalid_level", args({{"levels", req.levels_raw}}), {req.where});
    }
    if (!req.work_type.empty()) {
      bool standard_for_work_type = false;
      for (const model::StandardRef& s : r.standards) {
        if (NormaliseCompact(s.work_type) == req.work_type) standard_for_work_type = true;
      }
      sink.Review("occupation_work_type",
                  args({{"work_type", req.work_type},
                        {"standard_for_work_type", standard_for_work_type ? "yes" : "no"}}),
                  {req.where});
    }
    const std::string key = (req.code.empty() ? req.name : req.code) + "|" + req.work_type;
    if (!seen.insert(key).second) {
      sink.Fail("occupation_duplicate", args({{"levels", JoinLevels(req.levels)}}), {req.where});
    }
    r.status = r.problems.empty() ? model::OccupationStatus::kOk : r.problems.front();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pipeline::crosscheck
