// End-to-end rule coverage (issue 3): the real `beian` binary over every samples/intake entry at
// the fixed date of samples/expected.json (`rules_date`), compared with the hand-written outcome
// the generator pins per dossier (overall_conclusion, rules, absent_rules, report_fields,
// authority). Then: every rule id of checklists/rules.xml and every EXT/ING/COMP id in the code
// fires in at least one sample, except the allowlisted ids a committed folder cannot produce.
// And: the report model of a few samples against tests/golden/ (house style §7 "Reports").
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/version.h"
#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

using nlohmann::json;
using testing::CheckRun;
using testing::CheckSample;

// Rule ids fixed in code (not in rules.xml): the tables in pipeline/extract/extract.h,
// pipeline/ingest/ingest.h and pipeline/completeness/completeness.cc (and the .cc files that
// emit them).
// CodeRuleIdsMatchTheHeaders keeps this list in step with those files.
const std::vector<std::string>& CodeRuleIds() {
  static const std::vector<std::string> ids = {
      "EXT-001",  "EXT-002",  "EXT-003",  "EXT-004",  "EXT-005", "EXT-006", "EXT-010", "EXT-011",
      "EXT-012",  "EXT-020",  "EXT-030",  "EXT-040",  "ING-001", "ING-002", "ING-003", "ING-004",
      "ING-005",  "ING-006",  "ING-007",  "ING-010",  "ING-011", "ING-012", "ING-013", "ING-014",
      "ING-015",  "ING-016",  "ING-017",  "ING-018",  "ING-019", "ING-020", "ING-021", "ING-022",
      "ING-030",  "ING-031",  "ING-032",  "ING-033",  "ING-034", "ING-035", "ING-036", "COMP-001",
      "COMP-002", "COMP-003", "COMP-004", "COMP-005", "ING-008", "ING-009", "ING-037", "ING-038",
  };
  return ids;
}

// Rule ids no committed sample folder can produce, and why. Keep it short: a rule that can be
// produced from files in git belongs in a sample (samples/gen/make_samples.py).
const std::map<std::string, std::string>& Allowlist() {
  static const std::map<std::string, std::string> ids = {
      {"ING-002",
       "intake entry that is a symlink: git stores symlinks, but they are not portable "
       "(Windows checkouts, archives) and the generator's --check compares file trees"},
      {"ING-004", "folder or file the OS refuses to read: needs permissions git does not keep"},
      {"ING-005", "fifo, socket or device file: git cannot store special files"},
      {"ING-020", "symlink inside a dossier: see ING-002"},
      {"ING-021",
       "file name that is not valid UTF-8: not portable through git on macOS/Windows "
       "and not representable in samples/expected.json"},
      {"ING-035", "file over the 128 MiB probe cap (Limits::max_file_bytes): too big to commit"},
      {"EXT-001",
       "form missing: beian run/check skip extraction when ingest found no usable "
       "form (ING-010/012/013 say so); EXT-001 guards direct callers of "
       "extract::Extract and is covered by tests/extract"},
      {"C61-03",
       "needs the office's credit list (templates/office.json rules.credit_list or "
       "--credit-list), not a dossier file; tests/e2e/credit_list_e2e_test.cc runs the "
       "binary on S01 with a CSV list that names it and an XLSX list that does not"},
      {"COMP-003",
       "no checklist for (kind, type): checklists/materials.xml has a checklist for "
       "all 5 kinds x 2 types and unknown values fall back (COMP-001/002), so the "
       "shipped data cannot produce it"},
  };
  return ids;
}

