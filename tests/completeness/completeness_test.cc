#include "pipeline/completeness/completeness.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/ingest/file_probe.h"
#include "tests/completeness/shipped_checklists.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::completeness {
namespace {

using model::ApplicantType;
using model::ApplicationKind;
using model::DossierFile;
using model::FileFormat;
using model::FileHealth;
using model::Finding;
using model::MaterialResult;
using model::MaterialStatus;
using model::Severity;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A small checklist: a single-file report, a multi-file staff list, the form, an optional
// licence and a conditional subsidiary list (employer only).
constexpr const char kChecklistXml[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<checklists version="1">
  <material id="M-A" name="申请报告" article="第七条（一）" formats="pdf docx">
    <pattern>申请报告</pattern>
  </material>
  <material id="M-F" name="备案申请表" article="第七条" formats="docx xml pdf" form="true"
            multiple="true">
    <pattern>申请表</pattern>
  </material>
  <material id="M-S" name="人员名单" article="第六条（三）" formats="pdf xlsx" multiple="true">
    <pattern>名单|考评</pattern>
    <pattern on="path">^人员/</pattern>
  </material>
  <material id="M-L" name="营业执照" article="第六条（一）" formats="pdf jpeg png">
    <pattern>营业执照</pattern>
  </material>
  <material id="M-SUB" name="子公司名单" article="第六条（六）" formats="pdf xlsx">
    <pattern>子公司</pattern>
    <required-if field="subsidiaries" unless="\s*(无|否)?\s*"/>
  </material>
  <material id="M-T" name="终止申请" article="第十条" formats="pdf">
    <pattern>终止</pattern>
  </material>
  <checklist kind="initial" types="employer social_org">
    <item ref="M-A" required="yes"/>
    <item ref="M-F" required="yes"/>
    <item ref="M-S" required="yes"/>
    <item ref="M-L" required="no"/>
    <item ref="M-SUB" required="if" types="employer"/>
  </checklist>
  <checklist kind="termination" types="social_org">
    <item ref="M-T" required="yes"/>
    <item ref="M-F" required="yes"/>
  </checklist>
  <checklist kind="change" types="social_org">
    <item ref="M-F" required="yes"/>
    <item ref="M-L" required="if-changed" changed="registered_address legal_representative"/>
  </checklist>
</checklists>
)";

const ChecklistSet& Small() {
  static const ChecklistSet* set = [] {
    Result<ChecklistSet> r = ParseChecklists(kChecklistXml, "small.xml");
    EXPECT_OK(r);
    return new ChecklistSet(std::move(r).value());
  }();
  return *set;
}

const ChecklistSet& Shipped() { return testing::ShippedChecklists(); }

DossierFile File(const std::string& path, FileHealth health = FileHealth::kOk) {
  DossierFile f;
  f.path = path;
  f.display_path = path;
  f.size = health == FileHealth::kEmpty ? 0 : 1000;
  f.format = ingest::FormatFromExtension(path);
  f.health = health;
  return f;
}

DossierFile Form(const std::string& path = "申请表.docx") {
  DossierFile f = File(path);
  f.is_form = true;
  return f;
}

model::Dossier MakeDossier(std::vector<DossierFile> files) {
  model::Dossier d;
  d.name = "测试机构";
  d.root = "/intake/测试机构";
  std::sort(files.begin(), files.end(),
            [](const DossierFile& a, const DossierFile& b) { return a.path < b.path; });
  d.files = std::move(files);
  return d;
}

const MaterialResult& Material(const CompletenessResult& r, const std::string& id) {
  for (const MaterialResult& m : r.materials) {
    if (m.id == id) return m;
  }
  static const MaterialResult kNone;
  ADD_FAILURE() << "no material " << id;
  return kNone;
}

std::vector<std::string> Ids(const CompletenessResult& r) {
  std::vector<std::string> out;
  for (const MaterialResult& m : r.materials) out.push_back(m.id);
  return out;
}

// "rule_id/severity/message" for compact assertions.
std::vector<std::string> Summaries(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    out.push_back(f.rule_id + "/" + model::SeverityName(f.severity) + "/" + f.message);
  }
  return out;
}

