#include "pipeline/evaluation/evaluation.h"

namespace pipeline::evaluation {
namespace {

SheetResult Sheet(const std::map<std::string, Score>& scores,
                  const std::vector<const Item*>& items) {
  SheetResult r;
  for (const Item* it : items) {
    ItemResult ir;
    ir.item = it;
    auto s = scores.find(it->id);
    if (s != scores.end()) ir.score = s->second;
    ir.vetoed = it->veto_below_tenths && ir.score.tenths < *it->veto_below_tenths;
    r.score_tenths += ir.score.tenths;
    r.max_tenths += it->max_tenths;
    r.vetoed = r.vetoed || ir.vetoed;
    r.items.push_back(std::move(ir));
  }
  return r;
}

// round(num / den) for non-negative values, halves away from zero (as Excel's ROUND).
int RoundDiv(long num, long den) {
  return den == 0 ? 0 : static_cast<int>((2 * num + den) / (2 * den));
}

nlohmann::json SheetJson(const SheetResult& s) {
  nlohmann::json items = nlohmann::json::array();
  for (const ItemResult& i : s.items) {
    items.push_back({{"id", i.item->id},
                     {"condition", i.item->condition},
                     {"group", i.item->group_title},
                     {"title", i.item->title},
                     {"max", Tenths(i.item->max_tenths)},
                     {"score", Tenths(i.score.tenths)},
                     {"remark", i.score.remark},
                     {"veto", i.item->veto_below_tenths.has_value()},
                     {"veto_below", i.item->veto_below_tenths ? Tenths(*i.item->veto_below_tenths)
                                                              : std::string()},
                     {"vetoed", i.vetoed}});
  }
  nlohmann::json vetoed = nlohmann::json::array();
  for (const ItemResult& i : s.items) {
    if (!i.vetoed) continue;
    vetoed.push_back({{"id", i.item->id},
                      {"title", i.item->title},
                      {"score", Tenths(i.score.tenths)},
                      {"line", Tenths(i.item->veto_below_tenths.value_or(0))}});
  }
  return {{"items", items},
          {"score", Tenths(s.score_tenths)},
          {"max", Tenths(s.max_tenths)},
          {"vetoed", vetoed}};
}

}  // namespace

EvaluationResult Evaluate(const FilledSheet& sheet, const Standard& st, model::ApplicantType type) {
  EvaluationResult r;
  r.common = Sheet(sheet.common, st.ItemsFor(Scope::kCommon, type));
  const std::vector<const Item*> occ = st.ItemsFor(Scope::kOccupation, type);
  long occ_sum = 0;
  for (const OccupationScores& o : sheet.occupations) {
    OccupationResult oc;
    oc.occupation = o.occupation;
    oc.sheet = Sheet(o.scores, occ);
    oc.percent_tenths = RoundDiv(1000L * oc.sheet.score_tenths, oc.sheet.max_tenths);
    oc.passed = !oc.sheet.vetoed && oc.percent_tenths >= st.pass_occupation_percent * 10;
    occ_sum += oc.sheet.score_tenths;
    r.occupation_max_tenths = oc.sheet.max_tenths;
    r.occupations.push_back(std::move(oc));
  }
  const long n = static_cast<long>(r.occupations.size());
  r.occupation_mean_tenths = n == 0 ? 0 : RoundDiv(occ_sum, n);
  const long max = r.common.max_tenths + r.occupation_max_tenths;
  r.percent_tenths = RoundDiv(1000L * (r.common.score_tenths + r.occupation_mean_tenths), max);
  bool any_occupation = false;
  for (const OccupationResult& o : r.occupations) any_occupation = any_occupation || o.passed;
  r.passed = !r.common.vetoed && r.percent_tenths >= st.pass_total_percent * 10 &&
             (r.occupations.empty() || any_occupation);
  r.experts = sheet.experts;
  r.date = sheet.date;
  return r;
}

nlohmann::json EvaluationJson(const EvaluationResult& r, const Standard& st) {
  nlohmann::json occupations = nlohmann::json::array();
  for (const OccupationResult& o : r.occupations) {
    nlohmann::json j = SheetJson(o.sheet);
    j["code"] = o.occupation.code;
    j["name"] = o.occupation.name;
    j["work_type"] = o.occupation.work_type;
    j["levels_text"] = o.occupation.levels_text;
    j["percent"] = Tenths(o.percent_tenths);
    j["passed"] = o.passed;
    occupations.push_back(std::move(j));
  }
  return {{"standard",
           {{"version", st.version},
            {"title", st.title},
            {"to_confirm", st.to_confirm},
            {"basis", st.opinion_basis},
            {"name", st.opinion_name},
            {"veto", st.opinion_veto},
            {"pass_total", std::to_string(st.pass_total_percent)},
            {"pass_occupation", std::to_string(st.pass_occupation_percent)}}},
          {"common", SheetJson(r.common)},
          {"occupations", occupations},
          {"occupation_mean", Tenths(r.occupation_mean_tenths)},
          {"occupation_max", Tenths(r.occupation_max_tenths)},
          {"score_percent", Tenths(r.percent_tenths)},
          {"computed_result", r.passed ? "pass" : "fail"},
          {"experts", r.experts},
          {"date", r.date}};
}

}  // namespace pipeline::evaluation
