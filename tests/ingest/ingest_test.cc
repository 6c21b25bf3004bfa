#include "pipeline/ingest/ingest.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "pipeline/core/file_system.h"
#include "pipeline/core/utf8.h"
#include "tests/ingest/ingest_test_util.h"
#include "tests/testing/fake_file_system.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::ingest {
namespace {

using model::Dossier;
using model::FileHealth;
using model::Finding;
using model::Severity;
using ::pipeline::ingest::testing::PagesPdf;
using ::pipeline::ingest::testing::ReadTestdata;
using ::pipeline::ingest::testing::RealLabels;
using ::pipeline::ingest::testing::TestdataPath;
using ::pipeline::testing::FakeFileSystem;

std::vector<std::string> RuleIds(const Dossier& d) {
  std::vector<std::string> ids;
  for (const Finding& f : d.findings) ids.push_back(f.rule_id);
  return ids;
}

const Finding* FindRule(const Dossier& d, const std::string& rule) {
  for (const Finding& f : d.findings) {
    if (f.rule_id == rule) return &f;
  }
  return nullptr;
}

std::string Arg(const Finding& f, const std::string& key) {
  for (const auto& [k, v] : f.args) {
    if (k == key) return v;
  }
  return "<none>";
}

Dossier LoadOnly(const FileSystem& fs, const std::string& intake, const Limits& limits = {}) {
  Result<std::vector<IntakeEntry>> entries = ScanIntake(fs, intake);
  EXPECT_OK(entries);
  if (!entries || entries->size() != 1) {
    ADD_FAILURE() << "want exactly one intake entry";
    return Dossier();
  }
  return LoadDossier(fs, entries->front(), RealLabels(), limits);
}

TEST(IngestScanIntakeTest, ListsEveryEntrySortedAndSkipsHidden) {
  FakeFileSystem fs;
  fs.AddFile("in/乙机构/申请表.docx", "x");
  fs.AddFile("in/甲机构/申请表.docx", "x");
  fs.AddFile("in/说明.txt", "stray");
  fs.AddSymlink("in/链接");
  fs.AddFile("in/.DS_Store", "");
  fs.AddFile("in/~$申请表.docx", "");
  fs.AddFile("in/Thumbs.db", "");
  Result<std::vector<IntakeEntry>> r = ScanIntake(fs, "in");
  ASSERT_OK(r);
  std::vector<std::string> names;
  for (const IntakeEntry& e : *r) names.push_back(e.name);
  std::vector<std::string> want = {"乙机构", "甲机构", "说明.txt", "链接"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(names, want);
  EXPECT_EQ(r->front().path, "in/" + want.front());
}

TEST(IngestScanIntakeTest, UnreadableIntakeFails) {
  FakeFileSystem fs;
  Result<std::vector<IntakeEntry>> r = ScanIntake(fs, "missing");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), StatusCode::kNotFound);
}

TEST(IngestIgnoredNameTest, HiddenAndTemporaryNames) {
  for (const char* n : {".DS_Store", ".hidden", "~$申请表.docx", "~WRL0001.tmp", "Thumbs.db",
                        "desktop.ini", "__MACOSX", "x.TMP", "营业执照 - 快捷方式.lnk"}) {
    EXPECT_TRUE(IsIgnoredName(n)) << n;
  }
  for (const char* n : {"申请表.docx", "营业执照.pdf", "a.tmp.pdf"}) {
    EXPECT_FALSE(IsIgnoredName(n)) << n;
  }
}

