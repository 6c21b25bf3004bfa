// The kill test of issue 12 (docs/user-guide.md "Crash safety"): `beian run --jobs 2`, `beian watch
// --once` and a running `beian watch` are killed with SIGKILL at random (seeded) moments during a
// batch and restarted, again and again, with a case registry. At the end every dossier has exactly
// one complete set of outputs, the same as an uninterrupted run's; no file is truncated
// (report.json parses, every PDF ends with %%EOF); no temporary file is left; the registry is
// consistent.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "pipeline/report/case_id.h"
#include "tests/service/service_testing.h"
#include "tests/testing/test_paths.h"

namespace pipeline::service {
namespace {

namespace fs = std::filesystem;
using test_util::FilesUnder;

std::vector<std::string> Args(const std::string& mode, const std::string& intake,
                              const std::string& out, const std::string& registry) {
  // "watch" is one pass (--once); "watcher" keeps watching until it is killed.
  std::vector<std::string> a = {mode == "run" ? "run" : "watch",
                                intake,
                                "--out",
                                out,
                                "--registry",
                                registry,
                                "--date",
                                "2026-11-25",
                                "--jobs",
                                "2",
                                "--quiet",
                                "--settle",
                                "0"};
  if (mode == "run") a.resize(a.size() - 2);
  if (mode == "watch") a.push_back("--once");
  return a;
}

// Runs to the end; a restart right after a kill may find the dying workers still holding the
// lock for a moment, and is then tried again.
int RunToEnd(const std::vector<std::string>& args, const std::string& log) {
  int rc = 0;
  for (int attempt = 0; attempt < 20; ++attempt) {
    fs::remove(log);
    rc = test_util::Wait(test_util::Start(args, log));
    if (test_util::Slurp(log).find("进程号") == std::string::npos) return rc;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return rc;
}

std::vector<std::vector<std::string>> Query(sqlite3* db, const std::string& sql) {
  std::vector<std::vector<std::string>> rows;
  sqlite3_stmt* st = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<std::string> row;
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const unsigned char* t = sqlite3_column_text(st, i);
      row.push_back(t != nullptr ? reinterpret_cast<const char*>(t) : "");
    }
    rows.push_back(row);
  }
  sqlite3_finalize(st);
  return rows;
}

// report.json without what depends on the registry's history (new case or already known).
std::string Comparable(const std::string& json_text) {
  nlohmann::json j = nlohmann::json::parse(json_text);
  j.erase("registry");
  return j.dump();
}

TEST(KillTest, KilledAtRandomMomentsAndRestartedEveryDossierHasOneCompleteSetOfOutputs) {
  const std::string intake = test_util::SampleIntake({"S0", "B0", "R01", "R04", "M01"});
  const std::string tmp = testing::MakeTempDir();
  const std::string log = tmp + "/beian.log";

  // The reference: one uninterrupted run.
  const std::string ref_out = tmp + "/参照", ref_registry = tmp + "/参照.sqlite";
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(RunToEnd(Args("run", intake, ref_out, ref_registry), log), 1) << test_util::Slurp(log);
  const auto full =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
          .count();

  const std::string out = tmp + "/输出", registry = tmp + "/registry.sqlite";
  std::mt19937 rng(20261201);
  std::uniform_int_distribution<long> when(0, std::max<long>(full, 50));
  int killed = 0, partial = 0;  // partial: rounds killed with some, not all, cases written
  std::size_t total = 0;
  for (const auto& e : fs::directory_iterator(intake)) total += e.exists() ? 1u : 0u;
  for (int round = 0; round < 9; ++round) {
    const std::string mode = round % 3 == 0 ? "run" : round % 3 == 1 ? "watch" : "watcher";
    const pid_t pid = test_util::Start(Args(mode, intake, out, registry), log);
    if (round == 0) {
      // The first kill lands when the first case is in: in the middle of the batch however
      // busy the machine is (the random moments below may all fall before or after it).
      const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(3 * full);
      while (std::chrono::steady_clock::now() < give_up &&
             (!fs::exists(out) || test_util::CaseFolders(out).empty())) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    } else {
      std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
    }
    if (::kill(pid, SIGKILL) == 0) ++killed;
    test_util::Wait(pid);
    if (fs::exists(out)) {
      const std::size_t n = test_util::CaseFolders(out).size();
      partial += n > 0 && n < total ? 1 : 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(killed, 4);
  EXPECT_GT(partial, 0) << "no kill landed in the middle of a batch";
  // Restarted for good: the watcher's memory finishes what the killed processes left.
  const int rc = RunToEnd(Args("watch", intake, out, registry), log);
  EXPECT_TRUE(rc == 0 || rc == 1) << test_util::Slurp(log);

  // Exactly one set of outputs per dossier, the same as the uninterrupted run's.
  std::set<std::string> expected;
  for (const auto& e : fs::directory_iterator(intake)) {
    expected.insert(report::CaseIdFor(e.path().filename().string()));
  }
  // The same case folders (case numbers and institutions) as the uninterrupted run's.
  const std::vector<std::string> cases = test_util::CaseFolders(out);
  EXPECT_EQ(cases.size(), expected.size());
  EXPECT_EQ(cases, test_util::CaseFolders(ref_out));
  EXPECT_FALSE(fs::exists(out + "/已撤出收件夹"));
  // The restarted watcher's summary lists every case, those the killed processes finished too.
  std::set<std::string> listed;
  const nlohmann::json summary =
      nlohmann::json::parse(test_util::Slurp(out + "/summary.json"), nullptr, false);
  if (summary.is_object()) {
    for (const auto& row : summary["dossiers"]) listed.insert(row.value("case_id", ""));
  }
  EXPECT_EQ(listed, expected);
  const auto got = FilesUnder(out), want = FilesUnder(ref_out);
  for (const auto& [file, bytes] : got) {
    SCOPED_TRACE(file);
    EXPECT_EQ(file.find(".tmp"), std::string::npos);
    EXPECT_EQ(file.find(".beian-tmp"), std::string::npos);
    EXPECT_NE(file, ".beian.lock");
    if (file.rfind("JL-", 0) != 0 && file.rfind("C20", 0) != 0) continue;
    ASSERT_TRUE(want.count(file)) << "a file the uninterrupted run does not have";
    if (file.size() > 4 && file.compare(file.size() - 4, 4, ".pdf") == 0) {
      EXPECT_NE(bytes.find("%%EOF", bytes.size() > 32 ? bytes.size() - 32 : 0), std::string::npos)
          << "truncated PDF";
      EXPECT_TRUE(bytes == want.at(file));
    } else {
      EXPECT_EQ(Comparable(bytes), Comparable(want.at(file)));
    }
  }
  for (const auto& [file, bytes] : want) {
    if (file.rfind("JL-", 0) == 0 || file.rfind("C20", 0) == 0) {
      EXPECT_TRUE(got.count(file)) << file << " missing";
    }
  }

  // The registry: intact, every case once, no dossier version recorded twice.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(registry.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(Query(db, "PRAGMA integrity_check"), std::vector<std::vector<std::string>>{{"ok"}});
  EXPECT_TRUE(Query(db, "PRAGMA foreign_key_check").empty());
  for (const auto& row : Query(db,
                               "SELECT case_id, COUNT(*), COUNT(DISTINCT content_hash) FROM "
                               "dossier_versions GROUP BY case_id")) {
    EXPECT_EQ(row[1], row[2]) << row[0] << ": the same dossier content recorded twice";
  }
  sqlite3* ref = nullptr;
  ASSERT_EQ(sqlite3_open_v2(ref_registry.c_str(), &ref, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  const std::string cases_sql = "SELECT uscc, kind, current_version FROM cases ORDER BY uscc, kind";
  EXPECT_EQ(Query(db, cases_sql), Query(ref, cases_sql));
  sqlite3_close(ref);
  sqlite3_close(db);
}

}  // namespace
}  // namespace pipeline::service