std::string Arg(const Finding& f, const std::string& name) {
  for (const auto& [k, v] : f.args) {
    if (k == name) return v;
  }
  return "<none>";
}

TEST(CompletenessCheckTest, CompleteDossierHasNoFindings) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员/专职人员.xlsx"),
                                  File("考评人员名单.pdf"), File("营业执照.jpg")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_THAT(Ids(r), ElementsAre("M-A", "M-F", "M-S", "M-L"));
  for (const MaterialResult& m : r.materials) {
    SCOPED_TRACE(m.id);
    EXPECT_EQ(m.status, MaterialStatus::kPresent);
  }
  EXPECT_THAT(Material(r, "M-S").files, ElementsAre("人员/专职人员.xlsx", "考评人员名单.pdf"));
  EXPECT_EQ(Material(r, "M-A").name, "申请报告");
  EXPECT_EQ(Material(r, "M-A").article, "第七条（一）");
  EXPECT_THAT(r.findings, IsEmpty());
  EXPECT_THAT(r.unmatched_files, IsEmpty());
  EXPECT_EQ(r.checked_kind, ApplicationKind::kInitial);
  EXPECT_EQ(r.checked_type, ApplicantType::kSocialOrg);
}

TEST(CompletenessCheckTest, MissingRequiredMaterialYieldsBlockingFindingPerMaterial) {
  model::Dossier d = MakeDossier({Form()});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-A").status, MaterialStatus::kMissing);
  EXPECT_THAT(Material(r, "M-A").files, IsEmpty());
  EXPECT_EQ(Material(r, "M-L").status, MaterialStatus::kMissing);
  EXPECT_FALSE(Material(r, "M-L").required);
  // The optional licence gives no finding.
  EXPECT_THAT(Summaries(r.findings), ElementsAre("M-A/blocking/completeness.material_missing",
                                                 "M-S/blocking/completeness.material_missing"));
  EXPECT_EQ(Arg(r.findings[0], "material"), "申请报告");
  EXPECT_EQ(Arg(r.findings[0], "article"), "第七条（一）");
  EXPECT_EQ(Arg(r.findings[0], "id"), "M-A");
}

// A change's proof (required="if-changed") is required exactly when the change table names one
// of its elements.
TEST(CompletenessCheckTest, AChangeProofIsRequiredWhenItsElementChanged) {
  using model::ChangedElement;
  struct Case {
    std::vector<ChangedElement> changed;
    bool required;
  } cases[] = {
      {{}, false},
      {{ChangedElement::kExamSites}, false},
      {{ChangedElement::kExamSites, ChangedElement::kLegalRepresentative}, true},
      {{ChangedElement::kRegisteredAddress}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.changed.size());
    model::Dossier d = MakeDossier({Form()});
    CompletenessResult r =
        Check(d, ApplicationKind::kChange, ApplicantType::kSocialOrg, Small(), c.changed);
    EXPECT_EQ(Material(r, "M-L").required, c.required);
    EXPECT_EQ(!r.findings.empty(), c.required);
  }
}

TEST(CompletenessCheckTest, UnreadableFilePerHealthKind) {
  const FileHealth kBad[] = {FileHealth::kEmpty,      FileHealth::kCorrupt,
                             FileHealth::kTruncated,  FileHealth::kWrongFormat,
                             FileHealth::kEncrypted,  FileHealth::kTooLarge,
                             FileHealth::kUnsupported};
  for (FileHealth h : kBad) {
    const std::string name = model::FileHealthName(h);
    SCOPED_TRACE(name);
    model::Dossier d = MakeDossier({File("申请报告.pdf", h), Form(), File("人员名单.pdf")});
    CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
    EXPECT_EQ(Material(r, "M-A").status, MaterialStatus::kUnreadable);
    EXPECT_THAT(Material(r, "M-A").files, ElementsAre("申请报告.pdf"));
    ASSERT_EQ(r.findings.size(), 1u);
    const Finding& f = r.findings[0];
    EXPECT_EQ(f.rule_id, "M-A");
    EXPECT_EQ(f.severity, Severity::kBlocking);
    EXPECT_EQ(f.message, "completeness.material_unreadable." + name);
    EXPECT_EQ(Arg(f, "health"), name);
    EXPECT_EQ(Arg(f, "file"), "申请报告.pdf");
    ASSERT_EQ(f.evidence.size(), 1u);
    EXPECT_EQ(f.evidence[0].file, "申请报告.pdf");
  }
}