json LoadExpectedDocument() {
  std::ifstream in("samples/expected.json");
  EXPECT_TRUE(in) << "run from the repo root";
  return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

std::string AuthorityOf(const json& want) {
  return want.contains("authority") && want["authority"].is_string()
             ? want["authority"].get<std::string>()
             : std::string();
}

std::set<std::string> FiredRules(const json& report) {
  std::set<std::string> out;
  if (!report.contains("findings")) return out;
  for (const json& f : report["findings"]) out.insert(f["rule"].get<std::string>());
  return out;
}

bool HasBlocking(const json& report) {
  if (!report.contains("findings")) return false;
  return std::any_of(report["findings"].begin(), report["findings"].end(),
                     [](const json& f) { return f["severity"] == "blocking"; });
}

// "occupations.0.status" -> "/occupations/0/status".
json::json_pointer PointerOf(const std::string& dotted) {
  std::string p = "/" + dotted;
  std::replace(p.begin(), p.end(), '.', '/');
  return json::json_pointer(p);
}

std::string Join(const std::set<std::string>& s) {
  std::string out;
  for (const std::string& x : s) out += (out.empty() ? "" : " ") + x;
  return out;
}

// Rule ids of checklists/rules.xml (<rule id=...>), read at test time.
std::set<std::string> RulesXmlIds() {
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_file("checklists/rules.xml");
  EXPECT_TRUE(r) << "checklists/rules.xml: " << r.description();
  std::set<std::string> ids;
  for (pugi::xml_node rule : doc.child("rules").children("rule")) {
    ids.insert(rule.attribute("id").value());
  }
  return ids;
}

// Material ids of checklists/materials.xml (per-material completeness findings use them).
std::set<std::string> MaterialIds() {
  pugi::xml_document doc;
  const pugi::xml_parse_result r = doc.load_file("checklists/materials.xml");
  EXPECT_TRUE(r) << "checklists/materials.xml: " << r.description();
  std::set<std::string> ids;
  for (pugi::xml_node m : doc.child("checklists").children("material")) {
    ids.insert(m.attribute("id").value());
  }
  return ids;
}

// Every id that must fire in some sample: rules.xml + code ids, minus the allowlist.
std::set<std::string> RequiredIds() {
  std::set<std::string> ids = RulesXmlIds();
  ids.insert(CodeRuleIds().begin(), CodeRuleIds().end());
  for (const auto& [id, why] : Allowlist()) ids.erase(id);
  return ids;
}

TEST(SamplesRulesTest, ExpectedFilePinsEveryDossier) {
  const json doc = LoadExpectedDocument();
  ASSERT_TRUE(doc.is_object());
  ASSERT_TRUE(doc.contains("rules_date"));
  EXPECT_EQ(doc["rules_date"], "2026-11-25");
  for (const auto& [name, want] : doc["dossiers"].items()) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(want.contains("overall_conclusion") && want["overall_conclusion"].is_string());
    EXPECT_TRUE(want.contains("rules") && want["rules"].is_array());
    EXPECT_TRUE(want.contains("absent_rules") && want["absent_rules"].is_array());
    EXPECT_TRUE(want.contains("report_fields") && want["report_fields"].is_object());
  }
}

TEST(SamplesRulesTest, EachSampleMeetsItsPinnedOutcome) {
  const json doc = LoadExpectedDocument();
  ASSERT_TRUE(doc.is_object());
  const std::string date = doc["rules_date"].get<std::string>();
  for (const auto& [name, want] : doc["dossiers"].items()) {
    SCOPED_TRACE(name);
    const std::string authority = AuthorityOf(want);
    const CheckRun& run = CheckSample(name, date, authority);
    ASSERT_FALSE(run.report.is_discarded())
        << "exit " << run.exit_code << "; stdout is not JSON; stderr: " << run.stderr_text;
    const json& report = run.report;
    // A dossier sent as one archive is named as the folder it would unpack into.
    const bool archive = name.ends_with(".zip");
    EXPECT_EQ(report["dossier"], archive ? name.substr(0, name.size() - 4) : name);
    EXPECT_EQ(report["conclusion"], want["overall_conclusion"]);
    // docs/user-guide.md "Exit codes": 1 when the dossier has a blocking finding, else 0.
    EXPECT_EQ(run.exit_code, HasBlocking(report) ? 1 : 0) << run.stderr_text;

    const std::set<std::string> fired = FiredRules(report);
    for (const json& rule : want["rules"]) {
      EXPECT_TRUE(fired.count(rule.get<std::string>()) == 1)
          << rule.get<std::string>() << " expected; fired: " << Join(fired);
    }
    for (const json& rule : want["absent_rules"]) {
      EXPECT_TRUE(fired.count(rule.get<std::string>()) == 0)
          << rule.get<std::string>() << " must not fire; fired: " << Join(fired);
    }
    for (const auto& [path, value] : want["report_fields"].items()) {
      const json::json_pointer ptr = PointerOf(path);
      ASSERT_TRUE(report.contains(ptr)) << path << " not in report.json";
      EXPECT_EQ(report[ptr], value) << path;
    }
  }
}

