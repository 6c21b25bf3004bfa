// Forms as applicants really send them, through the `beian` binary (issue 8): each committed
// fixture of tests/ingest/testdata/real_forms (written by make_real_forms.py there, a writer
// independent of the sample generator) is put into a dossier as 申请表.docx / 申请表.xml and
// checked with `beian check --json`; the hostile shapes (100,000 levels of nesting, 200,000
// occupations, a huge value) are generated at test time and must end quickly with a finding.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Fixture(const std::string& name) {
  return testing::RepoRoot() + "/tests/ingest/testdata/real_forms/" + name;
}

// A dossier folder holding only `form_bytes` as its form file `form_name`.
std::string DossierWith(const std::string& form_name, const std::string& form_bytes) {
  const std::string dir = testing::MakeTempDir() + "/卷宗";
  fs::create_directories(dir);
  std::ofstream(dir + "/" + form_name, std::ios::binary) << form_bytes;
  return dir;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `beian check DIR --json`; fails the test on exit code 2 or unparsable output.
json Check(const std::string& dir, double* seconds = nullptr) {
  std::string out;
  auto start = std::chrono::steady_clock::now();
  int rc = testing::RunCommand(
      testing::BeianBinary() + " check '" + dir + "' --json --date 2026-11-25", &out);
  if (seconds != nullptr) {
    *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  EXPECT_NE(rc, 2) << out;
  json j = json::parse(out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << out;
  return j;
}

std::set<std::string> Rules(const json& report) {
  std::set<std::string> ids;
  for (const auto& f : report["findings"]) ids.insert(f["rule"].get<std::string>());
  return ids;
}

std::string Messages(const json& report) {
  std::string all;
  for (const auto& f : report["findings"]) all += f["message"].get<std::string>() + "\n";
  return all;
}

struct FormCase {
  const char* fixture;
  const char* kind;                   // application.kind
  const char* applicant_type;         // application.applicant_type
  const char* affiliation;            // institution.affiliation
  const char* name;                   // institution.name
  std::vector<std::string> must;      // rule ids that must fire
  std::vector<std::string> must_not;  // rule ids that must not fire
};

// Every fixture: what beian must read from it.
const std::vector<FormCase>& FormCases() {
  static const std::vector<FormCase> cases = {
      // ☑首次申请 ☐增加职业（工种）…, ☑用人单位, □中直驻省 ☑省属 □市（州）属及以下: the ticked
      // options, not the longest option text of the cell.
      {"勾选框前置.docx",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"EXT-002", "EXT-003", "EXT-005", "ING-012", "ING-013"}},
      // √ / ✓ after the chosen option, the others bare.
      {"对勾后置.docx",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"EXT-002", "EXT-003", "EXT-005"}},
      // Boxes but nothing ticked in 申请类型: not filled (EXT-002), never a guess.
      {"未勾选.docx",
       "unknown",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {"EXT-002"},
       {"EXT-005"}},
      // Two kinds ticked: EXT-005, no kind chosen.
      {"多项勾选.docx",
       "unknown",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {"EXT-005"},
       {}},
      // Check-box content controls (☒) and legacy FORMCHECKBOX fields.
      {"复选框控件.docx",
       "add_occupation",
       "social_org",
       "city_or_below",
       "吉林省松花江职业技能培训中心",
       {},
       {"EXT-002", "EXT-003", "EXT-005"}},
      // Deleted and moved-away text is not read; a placeholder content control is empty.
      {"修订与占位符.docx",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {"EXT-002"},
       {"ING-012"}},
      // Main part word/document2.xml (named by the package) and a prefix other than w:.
      {"主部件另名.docx",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"ING-012", "ING-013", "ING-031"}},
      // A name typed over two paragraphs: joined without a space, brackets as written.
      {"两行填写.docx",
       "initial",
       "employer",
       "provincial",
       "中培华测（北京）职业技能培训中心",
       {},
       {"EXT-002"}},
      // XML forms in GBK, GB18030 and UTF-16, and with a namespace prefix.
      {"申请表_GBK.xml",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"ING-012", "ING-013", "ING-014"}},
      {"申请表_GB18030.xml",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"ING-012", "ING-013", "ING-014"}},
      {"申请表_UTF16.xml",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"ING-012", "ING-013", "ING-014"}},
      {"申请表_前缀.xml",
       "initial",
       "employer",
       "provincial",
       "吉林省松花江职业技能培训中心",
       {},
       {"ING-012", "ING-013", "ING-014"}},
  };
  return cases;
}