TEST(IngestLoadDossierTest, RealDossierWithChineseNames) {
  RealFileSystem fs;
  Dossier d = LoadOnly(fs, TestdataPath("dossiers"));
  EXPECT_EQ(d.name, "吉林省长白山职业技能培训学校");
  // Thumbs.db and the Office lock file are skipped, with one info note naming them.
  ASSERT_EQ(RuleIds(d), std::vector<std::string>{"ING-007"});
  EXPECT_EQ(d.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(Arg(d.findings[0], "files"), "Thumbs.db; ~$申请表.docx");
  std::vector<std::string> paths;
  for (const model::DossierFile& f : d.files) {
    paths.push_back(f.path);
    EXPECT_EQ(f.health, FileHealth::kOk) << f.path << ": " << f.health_detail;
  }
  std::vector<std::string> want = {"申请表.docx", "营业执照.pdf", "附件/人员名单.xlsx",
                                   "附件/场地照片.jpg"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(paths, want);
  std::vector<std::string> ignored = {"Thumbs.db", "~$申请表.docx"};
  EXPECT_EQ(d.ignored, ignored);
  ASSERT_TRUE(d.form.has_value());
  EXPECT_EQ(d.form->file, "申请表.docx");
  EXPECT_EQ(d.form->Find(model::FormField::kInstitutionName)->value,
            "吉林省长白山职业技能培训学校");
  EXPECT_EQ(d.form->occupations.size(), 2u);
  auto form = std::find_if(d.files.begin(), d.files.end(),
                           [](const model::DossierFile& f) { return f.is_form; });
  ASSERT_NE(form, d.files.end());
  EXPECT_EQ(form->path, "申请表.docx");
  EXPECT_EQ(form->format, model::FileFormat::kDocx);
}

struct DossierCase {
  const char* name;
  std::map<std::string, std::string> files;  // path under "in/" -> content
  std::vector<std::string> symlinks;         // paths under "in/"
  std::vector<std::string> dirs;             // empty dirs under "in/"
  std::vector<std::string> want_rules;       // in order
};

TEST(IngestLoadDossierTest, BadInputBecomesFindings) {
  const std::string docx = ReadTestdata("forms/标准申请表.docx");
  const std::string pdf = PagesPdf();
  const std::string long_name(130, 'a');
  const DossierCase cases[] = {
      {"good", {{"甲/申请表.docx", docx}, {"甲/营业执照.pdf", pdf}}, {}, {}, {}},
      {"stray file in intake", {{"说明.txt", "x"}}, {}, {}, {"ING-001"}},
      {"symlink in intake", {}, {"链接"}, {}, {"ING-002"}},
      {"empty folder", {}, {}, {"甲"}, {"ING-003"}},
      {"only hidden files",
       {{"甲/.DS_Store", "x"}, {"甲/~$申请表.docx", "x"}},
       {},
       {},
       {"ING-003"}},
      {"no form", {{"甲/营业执照.pdf", pdf}}, {}, {}, {"ING-010"}},
      {"a second form without any label is an attachment",
       {{"甲/申请表.docx", docx}, {"甲/申请表.xml", "<application/>"}},
       {},
       {},
       {}},
      {"an identical copy of the form counts once",
       {{"甲/申请表.docx", docx}, {"甲/申请表 - 副本.docx", docx}},
       {},
       {},
       {}},
      {"form only as legacy .doc",
       {{"甲/申请表.doc", "x"}, {"甲/营业执照.pdf", pdf}},
       {},
       {},
       {"ING-016", "ING-031"}},
      {"form only as a scanned pdf", {{"甲/申请表（盖章）.pdf", pdf}}, {}, {}, {"ING-016"}},
      {"form not a zip", {{"甲/申请表.docx", "not a zip"}}, {}, {}, {"ING-012"}},
      {"form truncated", {{"甲/申请表.docx", docx.substr(0, 300)}}, {}, {}, {"ING-012"}},
      {"form zero bytes", {{"甲/申请表.docx", ""}}, {}, {}, {"ING-012"}},
      {"form zip bomb",
       {{"甲/申请表.docx", ReadTestdata("health/bomb.docx")}},
       {},
       {},
       {"ING-012"}},
      {"form malformed xml",
       {{"甲/申请表.xml", "<application><a></application>"}},
       {},
       {},
       {"ING-012"}},
      {"form xml wrong root", {{"甲/申请表.xml", "<form/>"}}, {}, {}, {"ING-012"}},
      {"form without known labels",
       {{"甲/申请表.xml", "<application><fax>1</fax></application>"}},
       {},
       {},
       {"ING-013", "ING-014"}},
      {"zero-byte attachment",
       {{"甲/申请表.docx", docx}, {"甲/照片.jpg", ""}},
       {},
       {},
       {"ING-030"}},
      {"corrupt attachment",
       {{"甲/申请表.docx", docx}, {"甲/营业执照.pdf", "junk"}},
       {},
       {},
       {"ING-031"}},
      {"truncated attachment",
       {{"甲/申请表.docx", docx}, {"甲/营业执照.pdf", "%PDF-1.4 x"}},
       {},
       {},
       {"ING-032"}},
      {"wrong format attachment",
       {{"甲/申请表.docx", docx}, {"甲/营业执照.jpg", pdf}},
       {},
       {},
       {"ING-033"}},
      {"unsupported attachment",
       {{"甲/申请表.docx", docx}, {"甲/setup.exe", "MZ"}},
       {},
       {},
       {"ING-036"}},
      {"symlink inside", {{"甲/申请表.docx", docx}}, {"甲/外部.pdf"}, {}, {"ING-020"}},
      {"long name",
       {{"甲/申请表.docx", docx}, {"甲/" + long_name + ".pdf", pdf}},
       {},
       {},
       {"ING-022"}},
  };
  for (const DossierCase& c : cases) {
    SCOPED_TRACE(c.name);
    FakeFileSystem fs;
    fs.AddDir("in");
    for (const auto& [p, data] : c.files) fs.AddFile("in/" + p, data);
    for (const std::string& p : c.symlinks) fs.AddSymlink("in/" + p);
    for (const std::string& p : c.dirs) fs.AddDir("in/" + p);
    const std::map<std::string, std::string> before = fs.files();
    Dossier d = LoadOnly(fs, "in");
    EXPECT_EQ(RuleIds(d), c.want_rules);
    for (const Finding& f : d.findings) {
      EXPECT_EQ(f.message.rfind("ingest.", 0), 0u) << f.message;
    }
    EXPECT_EQ(fs.files(), before);  // nothing written
  }
}

TEST(IngestLoadDossierTest, TwoFormsPreferTheTopLevelOne) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/附件/申请表.docx", ReadTestdata("forms/变体申请表.docx"));
  fs.AddFile("in/甲/申请表.xml", ReadTestdata("forms/申请表.xml"));
  Dossier d = LoadOnly(fs, "in");
  const Finding* f = FindRule(d, "ING-011");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kBlocking);
  EXPECT_EQ(Arg(*f, "used"), "申请表.xml");
  ASSERT_EQ(f->evidence.size(), 2u);
  ASSERT_TRUE(d.form.has_value());
  EXPECT_EQ(d.form->source, model::FormSource::kXml);
}

