// Which file is which material (issue 8): titles read by head and subject against the shipped
// vocabulary of checklists/materials.xml. One table per material: titles that must be it and
// titles that must not (a 制度 about assessors is no 名单 of assessors).
#include "pipeline/completeness/classify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/completeness/title.h"
#include "pipeline/core/file_system.h"
#include "tests/completeness/shipped_checklists.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::completeness {
namespace {

const ChecklistSet& Shipped() { return testing::ShippedChecklists(); }

// "M-COM-07" when one material wins strongly; "weak:M-COM-05" when one wins weakly;
// "ambiguous:A,B" on a tie; "merged" for a merged file; "" when nothing claims it.
std::string Verdict(const std::string& path) {
  const Classification c = ClassifyFile(Shipped(), path, /*is_form=*/false);
  if (c.merged) return "merged";
  if (!c.named.empty()) {
    std::string out = "names:";
    for (std::size_t i = 0; i < c.named.size(); ++i) out += (i ? "," : "") + c.named[i]->id;
    return out;
  }
  if (c.best.empty()) return "";
  if (c.best.size() > 1) {
    std::string out = "ambiguous:";
    for (std::size_t i = 0; i < c.best.size(); ++i) {
      out += (i ? "," : "") + c.best[i].material->id;
    }
    return out;
  }
  return (c.best[0].strength == Strength::kWeak ? "weak:" : "") + c.best[0].material->id;
}

struct MaterialTitles {
  const char* id;
  std::vector<const char*> match;     // must be this material (strong)
  std::vector<const char*> not_this;  // must not be this material (strong or weak)
};

TEST(CompletenessClassifyTest, EachMaterialHasTitlesThatMatchAndTitlesThatMustNot) {
  const MaterialTitles table[] = {
      {"M-COM-01",
       {"申请报告.pdf", "关于申请职业技能等级认定机构备案的请示.pdf",
        "关于申请职业技能等级认定机构备案的报告.pdf", "续期备案申请报告.pdf",
        "增加职业（工种）申请报告.docx", "01-申请报告（盖章）.pdf", "申请报告.doc"},
       {"工作开展情况报告.pdf", "变更申请书.pdf", "终止备案申请.pdf", "消防检查报告.pdf",
        "申请表.pdf"}},
      {"M-COM-02", {"申请表（盖章版）.pdf", "备案申请表-扫描件.pdf", "附件1 申请表.pdf"}, {}},
      {"M-COM-03",
       {"营业执照.pdf", "营业执照（副本）.jpg", "事业单位法人证书.pdf", "法人登记证书.pdf",
        "民办非企业单位登记证书.pdf", "电子营业执照.ofd", "长春鼎新有限公司营业执照.pdf"},
       {"吉林市江城焊接子公司营业执照.pdf", "下属子公司营业执照.pdf", "法定代表人身份证.jpg"}},
      {"M-COM-04",
       {"法定代表人身份证明.pdf", "法定代表人身份证复印件.pdf", "法人身份证.jpg",
        "法定代表人身份证（正反面）.jpg"},
       {"法人登记证书.pdf", "法定代表人授权委托书.pdf"}},
      {"M-COM-05",
       {"无违法违规失信记录承诺书.pdf", "信用承诺书.pdf", "诚信承诺书（盖章）.pdf"},
       {"安全生产承诺书.pdf", "消防安全承诺书.pdf"}},
      {"M-COM-06",
       {"收费标准.pdf", "收费标准及公示截图.png", "收费公示.jpg", "认定收费标准公示.pdf"},
       {"收费管理制度.pdf"}},
      {"M-COM-07",
       {"考评人员名单.xlsx", "质量督导人员名单.xlsx", "认定工作部门设置.docx", "专家名单.pdf",
        "人员名单/考评人员.xlsx", "三、人员名单/考评员.xlsx", "3.人员名单/专家.xlsx",
        "（三）人员名单/督导.xlsx", "附件3-人员名单/工作人员.pdf", "人员花名册.xls"},
       {"管理制度/考评人员管理制度.pdf", "考评人员管理制度.pdf", "专家库管理办法.pdf",
        "下属子公司名单.xlsx"}},
      {"M-COM-08",
       {"场地设备清单.xlsx", "考核场地一览表.pdf", "仪器设备清单.xls", "设备明细表.xlsx"},
       {"场地设备管理制度.pdf", "场地租赁合同.pdf", "场地照片.jpg"}},
      {"M-COM-09",
       // A folder named 资料 (a subject of M-TRM-03's 资料保管方案) does not make the file's own
       // subject a tie.
       {"题库情况说明.docx", "题库建设情况.pdf", "题库说明（盖章）.pdf", "资料/题库情况说明.doc",
        "申报资料/题库情况说明.pdf"},
       {"题库管理制度.pdf", "题库管理办法.pdf"}},
      {"M-COM-10",
       {"视频监控设施情况.pdf", "视频监控照片.jpg", "监控系统说明.pdf", "视频监控截图.heic"},
       {"视频监控管理制度.pdf"}},
      {"M-COM-11",
       {"消防验收意见书.pdf", "安全检查合格证明.pdf", "消防安全检查合格证.jpg",
        "建筑消防验收合格证明.pdf", "消防检查报告.pdf"},
       {"消防安全管理制度.pdf", "安全生产承诺书.pdf", "消防应急预案.pdf"}},
      {"M-COM-12",
       {"管理运行制度.pdf", "管理制度/考务管理制度.pdf", "场地设备管理制度.pdf", "题库管理制度.pdf",
        "视频监控管理制度.pdf", "消防安全管理制度.pdf", "五、管理制度/财务管理办法.pdf"},
       {"人员管理制度.pdf", "考评人员管理制度.pdf", "突发事件应急预案.pdf", "薪酬管理制度.pdf"}},
      {"M-COM-14",
       {"人员管理制度.pdf", "考评人员管理制度.pdf", "管理制度/考评人员管理制度.pdf",
        "专家库管理办法.pdf", "工作人员岗位职责规定.docx"},
       {"管理运行制度.pdf", "考评人员名单.xlsx"}},
      {"M-COM-15",
       {"突发事件应急预案.pdf", "突发事件应急预案.docx", "消防应急预案.pdf",
        "考试突发事件应急处置方案.pdf"},
       {"管理运行制度.pdf", "消防验收意见书.pdf"}},
      {"M-COM-13", {"原备案通知.pdf", "备案证明.pdf", "备案通知书（复印件）.pdf"}, {}},
      {"M-EMP-01",
       {"技能人才培养评价使用激励机制.pdf", "薪酬管理制度.pdf", "技能等级与薪酬待遇挂钩证明.pdf"},
       {"人员管理制度.pdf"}},
      {"M-EMP-02",
       {"下属子公司名单.xlsx", "吉林市江城焊接子公司营业执照.pdf", "控股子公司名录.pdf",
        "子公司相关材料.pdf"},
       {"营业执照.pdf"}},
      {"M-REN-01", {"工作开展情况报告.pdf", "2025年度工作总结.pdf"}, {"申请报告.pdf"}},
      {"M-CHG-01",
       {"变更申请.pdf", "变更申请书.pdf", "关于变更法定代表人的请示.pdf"},
       {"申请报告.pdf"}},
      {"M-CHG-02", {"法定代表人变更登记通知书.pdf", "核准变更登记通知书.pdf"}, {}},
      {"M-TRM-01", {"终止备案申请书.pdf", "关于终止备案的请示.pdf"}, {"申请报告.pdf"}},
      {"M-TRM-02", {"证书数据处理情况.xlsx"}, {}},
      {"M-TRM-03", {"认定档案保管方案.docx", "档案移交清单.pdf"}, {}},
      {"M-TRM-04", {"退费情况说明.pdf", "退费明细表.xlsx"}, {}},
  };
  for (const MaterialTitles& row : table) {
    ASSERT_NE(Shipped().FindMaterial(row.id), nullptr) << row.id;
    for (const char* path : row.match) {
      EXPECT_EQ(Verdict(path), row.id) << path;
    }
    for (const char* path : row.not_this) {
      const std::string v = Verdict(path);
      EXPECT_EQ(v.find(row.id), std::string::npos) << path << " -> " << v;
    }
  }
}

TEST(CompletenessClassifyTest, BareHeadsAndHeadlessSubjectsAreWeak) {
  EXPECT_EQ(Verdict("承诺书.pdf"), "weak:M-COM-05");
  EXPECT_EQ(Verdict("题库.pdf"), "weak:M-COM-09");
  EXPECT_EQ(Verdict("长春鼎新职业技能培训学校承诺书.pdf"), "weak:M-COM-05");
  EXPECT_EQ(Verdict("机构宣传册.pdf"), "");
  EXPECT_EQ(Verdict("IMG_0001.jpg"), "");
}

TEST(CompletenessClassifyTest, MergedFilesAndTiesAreNamed) {
  EXPECT_EQ(Verdict("全部材料.pdf"), "merged");
  EXPECT_EQ(Verdict("申报材料汇总.pdf"), "merged");
  EXPECT_EQ(Verdict("备案材料合集.pdf"), "merged");
  EXPECT_EQ(Verdict("场地人员情况说明.pdf"), "ambiguous:M-COM-07,M-COM-08");
}

// Issue 22: a title naming several materials one by one (joiners and collective words from
// checklists/materials.xml) names each; a part without a head borrows the last part's.
TEST(CompletenessClassifyTest, TitlesNamingSeveralMaterialsNameEach) {
  EXPECT_EQ(Verdict("登记证书及法定代表人身份证明.pdf"), "names:M-COM-03,M-COM-04");
  EXPECT_EQ(Verdict("管理运行制度和人员管理制度.pdf"), "names:M-COM-12,M-COM-14");
  EXPECT_EQ(Verdict("管理运行和人员管理制度.pdf"), "names:M-COM-12,M-COM-14");
  EXPECT_EQ(Verdict("人员及场地情况说明.pdf"), "names:M-COM-07,M-COM-08");
  EXPECT_EQ(Verdict("3、管理运行制度、人员管理制度及突发事件应急预案汇编.pdf"),
            "names:M-COM-12,M-COM-14,M-COM-15");
  // Joined words that name one material stay that material's.
  EXPECT_EQ(Verdict("专家及考评人员名单.xlsx"), "M-COM-07");
  EXPECT_EQ(Verdict("收费标准及公示截图.pdf"), "M-COM-06");
  // A collective word without materials named is a merged file, as before.
  EXPECT_EQ(Verdict("申报材料汇总.pdf"), "merged");
}

TEST(CompletenessClassifyTest, TitlesLoseNumbersExtensionsAndDecorations) {
  const TitleVocabulary& v = Shipped().vocabulary();
  struct Row {
    const char* name;
    const char* text;
    const char* head;
  };
  const Row rows[] = {
      {"1.备案申请表.docx", "备案申请表", "申请表"},
      {"附件1 申请表.docx", "申请表", "申请表"},
      {"申请表（盖章版）.docx", "申请表", "申请表"},
      {"申请表(1).docx", "申请表", "申请表"},
      {"申请表.docx.docx", "申请表", "申请表"},
      {"三、人员名单", "人员名单", "名单"},
      {"（三）人员名单", "人员名单", "名单"},
      {"附件3-人员名单", "人员名单", "名单"},
      {"营业执照 副本 2026-03-01.pdf", "营业执照", "营业执照"},
      {"考评人员管理制度.pdf", "考评人员管理制度", "制度"},
  };
  for (const Row& r : rows) {
    const bool is_file = std::string(r.name).find('.') != std::string::npos &&
                         std::string(r.name).find("、") == std::string::npos;
    const Title t = AnalyseTitle(v, r.name, is_file);
    EXPECT_EQ(t.text, r.text) << r.name;
    EXPECT_EQ(t.head, r.head) << r.name;
  }
}

}  // namespace
}  // namespace pipeline::completeness