TEST(RealFormsTest, EachFixtureReadsAsTheApplicantMeantIt) {
  for (const FormCase& c : FormCases()) {
    SCOPED_TRACE(c.fixture);
    const std::string fixture = c.fixture;
    const std::string ext = fixture.substr(fixture.rfind('.'));
    json r = Check(DossierWith("申请表" + ext, ReadAll(Fixture(fixture))));
    EXPECT_EQ(r["application"]["kind"], c.kind);
    EXPECT_EQ(r["application"]["applicant_type"], c.applicant_type);
    EXPECT_EQ(r["institution"]["affiliation"], c.affiliation);
    EXPECT_EQ(r["institution"]["name"], c.name);
    std::set<std::string> rules = Rules(r);
    for (const std::string& id : c.must) EXPECT_TRUE(rules.count(id)) << id << "\n" << Messages(r);
    for (const std::string& id : c.must_not) {
      EXPECT_FALSE(rules.count(id)) << id << "\n" << Messages(r);
    }
  }
}

// A renewal whose 备案有效期至 gives only the month (as some notices print it): read as the
// month's last day with a review item (EXT-006), the Art. 9 window checked against it; never
// the blocking "unreadable" (EXT-003) of before.
TEST(RealFormsTest, AFilingValidUntilMonthIsReadAsItsLastDay) {
  const std::string sample =
      testing::RepoRoot() + "/samples/intake/S09-松原市宏达物流有限公司-XML申请表";
  const std::string dir = testing::MakeTempDir() + "/卷宗";
  fs::copy(sample, dir, fs::copy_options::recursive);
  std::string form = ReadAll(dir + "/申请表.xml");
  const std::string kind = "<application_kind>首次申请</application_kind>";
  ASSERT_NE(form.find(kind), std::string::npos);
  form.replace(form.find(kind), kind.size(),
               "<application_kind>续期</application_kind><filing_number>吉认备〔2024〕12号"
               "</filing_number><filing_valid_until>2026年3月</filing_valid_until>");
  std::ofstream(dir + "/申请表.xml", std::ios::binary | std::ios::trunc) << form;
  json r = Check(dir);
  EXPECT_EQ(r["application"]["kind"], "renewal");
  std::set<std::string> rules = Rules(r);
  EXPECT_TRUE(rules.count("EXT-006")) << Messages(r);
  EXPECT_FALSE(rules.count("EXT-003")) << Messages(r);
  EXPECT_NE(Messages(r).find("2026-03-31"), std::string::npos) << Messages(r);
}

TEST(RealFormsTest, TrackedChangesAndPlaceholdersAreNotValues) {
  json r = Check(DossierWith("申请表.docx", ReadAll(Fixture("修订与占位符.docx"))));
  EXPECT_EQ(r["institution"]["name"], "吉林省松花江职业技能培训中心");  // no 旧名称, no 已移走
  EXPECT_EQ(r["institution"]["legal_representative"], "");              // placeholder = empty
  EXPECT_EQ(Messages(r).find("单击或点击此处输入文字"), std::string::npos);
}

TEST(RealFormsTest, SoftLineBreakInsideChineseJoinsWithoutSpace) {
  json r = Check(DossierWith("申请表.docx", ReadAll(Fixture("两行填写.docx"))));
  EXPECT_EQ(r["institution"]["address"], "吉林省吉林市船营区解放北路88号");
}

