// End-to-end: the real `beian` binary over samples/intake, compared with samples/expected.json
// (written by samples/gen/make_samples.py). Also checks that the generator reproduces the
// committed samples byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "tests/testing/sample_runs.h"
#include "tests/testing/test_paths.h"

namespace pipeline {
namespace {

using nlohmann::json;
using testing::BeianBinary;
using testing::MakeTempDir;
using testing::RunCommand;

// The date every e2e run uses, so date rules (renewal window) are reproducible.
constexpr const char kSamplesDate[] = "2026-01-05";

json LoadExpected() {
  std::ifstream in("samples/expected.json");
  EXPECT_TRUE(in) << "run from the repo root";
  return json::parse(in, nullptr, /*allow_exceptions=*/false)["dossiers"];
}

std::vector<std::string> Strings(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j) out.push_back(v.get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

bool IsStageRule(const std::string& rule) {
  return rule.rfind("ING-", 0) == 0 || rule.rfind("COMP-", 0) == 0 || rule.rfind("M-", 0) == 0;
}

// Compares one report.json with its expectation.
void ExpectMatches(const json& report, const json& want) {
  ASSERT_TRUE(report.is_object());
  EXPECT_EQ(report["application"]["kind"], want["kind"]);
  EXPECT_EQ(report["application"]["applicant_type"], want["applicant_type"]);

  std::vector<std::string> missing, unreadable;
  for (const json& m : report["materials"]) {
    const std::string id = m["id"].get<std::string>();
    if (m["required"] == true && m["status"] == "missing") missing.push_back(id);
    if (m["status"] == "unreadable") unreadable.push_back(id);
  }
  std::sort(missing.begin(), missing.end());
  std::sort(unreadable.begin(), unreadable.end());
  if (!want["missing"].is_null()) {
    EXPECT_EQ(missing, Strings(want["missing"]));
  }
  if (!want["unreadable"].is_null()) {
    EXPECT_EQ(unreadable, Strings(want["unreadable"]));
  }
  if (!want["unmatched"].is_null()) {
    EXPECT_EQ(Strings(report["unmatched_files"]), Strings(want["unmatched"]));
  }

  bool blocking = false;
  for (const json& f : report["findings"]) {
    if (f["severity"] == "blocking" && IsStageRule(f["rule"].get<std::string>())) {
      blocking = true;
    }
  }
  EXPECT_EQ(blocking ? "corrections_needed" : "complete", want["conclusion"]);
  // The overall conclusion may be stricter (rules), never more lenient: a dossier with blocking
  // intake or completeness findings is never passed nor left to review.
  if (want["conclusion"] == "corrections_needed") {
    const std::set<std::string> strict = {"corrections_needed", "not_eligible", "referred"};
    EXPECT_EQ(strict.count(report["conclusion"].get<std::string>()), 1u)
        << "conclusion " << report["conclusion"];
  }
}

// The name a report gives the intake entry `name`: a dossier sent as one archive is named as
// the folder it would unpack into (B07's .zip without its extension).
std::string ReportName(const std::string& name) {
  return name.ends_with(".zip") ? name.substr(0, name.size() - 4) : name;
}

TEST(SamplesEndToEndTest, CheckEachDossierAsJson) {
  const json expected = LoadExpected();
  ASSERT_TRUE(expected.is_object());
  for (const auto& [name, want] : expected.items()) {
    SCOPED_TRACE(name);
    const testing::CheckRun& run = testing::CheckSample(name, kSamplesDate, "");
    const int rc = run.exit_code;
    ASSERT_TRUE(rc == 0 || rc == 1) << "exit " << rc << ": " << run.stderr_text;
    const json& report = run.report;
    ASSERT_FALSE(report.is_discarded()) << run.stdout_text;
    EXPECT_EQ(report["dossier"], ReportName(name));
    // Blocking completeness findings must fail the run; a complete dossier may still exit 1
    // because of later stages (rules).
    if (want["conclusion"] == "corrections_needed") {
      EXPECT_EQ(rc, 1) << "exit code";
    }
    ExpectMatches(report, want);
  }
}

TEST(SamplesEndToEndTest, RunWritesOneReportPerDossier) {
  const json expected = LoadExpected();
  const std::string out_dir = MakeTempDir();
  ASSERT_FALSE(out_dir.empty());
  std::string out;
  const int rc = RunCommand(BeianBinary() + " run samples/intake --out " + testing::Quote(out_dir) +
                                " --no-pdf --quiet --date " + kSamplesDate,
                            &out, /*merge_stderr=*/true);
  ASSERT_TRUE(rc == 0 || rc == 1) << "exit " << rc << ": " << out;

  std::map<std::string, std::string> entry_of;  // report name -> intake entry
  for (const auto& [name, e] : expected.items()) entry_of[ReportName(name)] = name;
  std::set<std::string> seen;
  for (const auto& dir : std::filesystem::directory_iterator(out_dir)) {
    const auto path = dir.path() / "report.json";
    if (!std::filesystem::exists(path)) continue;
    std::ifstream in(path);
    json report = json::parse(in, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(report.is_discarded()) << path;
    const std::string name = entry_of[report["dossier"].get<std::string>()];
    SCOPED_TRACE(name);
    // OUT/<fingerprint>-<institution> (the dossier's name when the form gives none).
    const std::string folder = dir.path().filename().string();
    const std::string id = report["case_id"];
    ASSERT_EQ(folder.rfind(id + "-", 0), 0u) << folder;
    const std::string institution =
        report.value(json::json_pointer("/institution/name"), std::string());
    EXPECT_EQ(folder.substr(id.size() + 1),
              institution.empty() ? report["dossier"].get<std::string>() : institution);
    ASSERT_TRUE(expected.contains(name)) << report["dossier"];
    EXPECT_TRUE(seen.insert(name).second) << "two reports for one dossier";
    ExpectMatches(report, expected[name]);
  }
  std::set<std::string> want;
  for (const auto& [name, e] : expected.items()) {
    if (e["report"] == true) want.insert(name);
  }
  EXPECT_EQ(seen, want);
}

TEST(SamplesEndToEndTest, GeneratorReproducesCommittedSamples) {
  std::string out;
  const int rc = RunCommand("python3 samples/gen/make_samples.py --check", &out, true);
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace pipeline