// Issue 8: a material is present when one healthy file is assigned; another copy that cannot
// be opened is a review note, not a blocking demand.
TEST(CompletenessCheckTest, OneBrokenPartBesideAHealthyOneIsOnlyANote) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员/专家.xlsx"),
                                  File("人员/考评人员.pdf", FileHealth::kEncrypted)});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-S").status, MaterialStatus::kPresent);
  EXPECT_THAT(Summaries(r.findings),
              ElementsAre("M-S/review/completeness.material_extra_unreadable.encrypted"));
}

TEST(CompletenessCheckTest, OnlyBrokenFilesMakeAMaterialUnreadable) {
  model::Dossier d = MakeDossier(
      {File("申请报告.pdf"), Form(), File("人员/考评人员.pdf", FileHealth::kEncrypted)});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-S").status, MaterialStatus::kUnreadable);
  EXPECT_THAT(Summaries(r.findings),
              ElementsAre("M-S/blocking/completeness.material_unreadable.encrypted"));
}

TEST(CompletenessCheckTest, UnreadableOptionalMaterialIsOnlyReview) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员名单.pdf"),
                                  File("营业执照.pdf", FileHealth::kTruncated)});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-L").status, MaterialStatus::kUnreadable);
  EXPECT_THAT(Summaries(r.findings),
              ElementsAre("M-L/review/completeness.material_unreadable.truncated"));
}

TEST(CompletenessCheckTest, FormatNotAcceptedMakesMaterialUnreadable) {
  model::Dossier d = MakeDossier({File("申请报告.xlsx"), Form(), File("人员名单.pdf")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-A").status, MaterialStatus::kUnreadable);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].message, "completeness.material_format_not_accepted");
  EXPECT_EQ(Arg(r.findings[0], "format"), "xlsx");
  EXPECT_EQ(Arg(r.findings[0], "accepted"), "pdf docx");
}

TEST(CompletenessCheckTest, TwoFilesClaimingASingleMaterialGiveAReviewFinding) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), File("申请报告（修改稿）.docx"), Form(),
                                  File("人员名单.pdf"), File("考评名单.pdf")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-A").status, MaterialStatus::kPresent);
  // M-S allows several files: no finding for it.
  ASSERT_THAT(Summaries(r.findings), ElementsAre("M-A/review/completeness.material_duplicate"));
  EXPECT_EQ(Arg(r.findings[0], "count"), "2");
  EXPECT_EQ(Arg(r.findings[0], "files"), "申请报告.pdf; 申请报告（修改稿）.docx");
  EXPECT_EQ(r.findings[0].evidence.size(), 2u);
}

TEST(CompletenessCheckTest, FilesThatMatchNothingAreListedSorted) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员名单.pdf"),
                                  File("照片/IMG_0001.jpg"), File("其他说明.docx")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_THAT(r.unmatched_files, ElementsAre("其他说明.docx", "照片/IMG_0001.jpg"));
  EXPECT_THAT(r.findings, IsEmpty());
}