// Occupation tables as typed: header variants (职业代码 | 职业(工种) | 等级), level expressions,
// a level cell merged down (w:vMerge), a code typed in the name cell (swapped, EXT-030 info),
// a blank row, and a continuation table without header after a page break; 以下空白 and 合计
// rows are no occupations.
TEST(RealFormsTest, OccupationTableAsTyped) {
  json r = Check(DossierWith("申请表.docx", ReadAll(Fixture("职业表手填.docx"))));
  struct Want {
    const char* code;
    const char* name;
    std::vector<int> levels;
  } want[] = {
      {"4-03-02-01", "中式烹调师", {3, 4, 5}},     // 初、中、高级
      {"4-10-01-03", "保育师", {4, 5}},            // 四级及以下
      {"4-10-01-01", "婴幼儿发展引导员", {4, 5}},  // merged from the row above
      {"4-03-02-02", "中式面点师", {4}},     // code and name swapped; 职业技能等级四级
      {"4-03-02-03", "西式烹调师", {4, 5}},  // continuation table; 初中级
      {"4-03-02-04", "西式面点师", {5}},     // swapped again
  };
  ASSERT_EQ(r["occupations"].size(), std::size(want)) << r["occupations"].dump(1);
  for (std::size_t i = 0; i < std::size(want); ++i) {
    SCOPED_TRACE(i);
    const json& o = r["occupations"][i];
    EXPECT_EQ(o["code"], want[i].code);
    EXPECT_EQ(o["name"], want[i].name);
    EXPECT_EQ(o["levels"].get<std::vector<int>>(), want[i].levels);
    EXPECT_EQ(o["status"], "ok") << o.dump();
  }
  std::set<std::string> rules = Rules(r);
  EXPECT_TRUE(rules.count("EXT-030"));
  EXPECT_FALSE(rules.count("OCC-001")) << Messages(r);
  EXPECT_EQ(Messages(r).find("以下空白"), std::string::npos) << Messages(r);
  EXPECT_EQ(Messages(r).find("合计"), std::string::npos) << Messages(r);
}

TEST(RealFormsTest, OneTickColumnPerLevel) {
  json r = Check(DossierWith("申请表.docx", ReadAll(Fixture("职业表勾选等级.docx"))));
  ASSERT_EQ(r["occupations"].size(), 2u) << r["occupations"].dump(1);
  EXPECT_EQ(r["occupations"][0]["levels"].get<std::vector<int>>(), (std::vector<int>{3, 4, 5}));
  EXPECT_EQ(r["occupations"][1]["levels"].get<std::vector<int>>(), (std::vector<int>{4}));
  EXPECT_EQ(r["occupations"][1]["name"], "保育师");
}

// ---- Hostile shapes: generated here (not committed), each must end quickly with a finding.

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// A docx (stored, not deflated: the zip is written here by hand) around `document_xml`.
std::string StoredDocx(const std::string& document_xml);

const char kW[] = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string WordDoc(const std::string& body) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document ") + kW +
         "><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>机构名称</w:t></w:r></w:p></w:tc><w:tc>"
         "<w:p><w:r><w:t>吉林省松花江职业技能培训中心</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" +
         body + "</w:body></w:document>";
}

struct Hostile {
  const char* what;
  std::string form_name;
  std::string bytes;
  const char* rule;   // the finding it must end with
  const char* limit;  // the limit named in the finding's args
};