TEST(SamplesRulesTest, EveryRuleFiresInSomeSample) {
  const json doc = LoadExpectedDocument();
  ASSERT_TRUE(doc.is_object());
  const std::string date = doc["rules_date"].get<std::string>();
  std::set<std::string> fired;
  std::set<std::string> pinned;
  for (const auto& [name, want] : doc["dossiers"].items()) {
    SCOPED_TRACE(name);
    const CheckRun& run = CheckSample(name, date, AuthorityOf(want));
    ASSERT_FALSE(run.report.is_discarded()) << run.stderr_text;
    const std::set<std::string> f = FiredRules(run.report);
    fired.insert(f.begin(), f.end());
    for (const json& r : want["rules"]) pinned.insert(r.get<std::string>());
  }
  const std::set<std::string> required = RequiredIds();
  ASSERT_GT(required.size(), 60u);
  std::set<std::string> never_fired, not_pinned;
  for (const std::string& id : required) {
    if (fired.count(id) == 0) never_fired.insert(id);
    if (pinned.count(id) == 0) not_pinned.insert(id);
  }
  EXPECT_TRUE(never_fired.empty())
      << "no sample produces: " << Join(never_fired)
      << "\nadd a sample in samples/gen/make_samples.py, or allowlist the id with a reason in "
         "tests/e2e/samples_rules_test.cc when no committed folder can produce it";
  // Coverage must be intended, not accidental: some sample pins each id in expected.json.
  EXPECT_TRUE(not_pinned.empty())
      << "fired but pinned by no sample (`rules` in samples/expected.json): " << Join(not_pinned);
  // A stale allowlist entry hides a rule that samples now cover.
  for (const auto& [id, why] : Allowlist()) {
    EXPECT_EQ(fired.count(id), 0u) << id << " fires in a sample now: pin it and drop it from "
                                   << "the allowlist (" << why << ")";
  }
}

TEST(SamplesRulesTest, PinnedRuleIdsExist) {
  const json doc = LoadExpectedDocument();
  ASSERT_TRUE(doc.is_object());
  std::set<std::string> known = RulesXmlIds();
  known.insert(CodeRuleIds().begin(), CodeRuleIds().end());
  const std::set<std::string> materials = MaterialIds();
  known.insert(materials.begin(), materials.end());
  for (const auto& [name, want] : doc["dossiers"].items()) {
    SCOPED_TRACE(name);
    for (const char* key : {"rules", "absent_rules"}) {
      for (const json& r : want[key]) {
        EXPECT_EQ(known.count(r.get<std::string>()), 1u) << key << ": unknown rule id " << r;
      }
    }
  }
  for (const auto& [id, why] : Allowlist()) {
    EXPECT_EQ(known.count(id), 1u) << "allowlisted id is no rule: " << id;
    EXPECT_FALSE(why.empty()) << id;
  }
}