TEST(IngestLoadDossierTest, UnreadableFormFindingNamesFileAndHealth) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.docx", ReadTestdata("health/encrypted.docx"));
  Dossier d = LoadOnly(fs, "in");
  ASSERT_EQ(RuleIds(d), std::vector<std::string>{"ING-012"});
  const Finding& f = d.findings[0];
  EXPECT_EQ(f.severity, Severity::kBlocking);
  EXPECT_EQ(f.message, "ingest.form_unreadable");
  EXPECT_EQ(Arg(f, "file"), "申请表.docx");
  EXPECT_EQ(Arg(f, "health"), "encrypted");
  ASSERT_EQ(f.evidence.size(), 1u);
  EXPECT_EQ(f.evidence[0].file, "申请表.docx");
  EXPECT_FALSE(d.form.has_value());
  EXPECT_EQ(d.files[0].health, FileHealth::kEncrypted);
}

TEST(IngestLoadDossierTest, ConflictingDuplicateFieldIsReported) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml",
             "<application><institution_name>甲</institution_name>"
             "<institution_name>乙</institution_name></application>");
  Dossier d = LoadOnly(fs, "in");
  const Finding* f = FindRule(d, "ING-015");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Arg(*f, "field"), "institution_name");
  EXPECT_EQ(Arg(*f, "first"), "甲");
  EXPECT_EQ(Arg(*f, "second"), "乙");
}