TEST(CompletenessCheckTest, TheFormSatisfiesTheFormMaterialWhateverItsName) {
  model::Dossier d =
      MakeDossier({File("申请报告.pdf"), Form("jlrs-beian.xml"), File("人员名单.pdf")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-F").status, MaterialStatus::kPresent);
  EXPECT_THAT(Material(r, "M-F").files, ElementsAre("jlrs-beian.xml"));
  EXPECT_THAT(r.unmatched_files, IsEmpty());
}

TEST(CompletenessCheckTest, AnUnreadableFormMakesTheFormMaterialUnreadable) {
  DossierFile form = Form();
  form.health = FileHealth::kCorrupt;
  model::Dossier d = MakeDossier({File("申请报告.pdf"), form, File("人员名单.pdf")});
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kSocialOrg, Small());
  EXPECT_EQ(Material(r, "M-F").status, MaterialStatus::kUnreadable);
  EXPECT_THAT(Summaries(r.findings),
              ElementsAre("M-F/blocking/completeness.material_unreadable.corrupt"));
}

TEST(CompletenessCheckTest, ConditionalMaterialFollowsTheForm) {
  struct Case {
    const char* value;  // nullptr = no form
    bool want_required;
  };
  const Case cases[] = {
      {nullptr, false},
      {"", false},
      {"无", false},
      {" 否 ", false},
      {"长春一汽富维汽车零部件有限公司（全资）", true},
      {"是", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value ? c.value : "(no form)");
    model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员名单.pdf")});
    if (c.value != nullptr) {
      model::FormData form;
      form.file = "申请表.docx";
      form.cells.push_back(model::FormCell{model::FormField::kSubsidiaries, "子公司", c.value, {}});
      d.form = form;
    }
    CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kEmployer, Small());
    EXPECT_EQ(Material(r, "M-SUB").required, c.want_required);
    EXPECT_EQ(r.findings.size(), c.want_required ? 1u : 0u);
  }
}

TEST(CompletenessCheckTest, UnknownKindAndTypeFallBackToInitialSocialOrg) {
  model::Dossier d = MakeDossier({File("申请报告.pdf"), Form(), File("人员名单.pdf")});
  CompletenessResult r = Check(d, ApplicationKind::kUnknown, ApplicantType::kUnknown, Small());
  EXPECT_EQ(r.checked_kind, ApplicationKind::kInitial);
  EXPECT_EQ(r.checked_type, ApplicantType::kSocialOrg);
  EXPECT_THAT(Ids(r), ElementsAre("M-A", "M-F", "M-S", "M-L"));
  ASSERT_THAT(Summaries(r.findings), ElementsAre("COMP-001/blocking/completeness.kind_unknown",
                                                 "COMP-002/blocking/completeness.type_unknown"));
  EXPECT_EQ(Arg(r.findings[0], "fallback"), "initial");
  EXPECT_EQ(Arg(r.findings[1], "fallback"), "social_org");
  ASSERT_EQ(r.findings[0].evidence.size(), 1u);
  EXPECT_EQ(r.findings[0].evidence[0].file, "申请表.docx");
}

TEST(CompletenessCheckTest, NoChecklistForThePairIsBlocking) {
  model::Dossier d = MakeDossier({Form()});
  CompletenessResult r = Check(d, ApplicationKind::kTermination, ApplicantType::kEmployer, Small());
  EXPECT_THAT(r.materials, IsEmpty());
  ASSERT_THAT(Summaries(r.findings), ElementsAre("COMP-003/blocking/completeness.no_checklist"));
  EXPECT_EQ(Arg(r.findings[0], "kind"), "termination");
  EXPECT_EQ(Arg(r.findings[0], "type"), "employer");
}