std::vector<Hostile> HostileForms() {
  const int n = 100000;
  std::vector<Hostile> out;
  out.push_back({"100,000 nested content controls", "申请表.docx",
                 StoredDocx(WordDoc(Repeat("<w:sdt><w:sdtContent>", n) + "<w:p/>" +
                                    Repeat("</w:sdtContent></w:sdt>", n))),
                 "ING-018", "max_xml_depth"});
  out.push_back({"100,000 nested runs", "申请表.docx",
                 StoredDocx(WordDoc("<w:p>" + Repeat("<w:r>", n) + "<w:t>x</w:t>" +
                                    Repeat("</w:r>", n) + "</w:p>")),
                 "ING-018", "max_xml_depth"});
  out.push_back({"100,000 nested tables", "申请表.docx",
                 StoredDocx(WordDoc(Repeat("<w:tbl><w:tr><w:tc>", n) + "<w:p/>" +
                                    Repeat("</w:tc></w:tr></w:tbl>", n))),
                 "ING-018", "max_xml_depth"});
  out.push_back({"100,000 nested XML elements", "申请表.xml",
                 "<?xml version=\"1.0\"?><application><institution_name>x</institution_name>" +
                     Repeat("<a>", n) + Repeat("</a>", n) + "</application>",
                 "ING-018", "max_xml_depth"});
  out.push_back({"nested tables within the depth cap but past the table cap", "申请表.docx",
                 StoredDocx(WordDoc(Repeat("<w:tbl><w:tr><w:tc>", 30) + "<w:p/>" +
                                    Repeat("</w:tc></w:tr></w:tbl>", 30))),
                 "ING-019", "max_table_nesting"});
  std::string occupations;
  for (int i = 0; i < 200000; ++i) {
    occupations += "<occupation seq=\"" + std::to_string(i + 1) +
                   "\" code=\"4-03-02-01\" name=\"中式烹调师\" levels=\"五级\"/>";
  }
  out.push_back({"200,000 occupations", "申请表.xml",
                 "<?xml version=\"1.0\"?><application><institution_name>x</institution_name>"
                 "<occupations>" +
                     occupations + "</occupations></application>",
                 "ING-019", "max_occupations"});
  out.push_back({"one value of 3 MB", "申请表.xml",
                 "<?xml version=\"1.0\"?><application><institution_name>" +
                     Repeat("很长的名称", 200000) + "</institution_name></application>",
                 "ING-019", "max_value_chars"});
  out.push_back({"a form of 20 MB", "申请表.xml",
                 "<?xml version=\"1.0\"?><application><main_business>" +
                     Repeat("0123456789", 2000000) + "</main_business></application>",
                 "ING-018", "max_form_bytes"});
  return out;
}

TEST(RealFormsTest, HostileFormsEndQuicklyWithAFindingNamingTheLimit) {
  for (const Hostile& h : HostileForms()) {
    SCOPED_TRACE(h.what);
    double seconds = 0;
    json r = Check(DossierWith(h.form_name, h.bytes), &seconds);
    EXPECT_LT(seconds, 30.0);
    bool found = false;
    for (const auto& f : r["findings"]) {
      if (f["rule"] != h.rule) continue;
      found = true;
      EXPECT_NE(f["message"].get<std::string>().find(h.form_name), std::string::npos);
    }
    EXPECT_TRUE(found) << Messages(r);
    EXPECT_LE(r["occupations"].size(), 500u);
  }
}