TEST(IngestLoadDossierTest, OversizedFileIsNotRead) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml", ReadTestdata("forms/申请表.xml"));
  fs.AddFile("in/甲/扫描件.pdf", "%PDF-1.4\n" + std::string(20000, 'x') + "\n%%EOF");
  Limits limits;
  limits.max_file_bytes = 10000;
  Dossier d = LoadOnly(fs, "in", limits);
  EXPECT_EQ(RuleIds(d), std::vector<std::string>{"ING-035"});
}

TEST(IngestLoadDossierTest, WalkLimitsAreReportedOncePerKindAndKeepTheForm) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml", ReadTestdata("forms/申请表.xml"));
  fs.AddFile("in/甲/a/b/c/深.pdf", PagesPdf());
  fs.AddFile("in/甲/x1.pdf", PagesPdf());
  fs.AddFile("in/甲/x2.pdf", PagesPdf());
  fs.AddFile("in/甲/x3.pdf", PagesPdf());
  Limits limits;
  limits.max_depth = 2;
  limits.max_files = 2;
  Dossier d = LoadOnly(fs, "in", limits);
  // Past the probing cap files are still listed by name, never dropped: the form is read
  // first, then the shallow files; the rest are listed unprobed and one finding says so.
  EXPECT_EQ(RuleIds(d), (std::vector<std::string>{"ING-006", "ING-006"}));
  EXPECT_EQ(d.files.size(), 4u);
  EXPECT_TRUE(d.form.has_value());
  std::size_t unprobed = 0;
  for (const auto& f : d.files) unprobed += f.probed ? 0 : 1;
  EXPECT_EQ(unprobed, 2u);
  const Finding* probe = nullptr;
  for (const Finding& f : d.findings) {
    if (f.message == "ingest.probe_limit") probe = &f;
  }
  ASSERT_NE(probe, nullptr);
  EXPECT_EQ(Arg(*probe, "folder"), "甲");
  EXPECT_EQ(Arg(*probe, "value"), "2");
  EXPECT_EQ(Arg(*probe, "skipped"), "2");
}

// Issue 8: the form found the way people name it. Every name below is the only form of its
// dossier and is read as the form.
TEST(IngestLoadDossierTest, FormIsFoundUnderTheNamesPeopleGiveIt) {
  const std::string filled = ReadTestdata("forms/标准申请表.docx");
  for (const char* name :
       {"申请表(1).docx", "1.备案申请表.docx", "附件1 申请表.docx", "申请表（盖章版）.docx",
        "申请表.docx.docx", "附件/申请表 - 副本.docx"}) {
    SCOPED_TRACE(name);
    FakeFileSystem fs;
    fs.AddFile(std::string("in/甲/") + name, filled);
    fs.AddFile("in/甲/营业执照.pdf", PagesPdf());
    Dossier d = LoadOnly(fs, "in");
    EXPECT_TRUE(RuleIds(d).empty()) << RuleIds(d).front();
    ASSERT_TRUE(d.form.has_value());
    EXPECT_FALSE(d.form->cells.empty());
  }
}

TEST(IngestLoadDossierTest, BlankFormBesideTheFilledOneIsIgnoredWithANote) {
  RealFileSystem real;
  Result<std::string> blank =
      real.ReadFile(pipeline::testing::RepoRoot() + "/templates/forms/申请表（空白）.docx",
                    FileSystem::kDefaultMaxRead);
  ASSERT_OK(blank);
  FakeFileSystem fs;
  // The blank template sorts first (申请表.docx < 申请表（…）), so only its content tells.
  fs.AddFile("in/甲/申请表.docx", *blank);
  fs.AddFile("in/甲/申请表（填好）.docx", ReadTestdata("forms/标准申请表.docx"));
  Dossier d = LoadOnly(fs, "in");
  ASSERT_EQ(RuleIds(d), std::vector<std::string>{"ING-017"});
  EXPECT_EQ(d.findings[0].severity, Severity::kInfo);
  EXPECT_EQ(Arg(d.findings[0], "file"), "申请表.docx");
  EXPECT_EQ(Arg(d.findings[0], "used"), "申请表（填好）.docx");
  ASSERT_TRUE(d.form.has_value());
  EXPECT_EQ(d.form->file, "申请表（填好）.docx");
  for (const auto& f : d.files) EXPECT_EQ(f.is_form, f.path == "申请表（填好）.docx") << f.path;
}