TEST(CompletenessCheckTest, EachKindAndTypePicksItsOwnShippedList) {
  struct Case {
    ApplicationKind kind;
    ApplicantType type;
    const char* must_have;      // a material only this kind (or type) lists
    const char* must_not_have;  // a material it must not list
  };
  const Case cases[] = {
      {ApplicationKind::kInitial, ApplicantType::kEmployer, "M-EMP-01", "M-REN-01"},
      {ApplicationKind::kInitial, ApplicantType::kSocialOrg, "M-COM-04", "M-EMP-01"},
      {ApplicationKind::kAddOccupation, ApplicantType::kEmployer, "M-EMP-02", "M-CHG-01"},
      {ApplicationKind::kAddOccupation, ApplicantType::kSocialOrg, "M-COM-13", "M-EMP-02"},
      {ApplicationKind::kChange, ApplicantType::kEmployer, "M-CHG-02", "M-COM-01"},
      {ApplicationKind::kChange, ApplicantType::kSocialOrg, "M-CHG-01", "M-EMP-01"},
      {ApplicationKind::kRenewal, ApplicantType::kEmployer, "M-REN-01", "M-TRM-01"},
      {ApplicationKind::kRenewal, ApplicantType::kSocialOrg, "M-REN-01", "M-EMP-01"},
      {ApplicationKind::kTermination, ApplicantType::kEmployer, "M-TRM-04", "M-COM-06"},
      {ApplicationKind::kTermination, ApplicantType::kSocialOrg, "M-TRM-03", "M-REN-01"},
  };
  model::Dossier d = MakeDossier({Form()});
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(model::ApplicationKindName(c.kind)) + "/" +
                 model::ApplicantTypeName(c.type));
    CompletenessResult r = Check(d, c.kind, c.type, Shipped());
    std::vector<std::string> ids = Ids(r);
    EXPECT_NE(std::find(ids.begin(), ids.end(), c.must_have), ids.end());
    EXPECT_EQ(std::find(ids.begin(), ids.end(), c.must_not_have), ids.end());
    EXPECT_EQ(Material(r, "M-COM-02").status, MaterialStatus::kPresent);
    // Every required material except the form is missing, each with one blocking finding.
    std::size_t required_missing = 0;
    for (const MaterialResult& m : r.materials) {
      if (m.required && m.status == MaterialStatus::kMissing) ++required_missing;
    }
    EXPECT_GE(required_missing, 1u);
    EXPECT_EQ(r.findings.size(), required_missing);
  }
}

TEST(CompletenessCheckTest, ShippedInitialEmployerDossierWithChineseNamesIsComplete) {
  model::Dossier d = MakeDossier({
      File("01申请报告.pdf"),
      Form("02备案申请表.docx"),
      File("03营业执照.jpg"),
      File("04法定代表人身份证明.pdf"),
      File("05无违法违规失信记录承诺书.pdf"),
      File("06收费标准及公示截图.pdf"),
      File("07人员名单/专职工作人员名单.xlsx"),
      File("07人员名单/专家名单.xlsx"),
      File("07人员名单/考评人员名单.xlsx"),
      File("07人员名单/质量督导人员名单.xlsx"),
      File("08场地设备清单.xlsx"),
      File("09题库情况说明.docx"),
      File("10视频监控设施情况.pdf"),
      File("11消防验收意见书.pdf"),
      File("12管理制度/管理运行制度.pdf"),
      File("12管理制度/人员管理制度.pdf"),
      File("12管理制度/突发事件应急预案.pdf"),
      File("13技能人才培养评价使用激励机制.pdf"),
  });
  CompletenessResult r = Check(d, ApplicationKind::kInitial, ApplicantType::kEmployer, Shipped());
  for (const MaterialResult& m : r.materials) {
    SCOPED_TRACE(m.id);
    if (m.id == "M-EMP-02") {
      EXPECT_EQ(m.status, MaterialStatus::kMissing);
      EXPECT_FALSE(m.required);
    } else {
      EXPECT_EQ(m.status, MaterialStatus::kPresent);
    }
  }
  EXPECT_THAT(Summaries(r.findings), IsEmpty());
  EXPECT_THAT(r.unmatched_files, IsEmpty());
}

