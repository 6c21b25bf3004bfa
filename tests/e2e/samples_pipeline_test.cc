// The bundled samples (samples/intake) against samples/expected.json, through the library
// stages that decide completeness: ingest -> extract (kind and type) -> completeness. Runs
// without the CLI; samples_test.cc checks the same expectations through the `beian` binary.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "pipeline/completeness/checklist.h"
#include "pipeline/completeness/completeness.h"
#include "pipeline/core/file_system.h"
#include "pipeline/extract/extract.h"
#include "pipeline/extract/normaliser.h"
#include "pipeline/ingest/form_labels.h"
#include "pipeline/ingest/ingest.h"
#include "tests/testing/status_matchers.h"

namespace pipeline {
namespace {

using nlohmann::json;

json LoadExpected() {
  std::ifstream in("samples/expected.json");
  EXPECT_TRUE(in) << "run from the repo root";
  return json::parse(in, nullptr, /*allow_exceptions=*/false);
}

std::vector<std::string> Strings(const json& j) {
  std::vector<std::string> out;
  for (const auto& v : j) out.push_back(v.get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

bool IsStageRule(const std::string& rule) {
  return rule.rfind("ING-", 0) == 0 || rule.rfind("COMP-", 0) == 0 || rule.rfind("M-", 0) == 0;
}

TEST(SamplesPipelineTest, ExpectedFileListsEveryIntakeEntry) {
  RealFileSystem fs;
  json expected = LoadExpected();
  ASSERT_TRUE(expected.is_object());
  Result<std::vector<ingest::IntakeEntry>> entries = ingest::ScanIntake(fs, "samples/intake");
  ASSERT_OK(entries);
  std::set<std::string> on_disk;
  for (const auto& e : *entries) on_disk.insert(e.name);  // an archive keeps its .zip
  std::set<std::string> listed;
  for (const auto& [name, _] : expected["dossiers"].items()) listed.insert(name);
  EXPECT_EQ(on_disk, listed);
  EXPECT_GE(on_disk.size(), 10u);
}

TEST(SamplesPipelineTest, EveryDossierMeetsItsExpectedCompletenessOutcome) {
  RealFileSystem fs;
  json expected = LoadExpected();
  Result<ingest::FormLabels> labels = ingest::LoadFormLabels(fs, "checklists/form_labels.xml");
  ASSERT_OK(labels);
  Result<extract::Normaliser> normaliser = extract::LoadNormaliser(fs, "checklists/normalise.xml");
  ASSERT_OK(normaliser);
  Result<completeness::ChecklistSet> checklists =
      completeness::LoadChecklists(fs, "checklists/materials.xml");
  ASSERT_OK(checklists);
  Result<std::vector<ingest::IntakeEntry>> entries = ingest::ScanIntake(fs, "samples/intake");
  ASSERT_OK(entries);

  for (const ingest::IntakeEntry& entry : *entries) {
    SCOPED_TRACE(entry.name);
    ASSERT_TRUE(expected["dossiers"].contains(entry.name));
    const json& want = expected["dossiers"][entry.name];
    model::Dossier dossier = ingest::LoadDossier(fs, entry, *labels, ingest::Limits{});
    model::Extraction ex = extract::Extract(dossier, *normaliser);
    const model::ApplicationKind kind = ex.application.kind.value;
    const model::ApplicantType type = ex.application.applicant_type.value;
    EXPECT_EQ(model::ApplicationKindName(kind), want["kind"].get<std::string>());
    EXPECT_EQ(model::ApplicantTypeName(type), want["applicant_type"].get<std::string>());

    completeness::CompletenessResult r = completeness::Check(dossier, kind, type, *checklists);
    std::vector<std::string> missing, unreadable;
    for (const model::MaterialResult& m : r.materials) {
      if (m.required && m.status == model::MaterialStatus::kMissing) missing.push_back(m.id);
      if (m.status == model::MaterialStatus::kUnreadable) unreadable.push_back(m.id);
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
      EXPECT_EQ(r.unmatched_files, Strings(want["unmatched"]));
    }

    // Completeness-scope conclusion: blocking ingest or completeness findings.
    std::vector<std::string> blocking;
    for (const auto* list : {&dossier.findings, &r.findings}) {
      for (const model::Finding& f : *list) {
        if (f.severity == model::Severity::kBlocking && IsStageRule(f.rule_id)) {
          blocking.push_back(f.rule_id + " " + f.message);
        }
      }
    }
    const std::string conclusion = blocking.empty() ? "complete" : "corrections_needed";
    EXPECT_EQ(conclusion, want["conclusion"].get<std::string>())
        << ::testing::PrintToString(blocking);

    // A dossier meant to be complete must also have a clean form: a blocking extraction
    // finding there is a bug in the sample generator.
    if (want["conclusion"] == "complete") {
      for (const model::Finding& f : ex.findings) {
        EXPECT_NE(f.severity, model::Severity::kBlocking) << f.rule_id << " " << f.message;
      }
    }
  }
}

}  // namespace
}  // namespace pipeline
