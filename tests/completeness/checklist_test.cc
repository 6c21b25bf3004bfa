#include "pipeline/completeness/checklist.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "pipeline/completeness/classify.h"
#include "pipeline/completeness/completeness.h"
#include "pipeline/core/file_system.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::completeness {
namespace {

using model::ApplicantType;
using model::ApplicationKind;

// Tests run from the repo root (gtest_discover_tests WORKING_DIRECTORY).
constexpr const char kShipped[] = "checklists/materials.xml";
constexpr const char kTestdata[] = "tests/completeness/testdata";

constexpr ApplicationKind kAllKinds[] = {ApplicationKind::kInitial, ApplicationKind::kAddOccupation,
                                         ApplicationKind::kChange, ApplicationKind::kRenewal,
                                         ApplicationKind::kTermination};
constexpr ApplicantType kAllTypes[] = {ApplicantType::kEmployer, ApplicantType::kSocialOrg};

std::string Wrap(const std::string& body) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checklists version=\"1\">\n" + body +
         "</checklists>\n";
}

// A valid material definition used by the table below.
constexpr const char kReport[] =
    "  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\" formats=\"pdf\">"
    "<pattern>申请报告</pattern></material>\n";

TEST(ChecklistLoaderTest, ShippedChecklistsLoad) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, kShipped);
  ASSERT_OK(set);
  EXPECT_EQ(set->files(), std::vector<std::string>{kShipped});
  EXPECT_GE(set->materials().size(), 20u);
}

TEST(ChecklistLoaderTest, ShippedChecklistsCoverEveryKindAndType) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, kShipped);
  ASSERT_OK(set);
  for (ApplicationKind kind : kAllKinds) {
    for (ApplicantType type : kAllTypes) {
      SCOPED_TRACE(std::string(model::ApplicationKindName(kind)) + "/" +
                   model::ApplicantTypeName(type));
      const Checklist* c = set->Find(kind, type);
      ASSERT_NE(c, nullptr);
      int required = 0;
      bool has_form = false;
      for (const ChecklistItem& item : c->items) {
        if (item.requirement == Requirement::kRequired) ++required;
        if (item.material->form) {
          has_form = true;
          EXPECT_EQ(item.requirement, Requirement::kRequired);
        }
      }
      EXPECT_GE(required, 1);
      EXPECT_TRUE(has_form) << "every list needs the application form";
    }
  }
}

TEST(ChecklistLoaderTest, ShippedEmployerListsAreSupersetsOfSocialOrgLists) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, kShipped);
  ASSERT_OK(set);
  for (ApplicationKind kind : kAllKinds) {
    SCOPED_TRACE(model::ApplicationKindName(kind));
    std::set<std::string> employer;
    for (const auto& item : set->Find(kind, ApplicantType::kEmployer)->items) {
      employer.insert(item.material->id);
    }
    for (const auto& item : set->Find(kind, ApplicantType::kSocialOrg)->items) {
      EXPECT_TRUE(employer.count(item.material->id)) << item.material->id;
    }
  }
}

TEST(ChecklistLoaderTest, ShippedMaterialsAreAllUsedAndEmployerOnlyItemsStayEmployerOnly) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, kShipped);
  ASSERT_OK(set);
  std::set<std::string> used;
  for (const Checklist* c : set->checklists()) {
    for (const ChecklistItem& item : c->items) {
      used.insert(item.material->id);
      if (c->type == ApplicantType::kSocialOrg) {
        EXPECT_NE(item.material->id.rfind("M-EMP-", 0), 0u) << item.material->id;
      }
    }
  }
  for (const auto& m : set->materials()) EXPECT_TRUE(used.count(m->id)) << m->id;
}