// The hard-coded CodeRuleIds() against the rule tables written in the code, so a new EXT/ING/
// COMP id cannot slip past EveryRuleFiresInSomeSample.
TEST(SamplesRulesTest, CodeRuleIdsMatchTheHeaders) {
  const std::regex id_re(R"(\b(EXT|ING|COMP)-\d{3}\b)");
  std::set<std::string> in_code;
  for (const char* file :
       {"pipeline/extract/extract.h", "pipeline/extract/extract.cc", "pipeline/ingest/ingest.h",
        "pipeline/ingest/ingest.cc", "pipeline/completeness/completeness.cc"}) {
    SCOPED_TRACE(file);
    const std::string text = testing::ReadText(file);
    ASSERT_FALSE(text.empty()) << "run from the repo root";
    for (auto it = std::sregex_iterator(text.begin(), text.end(), id_re);
         it != std::sregex_iterator(); ++it) {
      in_code.insert(it->str());
    }
  }
  const std::set<std::string> listed(CodeRuleIds().begin(), CodeRuleIds().end());
  EXPECT_EQ(listed, in_code);
}

// ----- Golden report model (tests/golden/, house style §7 "Reports") -----------------------

// Normalised form of a report: the parsed JSON, compared by value (object keys unordered, so
// key order and whitespace never matter); files are written with sorted keys, 2-space indent
// and unescaped UTF-8 by tests/golden/update.sh.
std::string DiffHint(const json& golden, const json& actual) {
  const json patch = json::diff(golden, actual);
  std::ostringstream os;
  std::size_t shown = 0;
  for (const json& op : patch) {
    if (++shown > 15) {
      os << "... " << (patch.size() - 15) << " more differences\n";
      break;
    }
    const std::string path = op["path"].get<std::string>();
    const std::string kind = op["op"].get<std::string>();
    if (kind == "replace") {
      os << "@@ " << path << "\n-" << golden[json::json_pointer(path)].dump() << "\n+"
         << op["value"].dump() << "\n";
    } else if (kind == "remove") {
      os << "@@ " << path << "\n-" << golden[json::json_pointer(path)].dump() << "\n";
    } else {
      os << "@@ " << path << "\n+" << op.value("value", json()).dump() << "\n";
    }
  }
  return os.str();
}

TEST(SamplesRulesTest, ReportsMatchGoldenFiles) {
  const json doc = LoadExpectedDocument();
  ASSERT_TRUE(doc.is_object());
  const std::string date = doc["rules_date"].get<std::string>();
  std::vector<std::filesystem::path> goldens;
  for (const auto& e : std::filesystem::directory_iterator("tests/golden")) {
    if (e.path().extension() == ".json") goldens.push_back(e.path());
  }
  std::sort(goldens.begin(), goldens.end());
  ASSERT_GE(goldens.size(), 5u) << "tests/golden/*.json";
  for (const std::filesystem::path& path : goldens) {
    const std::string name = path.stem().string();
    SCOPED_TRACE(name);
    ASSERT_TRUE(doc["dossiers"].contains(name)) << path << " names no sample dossier";
    const json golden = json::parse(testing::ReadText(path.string()), nullptr, false);
    ASSERT_FALSE(golden.is_discarded()) << path << " is not JSON";
    const CheckRun& run = CheckSample(name, date, AuthorityOf(doc["dossiers"][name]));
    ASSERT_FALSE(run.report.is_discarded()) << run.stderr_text;
    // Goldens pin neither the version nor the settings hash (tests/golden/README.md): a version
    // bump or a new office setting must not rewrite them. Both are checked here instead.
    json actual = run.report;
    EXPECT_EQ(actual["generator"]["version"], kVersion);
    EXPECT_EQ(actual["parameters"]["settings_hash"].get<std::string>().rfind("sha256:", 0), 0u);
    actual["generator"]["version"] = "VERSION";
    actual["parameters"]["settings_hash"] = "SETTINGS_HASH";
    const json& report = actual;
    EXPECT_TRUE(report == golden)
        << "report.json differs from " << path.string() << " (- golden, + actual):\n"
        << DiffHint(golden, report)
        << "If the change is intended, regenerate and review the diff:\n"
           "  BEIAN=<build>/beian tests/golden/update.sh && git diff tests/golden\n";
  }
}

}  // namespace
}  // namespace pipeline