TEST(IngestLoadDossierTest, TwoIdenticalFilledFormsAreOneAndTwoDifferentOnesAreNot) {
  const std::string a = ReadTestdata("forms/标准申请表.docx");
  FakeFileSystem same;
  same.AddFile("in/甲/申请表.docx", a);
  same.AddFile("in/甲/申请表(1).docx", a);
  EXPECT_TRUE(RuleIds(LoadOnly(same, "in")).empty());
  std::string xml = ReadTestdata("forms/申请表.xml");
  const std::string other =
      std::regex_replace(xml, std::regex("<institution_name>[^<]*</institution_name>"),
                         "<institution_name>另一家培训学校</institution_name>");
  ASSERT_NE(other, xml);
  FakeFileSystem different;
  different.AddFile("in/甲/申请表.xml", xml);
  different.AddFile("in/甲/申请表(1).xml", other);
  EXPECT_EQ(RuleIds(LoadOnly(different, "in")), std::vector<std::string>{"ING-011"});
}

TEST(IngestLoadDossierTest, FormOnlyAsLegacyWordAsksForDocxOrXml) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.doc", ReadTestdata("viewers/申请表.doc"));
  Dossier d = LoadOnly(fs, "in");
  ASSERT_EQ(RuleIds(d), std::vector<std::string>{"ING-016"});
  EXPECT_EQ(d.findings[0].severity, Severity::kBlocking);
  EXPECT_EQ(d.findings[0].message, "ingest.form_format_not_readable");
  EXPECT_EQ(Arg(d.findings[0], "file"), "申请表.doc");
  EXPECT_EQ(Arg(d.findings[0], "format"), "doc");
  EXPECT_FALSE(d.form.has_value());
  EXPECT_EQ(d.files[0].health, FileHealth::kOk);  // a healthy legacy Word file, not "damaged"
}

TEST(IngestLoadDossierTest, MaterialsAtTheTopAreProbedBeforeACrowdOfPhotos) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml", ReadTestdata("forms/申请表.xml"));
  for (int i = 0; i < 30; ++i) {
    fs.AddFile("in/甲/A场地照片/" + std::to_string(100 + i) + ".jpg", "x");
  }
  fs.AddFile("in/甲/营业执照.pdf", PagesPdf());
  Limits limits;
  limits.max_files = 10;
  Dossier d = LoadOnly(fs, "in", limits);
  EXPECT_EQ(d.files.size(), 32u);  // nothing dropped
  for (const auto& f : d.files) {
    if (f.path == "营业执照.pdf") {
      EXPECT_TRUE(f.probed);
    }
  }
  limits.max_listed_files = 5;
  Dossier capped = LoadOnly(fs, "in", limits);
  EXPECT_EQ(capped.files.size(), 6u);  // 5 listed + the form kept past the cap
  const Finding* f = FindRule(capped, "ING-006");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(Arg(*f, "limit"), "max_listed_files");
}

// Snapshot of a directory tree: relative path -> size (or "dir"/"link"), to prove nothing changed.
std::map<std::string, std::string> Snapshot(const std::string& root) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    std::string rel = std::filesystem::relative(e.path(), root).string();
    if (e.is_symlink()) {
      out[rel] = "link";
    } else if (e.is_directory()) {
      out[rel] = "dir";
    } else {
      out[rel] =
          std::to_string(e.file_size()) + "@" +
          std::to_string(std::filesystem::last_write_time(e.path()).time_since_epoch().count());
    }
  }
  return out;
}