TEST(ChecklistLoaderTest, ShippedTitlesClaimTypicalChineseFileNames) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, kShipped);
  ASSERT_OK(set);
  struct Case {
    const char* path;
    const char* want;  // material id
  };
  const Case cases[] = {
      {"01-申请报告.pdf", "M-COM-01"},
      {"增加职业（工种）申请报告.docx", "M-COM-01"},
      {"营业执照（副本）.jpg", "M-COM-03"},
      {"事业单位法人证书.pdf", "M-COM-03"},
      {"法定代表人身份证复印件.pdf", "M-COM-04"},
      {"无违法违规失信记录承诺书.pdf", "M-COM-05"},
      {"收费标准及公示截图.png", "M-COM-06"},
      {"人员名单/考评人员.xlsx", "M-COM-07"},
      {"质量督导人员名单.xlsx", "M-COM-07"},
      {"场地设备清单.xlsx", "M-COM-08"},
      {"题库情况说明.docx", "M-COM-09"},
      {"视频监控设施情况.pdf", "M-COM-10"},
      {"消防验收意见书.pdf", "M-COM-11"},
      {"管理制度/考务管理制度.pdf", "M-COM-12"},
      {"突发事件应急预案.docx", "M-COM-15"},
      {"原备案通知.pdf", "M-COM-13"},
      {"技能人才培养评价使用激励机制.pdf", "M-EMP-01"},
      {"下属子公司名单.xlsx", "M-EMP-02"},
      {"工作开展情况报告.pdf", "M-REN-01"},
      {"变更申请.pdf", "M-CHG-01"},
      {"法定代表人变更登记通知书.pdf", "M-CHG-02"},
      {"终止备案申请书.pdf", "M-TRM-01"},
      {"证书数据处理情况.xlsx", "M-TRM-02"},
      {"认定档案保管方案.docx", "M-TRM-03"},
      {"退费情况说明.pdf", "M-TRM-04"},
      {"APPLICATION-申请表.DOCX", "M-COM-02"},  // case-insensitive
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    const Classification cls = ClassifyFile(*set, c.path, /*is_form=*/false);
    std::vector<std::string> matched;
    for (const Candidate& cand : cls.best) {
      if (cand.strength == Strength::kStrong) matched.push_back(cand.material->id);
    }
    EXPECT_EQ(matched, std::vector<std::string>{c.want});
  }
}

TEST(ChecklistLoaderTest, BadRegexNamesFileLineAndFragment) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, std::string(kTestdata) + "/坏正则.xml");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code(), StatusCode::kInvalidData);
  EXPECT_EQ(set.error().ToString(),
            "tests/completeness/testdata/坏正则.xml:7: material \"M-INIT-03\": bad regex: "
            "missing ): (\\d{18");
}

TEST(ChecklistLoaderTest, UnknownFormatNamesFileAndLine) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, std::string(kTestdata) + "/unknown_format.xml");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().ToString(),
            "tests/completeness/testdata/unknown_format.xml:3: material \"M-X-01\": unknown "
            "format \"bmp\" (expected pdf, jpeg, png, docx, xlsx, xml, ofd, tiff, heic, webp, doc, "
            "xls or ppt)");
}

TEST(ChecklistLoaderTest, DuplicateIdNamesBothDefinitions) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, std::string(kTestdata) + "/duplicate_id.xml");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().ToString(),
            "tests/completeness/testdata/duplicate_id.xml:7: material \"M-X-01\": duplicate id "
            "(first defined at tests/completeness/testdata/duplicate_id.xml:3)");
}

TEST(ChecklistLoaderTest, DirectoryLoadsEveryXmlFileAsOneSet) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, std::string(kTestdata) + "/分文件");
  ASSERT_OK(set);
  EXPECT_EQ(set->files().size(), 2u);  // README.txt is not a checklist
  const Checklist* c = set->Find(ApplicationKind::kInitial, ApplicantType::kSocialOrg);
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->items.size(), 2u);
  EXPECT_EQ(c->items[1].material->id, "M-T-02");
  EXPECT_EQ(set->Find(ApplicationKind::kInitial, ApplicantType::kEmployer), nullptr);
}

TEST(ChecklistLoaderTest, MissingPathIsNotFound) {
  RealFileSystem fs;
  Result<ChecklistSet> set = LoadChecklists(fs, "tests/completeness/testdata/nope.xml");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.error().code(), StatusCode::kNotFound);
}

