#include "tests/crosscheck/crosscheck_testing.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/core/file_system.h"
#include "tests/extract/extract_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::crosscheck::testing {
namespace {

template <typename T>
const T& LoadOnce(Result<T> (*load)(const FileSystem&, const std::string&), const char* rel) {
  RealFileSystem fs;
  Result<T> r = load(fs, pipeline::testing::RepoRoot() + "/" + rel);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *new T(std::move(r).value());
}

}  // namespace

const Catalogue& RealCatalogue() {
  static const Catalogue& c = LoadOnce<Catalogue>(&LoadCatalogue, "data");
  return c;
}
const Authorities& RealAuthorities() {
  static const Authorities& a = LoadOnce<Authorities>(&LoadAuthorities, "data");
  return a;
}
const RuleSet& RealRules() {
  static const RuleSet& r = LoadOnce<RuleSet>(&LoadRules, "checklists/rules.xml");
  return r;
}
const BusinessTerms& RealBusinessTerms() {
  static const BusinessTerms& t =
      LoadOnce<BusinessTerms>(&LoadBusinessTerms, "checklists/business_terms.xml");
  return t;
}
const extract::Normaliser& RealNormaliser() { return extract::testing::RealNormaliser(); }

void SetCell(model::FormData& form, model::FormField field, const std::string& value) {
  for (model::FormCell& c : form.cells) {
    if (c.field == field) {
      c.value = value;
      return;
    }
  }
  form.cells.push_back(
      {field, "label", value, {"申请表.docx", "cell " + std::string(model::FormFieldName(field))}});
}

model::FormData CleanForm() {
  using model::FormField;
  model::FormData f;
  f.file = "申请表.docx";
  SetCell(f, FormField::kInstitutionName, "长春市示例职业技能培训学校");
  // Synthetic code with a correct check digit and a Jilin (220101) area part; not a real holder.
  SetCell(f, FormField::kUnifiedCreditCode, "91220101MA1234567P");
  SetCell(f, FormField::kLegalRepresentative, "张三");
  SetCell(f, FormField::kLegalRepresentativeId, "220102198001011234");
  SetCell(f, FormField::kRegisteredAddress, "长春市朝阳区示例路1号");
  SetCell(f, FormField::kApplicantType, "社会培训评价组织");
  SetCell(f, FormField::kAffiliation, "市（州）属及以下");
  SetCell(f, FormField::kRegion, "长春市");
  SetCell(f, FormField::kApplicationKind, "首次申请");
  SetCell(f, FormField::kContactPerson, "李四");
  SetCell(f, FormField::kContactPhone, "13912345678");
  SetCell(f, FormField::kApplicationDate, "2025年7月1日");
  SetCell(f, FormField::kMainBusiness, "职业技能培训（餐饮类）");
  SetCell(f, FormField::kFeePublication, "2025年6月1日在本单位官网公布");
  SetCell(f, FormField::kFulltimeStaffCount, "5人");
  SetCell(f, FormField::kExpertCount, "3人");
  SetCell(f, FormField::kAssessorCount, "6人");
  SetCell(f, FormField::kSupervisorCount, "2人");
  SetCell(f, FormField::kExamSites, "长春市朝阳区示例路1号");
  SetCell(f, FormField::kVideoSurveillance, "有");
  SetCell(f, FormField::kQuestionBank, "有");
  SetCell(f, FormField::kSafetyFire, "符合");
  f.occupations.push_back(
      {"1", "4-03-02-01", "中式烹调师", "五级至三级", {"申请表.docx", "表2 第2行"}});
  return f;
}

std::vector<model::MaterialResult> AllMaterialsPresent() {
  std::set<std::string> ids;
  for (const Rule& r : RealRules().rules()) ids.insert(r.materials.begin(), r.materials.end());
  std::vector<model::MaterialResult> out;
  for (const std::string& id : ids) {
    model::MaterialResult m;
    m.id = id;
    m.status = model::MaterialStatus::kPresent;
    m.files = {id + ".pdf"};
    out.push_back(m);
  }
  return out;
}

Context RealContext() {
  Context ctx;
  ctx.catalogue = &RealCatalogue();
  ctx.authorities = &RealAuthorities();
  ctx.rules = &RealRules();
  ctx.business_terms = &RealBusinessTerms();
  ctx.today = Date{2025, 7, 10};
  return ctx;
}

model::ConditionState StateOf(const CrosscheckResult& r, const std::string& id) {
  for (const auto& c : r.conditions) {
    if (c.id == id) return c.state;
  }
  ADD_FAILURE() << "no condition " << id;
  return model::ConditionState::kNotApplicable;
}

std::vector<std::string> RuleIds(const std::vector<model::Finding>& findings) {
  std::vector<std::string> ids;
  for (const model::Finding& f : findings) ids.push_back(f.rule_id);
  return ids;
}

}  // namespace pipeline::crosscheck::testing