// Every hostile shape at once, next to a sound sample dossier and folders whose names hold a
// newline and terminal escape codes: `beian run` reports every dossier, one summary row each,
// names escaped.
TEST(RealFormsTest, BatchSurvivesEveryHostileShapeAtOnce) {
  const std::string intake = testing::MakeTempDir() + "/收件";
  fs::create_directories(intake);
  int k = 0;
  for (const Hostile& h : HostileForms()) {
    const std::string dir = intake + "/恶意" + std::to_string(++k);
    fs::create_directories(dir);
    std::ofstream(dir + "/" + h.form_name, std::ios::binary) << h.bytes;
  }
  for (const FormCase& c : FormCases()) {
    const std::string fixture = c.fixture;
    const std::string dir = intake + "/样式" + std::to_string(++k);
    fs::create_directories(dir);
    fs::copy_file(Fixture(fixture), dir + "/申请表" + fixture.substr(fixture.rfind('.')));
  }
  const std::string samples = testing::RepoRoot() + "/samples/intake/";
  for (const auto& e : fs::directory_iterator(samples)) {
    if (e.path().filename().string().rfind("S01-", 0) == 0) {
      fs::copy(e.path(), intake + "/正常卷宗", fs::copy_options::recursive);
    }
  }
  fs::copy(intake + "/正常卷宗", intake + "/伪造\nJL-0000000000  首次申请",
           fs::copy_options::recursive);
  fs::copy(intake + "/正常卷宗", intake + "/\x1b[31m红色\x1b[0m", fs::copy_options::recursive);
  const int dossiers = k + 3;

  const std::string out = testing::MakeTempDir();
  std::string output;
  int rc = testing::RunCommand(testing::BeianBinary() + " run '" + intake + "' --out '" + out +
                                   "' --date 2026-11-25 --quiet",
                               &output);
  EXPECT_EQ(rc, 1) << output;  // blocking findings, no operational failure
  int reports = 0;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (e.path().filename() == "report.json") ++reports;
  }
  EXPECT_EQ(reports, dossiers);
  // One header and one row per dossier: no name adds a line or an escape code.
  EXPECT_EQ(std::count(output.begin(), output.end(), '\n'), dossiers + 1) << output;
  EXPECT_EQ(output.find('\x1b'), std::string::npos) << output;
  EXPECT_NE(output.find("伪造\\x0AJL-0000000000"), std::string::npos) << output;
  EXPECT_NE(output.find("\\x1B[31m红色\\x1B[0m"), std::string::npos) << output;
  EXPECT_NE(output.find("正常卷宗"), std::string::npos) << output;
}

// ---- A stored (uncompressed) zip writer, so the hostile docx need no compressor here.

void Put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& s, unsigned long v) {
  Put16(s, static_cast<unsigned>(v & 0xFFFF));
  Put16(s, static_cast<unsigned>((v >> 16) & 0xFFFF));
}
unsigned long Crc32(const std::string& data) {
  unsigned long crc = 0xFFFFFFFFul;
  for (char ch : data) {
    crc ^= static_cast<unsigned char>(ch);
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320ul & (0ul - (crc & 1ul)));
  }
  return crc ^ 0xFFFFFFFFul;
}

std::string StoredDocx(const std::string& document_xml) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override "
       "PartName=\"/word/document.xml\" ContentType=\"application/"
       "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
      {"word/document.xml", document_xml},
  };
  std::string zip, central;
  for (const auto& [name, data] : entries) {
    const unsigned long offset = zip.size();
    const unsigned long crc = Crc32(data);
    zip += "PK\x03\x04";
    Put16(zip, 20);
    Put16(zip, 0);
    Put16(zip, 0);
    Put16(zip, 0);
    Put16(zip, 0x21);
    Put32(zip, crc);
    Put32(zip, data.size());
    Put32(zip, data.size());
    Put16(zip, static_cast<unsigned>(name.size()));
    Put16(zip, 0);
    zip += name + data;
    central += "PK\x01\x02";
    Put16(central, 20);
    Put16(central, 20);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0x21);
    Put32(central, crc);
    Put32(central, data.size());
    Put32(central, data.size());
    Put16(central, static_cast<unsigned>(name.size()));
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put16(central, 0);
    Put32(central, 0);
    Put32(central, offset);
    central += name;
  }
  const unsigned long central_offset = zip.size();
  zip += central;
  zip += "PK\x05\x06";
  Put16(zip, 0);
  Put16(zip, 0);
  Put16(zip, static_cast<unsigned>(entries.size()));
  Put16(zip, static_cast<unsigned>(entries.size()));
  Put32(zip, central.size());
  Put32(zip, central_offset);
  Put16(zip, 0);
  return zip;
}

}  // namespace
}  // namespace pipeline