TEST(ChecklistLoaderTest, InvalidDocumentsFailWithLine) {
  struct Case {
    const char* name;
    std::string xml;
    const char* want;  // Status::ToString() with file "t.xml"
  };
  const std::string report = kReport;
  const Case cases[] = {
      // --- document level
      {"malformed", "<checklists version=\"1\">\n  <material>\n  </checklist>\n",
       "t.xml:3: XML parse error: Start-end tags mismatch"},
      {"wrong root", "<?xml version=\"1.0\"?>\n<lists/>\n",
       "t.xml:2: root element is <lists>, expected <checklists>"},
      {"version", "<checklists version=\"2\"/>\n",
       "t.xml:1: checklists: unsupported version \"2\" (expected 1)"},
      {"unknown element", Wrap("  <materials/>\n"), "t.xml:3: unknown element <materials>"},
      // --- materials
      {"no id", Wrap("  <material name=\"x\"/>\n"), "t.xml:3: material: missing id"},
      {"unknown attribute", Wrap("  <material id=\"M-A\" nmae=\"x\"/>\n"),
       "t.xml:3: material \"M-A\": unknown attribute \"nmae\""},
      {"no name", Wrap("  <material id=\"M-A\" article=\"第七条\" formats=\"pdf\"/>\n"),
       "t.xml:3: material \"M-A\": missing name"},
      {"no formats", Wrap("  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\"/>\n"),
       "t.xml:3: material \"M-A\": no formats"},
      {"jpg is spelled jpeg",
       Wrap("  <material id=\"M-A\" name=\"照片\" article=\"第七条\" formats=\"jpg\"/>\n"),
       "t.xml:3: material \"M-A\": unknown format \"jpg\" (expected pdf, jpeg, png, docx, xlsx, "
       "xml, ofd, tiff, heic, webp, doc, xls or ppt)"},
      {"no pattern",
       Wrap("  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\" formats=\"pdf\"/>\n"),
       "t.xml:3: material \"M-A\": no pattern and no title"},
      {"empty pattern",
       Wrap("  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\" formats=\"pdf\">\n"
            "    <pattern>  </pattern>\n  </material>\n"),
       "t.xml:4: material \"M-A\": empty pattern"},
      {"pattern target",
       Wrap("  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\" formats=\"pdf\">\n"
            "    <pattern on=\"folder\">x</pattern>\n  </material>\n"),
       "t.xml:4: material \"M-A\": pattern on=\"folder\" is not name or path"},
      {"bad bool",
       Wrap("  <material id=\"M-A\" name=\"申请报告\" article=\"第七条\" formats=\"pdf\" "
            "multiple=\"yes\"><pattern>x</pattern></material>\n"),
       "t.xml:3: material \"M-A\": multiple=\"yes\" is not true or false"},
      {"unknown form field",
       Wrap("  <material id=\"M-A\" name=\"子公司\" article=\"第六条\" formats=\"pdf\">\n"
            "    <pattern>子公司</pattern>\n    <required-if field=\"subsidiary\" unless=\"无\"/>\n"
            "  </material>\n"),
       "t.xml:5: material \"M-A\": required-if: unknown form field \"subsidiary\""},
      {"bad unless regex",
       Wrap("  <material id=\"M-A\" name=\"子公司\" article=\"第六条\" formats=\"pdf\">\n"
            "    <pattern>子公司</pattern>\n"
            "    <required-if field=\"subsidiaries\" unless=\"[无\"/>\n  </material>\n"),
       "t.xml:5: material \"M-A\": required-if: bad regex: missing ]: [无"},
      // --- checklists
      {"unknown kind", Wrap(report + "  <checklist kind=\"first\" types=\"employer\"/>\n"),
       "t.xml:4: checklist \"first\": unknown application kind (expected initial, "
       "add_occupation, change, renewal or termination)"},
      {"unknown type", Wrap(report + "  <checklist kind=\"initial\" types=\"company\"/>\n"),
       "t.xml:4: checklist \"initial\": unknown applicant type \"company\" (expected employer "
       "or social_org)"},
      {"no items", Wrap(report + "  <checklist kind=\"initial\" types=\"employer\"/>\n"),
       "t.xml:4: checklist \"initial\": no items"},
      {"bad required",
       Wrap(report + "  <checklist kind=\"initial\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"true\"/>\n  </checklist>\n"),
       "t.xml:5: checklist \"initial\": item \"M-A\": required=\"true\" is not yes, no, if or "
       "if-changed"},
      {"item listed twice",
       Wrap(report + "  <checklist kind=\"initial\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"yes\"/>\n"
                     "    <item ref=\"M-A\" required=\"no\"/>\n  </checklist>\n"),
       "t.xml:6: checklist \"initial\": item \"M-A\": listed twice"},
      {"item type outside checklist",
       Wrap(report + "  <checklist kind=\"initial\" types=\"social_org\">\n"
                     "    <item ref=\"M-A\" required=\"yes\" types=\"employer\"/>\n"
                     "  </checklist>\n"),
       "t.xml:5: checklist \"initial\": item \"M-A\": type \"employer\" is not one of the "
       "checklist's types"},
      {"dangling ref",
       Wrap(report + "  <checklist kind=\"initial\" types=\"employer\">\n"
                     "    <item ref=\"M-B\" required=\"yes\"/>\n  </checklist>\n"),
       "t.xml:5: checklist \"initial\": item \"M-B\": no material with this id"},
      {"conditional without condition",
       Wrap(report + "  <checklist kind=\"initial\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"if\"/>\n  </checklist>\n"),
       "t.xml:5: checklist \"initial\": item \"M-A\": required=\"if\" but the material has no "
       "<required-if>"},
      {"changed without if-changed",
       Wrap(report + "  <checklist kind=\"change\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"no\" changed=\"exam_sites\"/>\n"
                     "  </checklist>\n"),
       "t.xml:5: checklist \"change\": item \"M-A\": changed=\"...\" goes with "
       "required=\"if-changed\" and only there"},
      {"if-changed without elements",
       Wrap(report + "  <checklist kind=\"change\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"if-changed\"/>\n  </checklist>\n"),
       "t.xml:5: checklist \"change\": item \"M-A\": changed=\"...\" goes with "
       "required=\"if-changed\" and only there"},
      {"unknown changed element",
       Wrap(report + "  <checklist kind=\"change\" types=\"employer\">\n"
                     "    <item ref=\"M-A\" required=\"if-changed\" changed=\"phone\"/>\n"
                     "  </checklist>\n"),
       "t.xml:5: checklist \"change\": item \"M-A\": unknown changed element \"phone\""},
      {"pair defined twice",
       Wrap(report + "  <checklist kind=\"renewal\" types=\"employer social_org\">\n"
                     "    <item ref=\"M-A\" required=\"yes\"/>\n  </checklist>\n"
                     "  <checklist kind=\"renewal\" types=\"social_org\">\n"
                     "    <item ref=\"M-A\" required=\"yes\"/>\n  </checklist>\n"),
       "t.xml:7: checklist \"renewal\": type \"social_org\" already defined at t.xml:4"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Result<ChecklistSet> set = ParseChecklists(c.xml, "t.xml");
    ASSERT_FALSE(set.ok());
    EXPECT_EQ(set.error().code(), StatusCode::kInvalidData);
    EXPECT_EQ(set.error().ToString(), c.want);
  }
}

TEST(ChecklistLoaderTest, ItemTypesNarrowAnItemToSomeApplicantTypes) {
  const std::string xml = Wrap(std::string(kReport) +
                               "  <material id=\"M-E\" name=\"激励机制\" article=\"第六条（六）\" "
                               "formats=\"pdf\"><pattern>激励</pattern></material>\n"
                               "  <checklist kind=\"initial\" types=\"employer social_org\">\n"
                               "    <item ref=\"M-A\" required=\"yes\"/>\n"
                               "    <item ref=\"M-E\" required=\"yes\" types=\"employer\" "
                               "to-confirm=\"true\"/>\n"
                               "  </checklist>\n");
  Result<ChecklistSet> set = ParseChecklists(xml, "t.xml");
  ASSERT_OK(set);
  const Checklist* employer = set->Find(ApplicationKind::kInitial, ApplicantType::kEmployer);
  const Checklist* social = set->Find(ApplicationKind::kInitial, ApplicantType::kSocialOrg);
  ASSERT_NE(employer, nullptr);
  ASSERT_NE(social, nullptr);
  ASSERT_EQ(employer->items.size(), 2u);
  EXPECT_TRUE(employer->items[1].to_confirm);
  EXPECT_FALSE(employer->items[0].to_confirm);
  ASSERT_EQ(social->items.size(), 1u);
  EXPECT_EQ(social->items[0].material->id, "M-A");
}

TEST(ChecklistLoaderTest, ChecklistSetIsMovableAndPointersSurvive) {
  RealFileSystem fs;
  Result<ChecklistSet> loaded = LoadChecklists(fs, kShipped);
  ASSERT_OK(loaded);
  const Material* before = loaded->FindMaterial("M-COM-03");
  ChecklistSet moved = std::move(loaded).value();
  EXPECT_EQ(moved.FindMaterial("M-COM-03"), before);
  ASSERT_TRUE(before->title.has_value());
  EXPECT_FALSE(moved.vocabulary().heads.empty());
}

// Every message key the stage emits has a template (templates/messages.zh-CN.tsv).
TEST(CompletenessMessagesTest, EveryMessageIdHasATemplate) {
  std::ifstream in("templates/messages.zh-CN.tsv");
  ASSERT_TRUE(in) << "run from the repo root";
  std::set<std::string> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    keys.insert(line.substr(0, line.find('\t')));
  }
  for (const std::string& id : MessageIds()) EXPECT_TRUE(keys.count(id)) << id;
}

}  // namespace
}  // namespace pipeline::completeness