// Issue 8: shapes of real dossiers against the shipped checklist, each with its outcome for one
// material: its status, and the findings about it.
TEST(CompletenessCheckTest, RealDossierShapesGiveHonestMaterialStatuses) {
  auto bad = [](const std::string& path, FileHealth h, FileFormat f = FileFormat::kOther) {
    DossierFile file = File(path, h);
    if (f != FileFormat::kOther) file.format = f;
    return file;
  };
  auto unprobed = [](const std::string& path) {
    DossierFile file = File(path);
    file.probed = false;
    return file;
  };
  struct Case {
    const char* name;
    std::vector<DossierFile> files;  // besides the form
    const char* material;
    MaterialStatus status;
    std::vector<std::string> findings;  // Summaries() of the findings about `material`
  };
  const std::vector<Case> cases = {
      {"an extra .xls list beside the xlsx",
       {File("人员名单/考评人员名单.xlsx"), File("人员名单/专家名单.xls")},
       "M-COM-07",
       MaterialStatus::kPresent,
       {}},
      {"an extra zip beside the list",
       {File("人员名单/考评人员名单.xlsx"), bad("人员名单/人员名单.zip", FileHealth::kUnsupported)},
       "M-COM-07",
       MaterialStatus::kPresent,
       {"M-COM-07/review/completeness.material_extra_unreadable.unsupported"}},
      {"a broken OFD copy beside the PDF licence",
       {File("营业执照.pdf"), bad("营业执照.ofd", FileHealth::kCorrupt, FileFormat::kOfd)},
       "M-COM-03",
       MaterialStatus::kPresent,
       {"M-COM-03/review/completeness.material_extra_unreadable.corrupt",
        "M-COM-03/review/completeness.material_duplicate"}},
      {"a 0-byte supplement beside the certificate",
       {File("消防验收意见书.pdf"), bad("消防验收意见书（补充）.pdf", FileHealth::kEmpty)},
       "M-COM-11",
       MaterialStatus::kPresent,
       {"M-COM-11/review/completeness.material_extra_unreadable.empty"}},
      {"a photo where the list must be a document",
       {File("场地设备清单.jpg")},
       "M-COM-08",
       MaterialStatus::kUnreadable,
       {"M-COM-08/blocking/completeness.material_format_not_accepted"}},
      {"only an OFD e-licence",
       {File("电子营业执照.ofd")},
       "M-COM-03",
       MaterialStatus::kPresent,
       {}},
      {"TIFF, HEIC and WebP are pictures",
       {File("视频监控照片.heic")},
       "M-COM-10",
       MaterialStatus::kPresent,
       {}},
      {"a bare 承诺书",
       {File("承诺书.pdf")},
       "M-COM-05",
       MaterialStatus::kUncertain,
       {"M-COM-05/review/completeness.material_uncertain"}},
      {"a 安全生产承诺书 is not the credit pledge",
       {File("安全生产承诺书.pdf")},
       "M-COM-05",
       MaterialStatus::kMissing,
       {"M-COM-05/blocking/completeness.material_missing"}},
      {"a merged file may hold it",
       {File("全部材料.pdf")},
       "M-COM-09",
       MaterialStatus::kUncertain,
       {"M-COM-09/review/completeness.material_in_merged"}},
      {"a broken merged file holds nothing",
       {bad("全部材料.pdf", FileHealth::kTruncated)},
       "M-COM-09",
       MaterialStatus::kMissing,
       {"M-COM-09/blocking/completeness.material_missing"}},
      {"past the probing cap: to be checked, not missing",
       {unprobed("管理制度/管理运行制度.pdf")},
       "M-COM-12",
       MaterialStatus::kUncertain,
       {"M-COM-12/review/completeness.material_not_probed"}},
      {"rules in 管理制度/ are not the staff list",
       {File("管理制度/考评人员管理制度.pdf")},
       "M-COM-07",
       MaterialStatus::kMissing,
       {"M-COM-07/blocking/completeness.material_missing"}},
      {"a subsidiary's licence is not the applicant's",
       {File("吉林市江城焊接子公司营业执照.pdf")},
       "M-COM-03",
       MaterialStatus::kMissing,
       {"M-COM-03/blocking/completeness.material_missing"}},
      {"a title naming two materials: each present (merged)",
       {File("登记证书及法定代表人身份证明.pdf")},
       "M-COM-04",
       MaterialStatus::kPresent,
       {}},
      {"关于…的请示 is the 申请报告",
       {File("关于申请职业技能等级认定机构备案的请示.pdf")},
       "M-COM-01",
       MaterialStatus::kPresent,
       {}},
      {"a title fitting two materials is named, and counts for neither",
       {File("场地人员情况说明.pdf")},
       "M-COM-08",
       MaterialStatus::kUncertain,
       {"M-COM-08/review/completeness.material_uncertain"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<DossierFile> files = c.files;
    files.push_back(Form());
    CompletenessResult r =
        Check(MakeDossier(files), ApplicationKind::kInitial, ApplicantType::kSocialOrg, Shipped());
    EXPECT_EQ(model::MaterialStatusName(Material(r, c.material).status),
              std::string(model::MaterialStatusName(c.status)));
    std::vector<Finding> mine;
    for (const Finding& f : r.findings) {
      if (f.rule_id == c.material) mine.push_back(f);
    }
    std::vector<std::string> about = Summaries(mine);
    std::vector<std::string> want = c.findings;
    std::sort(about.begin(), about.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(about, want);
  }
}

TEST(CompletenessCheckTest, AnAmbiguousFileIsReportedOnce) {
  CompletenessResult r = Check(MakeDossier({Form(), File("场地人员情况说明.pdf")}),
                               ApplicationKind::kInitial, ApplicantType::kSocialOrg, Shipped());
  std::vector<const Finding*> ambiguous;
  for (const Finding& f : r.findings) {
    if (f.rule_id == "COMP-004") ambiguous.push_back(&f);
  }
  ASSERT_EQ(ambiguous.size(), 1u);
  EXPECT_EQ(ambiguous[0]->severity, Severity::kReview);
  EXPECT_EQ(Arg(*ambiguous[0], "file"), "场地人员情况说明.pdf");
  EXPECT_THAT(r.unmatched_files, IsEmpty());
}

// Issue 22: one file whose title names several materials satisfies each as present (merged),
// with one review finding (COMP-005) asking to confirm it holds each; never missing.
TEST(CompletenessCheckTest, AFileNamingSeveralMaterialsMakesEachPresentMerged) {
  CompletenessResult r =
      Check(MakeDossier({Form(), File("管理运行制度、人员管理制度及应急预案汇编.pdf"),
                         File("人员管理制度.pdf")}),
            ApplicationKind::kInitial, ApplicantType::kSocialOrg, Shipped());
  for (const char* id : {"M-COM-12", "M-COM-15"}) {
    SCOPED_TRACE(id);
    EXPECT_EQ(Material(r, id).status, MaterialStatus::kPresent);
    EXPECT_TRUE(Material(r, id).merged);
    EXPECT_THAT(Material(r, id).files,
                ::testing::ElementsAre("管理运行制度、人员管理制度及应急预案汇编.pdf"));
  }
  // A material with a file of its own is present on it, not merged.
  EXPECT_EQ(Material(r, "M-COM-14").status, MaterialStatus::kPresent);
  EXPECT_FALSE(Material(r, "M-COM-14").merged);
  std::vector<const Finding*> named;
  for (const Finding& f : r.findings) {
    if (f.rule_id == "COMP-005") named.push_back(&f);
    EXPECT_NE(f.message, "completeness.material_duplicate") << f.rule_id;
  }
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0]->severity, Severity::kReview);
  EXPECT_EQ(named[0]->message, "completeness.file_names_several");
  EXPECT_EQ(Arg(*named[0], "file"), "管理运行制度、人员管理制度及应急预案汇编.pdf");
  EXPECT_EQ(Arg(*named[0], "materials"), "管理运行制度; 人员管理制度; 突发事件应急预案");
  EXPECT_THAT(r.unmatched_files, IsEmpty());
}

}  // namespace
}  // namespace pipeline::completeness