void WriteFile(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

TEST(IngestLoadDossierTest, SymlinkLeadingOutsideIsNotFollowed) {
  std::string tmp = pipeline::testing::MakeTempDir();
  ASSERT_FALSE(tmp.empty());
  std::string outside = tmp + "/outside";
  std::string intake = tmp + "/intake";
  std::filesystem::create_directories(outside);
  std::filesystem::create_directories(intake + "/甲机构");
  WriteFile(outside + "/secret.pdf", "%PDF-1.4\nsecret\n%%EOF");
  std::filesystem::copy_file(TestdataPath("forms/申请表.xml"), intake + "/甲机构/申请表.xml");
  ASSERT_EQ(::symlink((outside + "/secret.pdf").c_str(), (intake + "/甲机构/营业执照.pdf").c_str()),
            0);
  ASSERT_EQ(::symlink(outside.c_str(), (intake + "/乙机构").c_str()), 0);
  const auto before = Snapshot(tmp);

  RealFileSystem fs;
  Result<std::vector<IntakeEntry>> entries = ScanIntake(fs, intake);
  ASSERT_OK(entries);
  ASSERT_EQ(entries->size(), 2u);
  Dossier a = LoadDossier(fs, (*entries)[0], RealLabels(), Limits());
  Dossier b = LoadDossier(fs, (*entries)[1], RealLabels(), Limits());
  EXPECT_EQ(a.name, "乙机构");  // byte order: 乙 (E4 B9 99) < 甲 (E7 94 B2)
  EXPECT_EQ(RuleIds(a), std::vector<std::string>{"ING-002"});
  EXPECT_TRUE(a.files.empty());
  EXPECT_EQ(RuleIds(b), std::vector<std::string>{"ING-020"});
  EXPECT_EQ(Arg(b.findings[0], "file"), "营业执照.pdf");
  ASSERT_EQ(b.files.size(), 1u);  // only the form; the link is never a file
  EXPECT_EQ(b.files[0].path, "申请表.xml");
  EXPECT_EQ(Snapshot(tmp), before);
}

// Issue 22: a GBK name is decoded (shown and matched as Chinese) and opened by its raw bytes;
// only a name that is neither UTF-8 nor clean GB18030 is still reported (ING-021). The
// dossier folder's own name is decoded too (ScanIntake: DossierDisplayName), its raw bytes kept
// as the root for opening.
TEST(IngestLoadDossierTest, GbkFileNameIsDecodedAndOpenedByItsRawBytes) {
  std::string tmp = pipeline::testing::MakeTempDir();
  ASSERT_FALSE(tmp.empty());
  // "营业执照.pdf" and the folder "甲机构" in GBK, as a Windows zip would leave them.
  const std::string gbk_file = "\xD3\xAA\xD2\xB5\xD6\xB4\xD5\xD5.pdf";
  const std::string gbk_dir = "\xBC\xD7\xBB\xFA\xB9\xB9";
  const std::string latin1_file = "caf\xE9.pdf";  // neither UTF-8 nor GB18030
  std::string dossier = tmp + "/" + gbk_dir;
  std::filesystem::create_directories(dossier);
  std::filesystem::copy_file(TestdataPath("forms/申请表.xml"), dossier + "/申请表.xml");
  WriteFile(dossier + "/" + gbk_file, PagesPdf());
  WriteFile(dossier + "/" + latin1_file, PagesPdf());
  const auto before = Snapshot(tmp);

  RealFileSystem fs;
  Dossier d = LoadOnly(fs, tmp);
  EXPECT_EQ(d.name, "甲机构");
  EXPECT_EQ(d.root, dossier);
  EXPECT_EQ(RuleIds(d), (std::vector<std::string>{"ING-021"}));  // caf\xE9.pdf only
  const model::DossierFile* pdf = nullptr;
  const model::DossierFile* latin1 = nullptr;
  for (const model::DossierFile& f : d.files) {
    if (f.path == gbk_file) pdf = &f;
    if (f.path == latin1_file) latin1 = &f;
  }
  ASSERT_NE(pdf, nullptr);
  ASSERT_NE(latin1, nullptr);
  EXPECT_EQ(pdf->display_path, "营业执照.pdf");
  EXPECT_EQ(pdf->title_path(), "营业执照.pdf");
  EXPECT_EQ(pdf->name_encoding, "gb18030");
  EXPECT_EQ(pdf->health, FileHealth::kOk);  // read through the raw bytes
  EXPECT_EQ(latin1->display_path, DisplayPath(latin1_file));
  EXPECT_EQ(latin1->name_encoding, "unknown");
  EXPECT_EQ(Arg(d.findings[0], "file"), latin1->display_path);
  EXPECT_EQ(Snapshot(tmp), before);
}

// Issue 22: a zip's files are the dossier's files, their GBK names decoded, and they count
// against the listing cap like files in folders (one ING-006; the loose files are kept).
TEST(IngestLoadDossierTest, ZipEntriesAreFilesAndCountAgainstTheListingCap) {
  const std::string zip = ReadTestdata("../../e2e/testdata/丙-整包压缩/申请材料.zip");
  ASSERT_FALSE(zip.empty());
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请材料.zip", zip);
  fs.AddFile("in/甲/说明.pdf", PagesPdf());
  Dossier all = LoadOnly(fs, "in");
  EXPECT_EQ(all.files.size(), 22u);  // 21 in the zip and the loose one; not the zip itself
  EXPECT_EQ(FindRule(all, "ING-006"), nullptr);
  const model::DossierFile* form = nullptr;
  for (const model::DossierFile& f : all.files) {
    if (f.is_form) form = &f;
  }
  ASSERT_NE(form, nullptr);
  EXPECT_EQ(form->archive, "申请材料.zip");
  EXPECT_EQ(form->entry_name, "申请材料/附件1 申请表.docx");
  EXPECT_EQ(form->title_path(), "申请材料/申请材料/附件1 申请表.docx");
  EXPECT_EQ(form->display_path, "申请材料.zip › 申请材料/附件1 申请表.docx");
  EXPECT_EQ(form->name_encoding, "gb18030");
  EXPECT_TRUE(all.form.has_value());

  Limits limits;
  limits.max_listed_files = 10;
  Dossier capped = LoadOnly(fs, "in", limits);
  EXPECT_EQ(capped.files.size(), 10u);
  EXPECT_EQ(RuleIds(capped).size(), RuleIds(all).size() + 1);
  const Finding* cap = FindRule(capped, "ING-006");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(Arg(*cap, "limit"), "max_listed_files");
  EXPECT_TRUE(std::any_of(capped.files.begin(), capped.files.end(),
                          [](const model::DossierFile& f) { return f.path == "说明.pdf"; }));
}

TEST(IngestLoadDossierTest, HiddenFilesAndFoldersAreIgnoredAndListed) {
  FakeFileSystem fs;
  fs.AddFile("in/甲/申请表.xml", ReadTestdata("forms/申请表.xml"));
  fs.AddFile("in/甲/.DS_Store", "x");
  fs.AddFile("in/甲/~$申请表.docx", "x");
  fs.AddFile("in/甲/附件/Thumbs.db", "x");
  fs.AddFile("in/甲/__MACOSX/._申请表.xml", "x");
  fs.AddFile("in/甲/.git/config", "x");
  Dossier d = LoadOnly(fs, "in");
  ASSERT_EQ(RuleIds(d), std::vector<std::string>{"ING-007"});  // hidden dot-files not named
  EXPECT_EQ(Arg(d.findings[0], "files"), "__MACOSX; ~$申请表.docx; 附件/Thumbs.db");
  EXPECT_EQ(d.files.size(), 1u);
  std::vector<std::string> want = {".DS_Store", ".git", "__MACOSX", "~$申请表.docx",
                                   "附件/Thumbs.db"};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(d.ignored, want);
}

}  // namespace
}  // namespace pipeline::ingest
