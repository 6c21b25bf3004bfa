// The registry on a PostgreSQL server through the `beian` binary (docs/registry-server.md): the
// connection URI's rules, a server that cannot be reached, thirteen processes creating the schema
// at once, read-only commands that never migrate, and `registry migrate` from a SQLite file.
// Run by ctest with the fixture `postgres` (tests/postgres/server.sh).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/registry/registry.h"
#include "pipeline/registry/schema.h"
#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

namespace fs = std::filesystem;

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::MakeTempDir();
    uri_ = testing::NewPostgresDatabase();
    ASSERT_FALSE(uri_.empty());
  }
  // beian with `registry` and its drafts in the test's folder (XDG_DATA_HOME).
  int Beian(const std::string& args, const std::string& registry, std::string* out) {
    return testing::RunCommand("XDG_DATA_HOME=" + testing::Quote(dir_ + "/xdg") + " " +
                                   testing::BeianBinary() + " " + args + " --registry " +
                                   testing::Quote(registry) + " --user 张三",
                               out, /*merge_stderr=*/true);
  }
  // Sample S01 in the test's intake folder (dir_/intake).
  void CopySample() {
    const std::string sample = "S01-长春鼎新职业技能培训学校-首次申请";
    fs::create_directories(dir_ + "/intake");
    fs::copy(testing::RepoRoot() + "/samples/intake/" + sample, dir_ + "/intake/" + sample,
             fs::copy_options::recursive);
  }
  // `beian run` of the intake into `registry` on `date` (no PDFs); its exit code, output in *out.
  int RunIntake(const std::string& registry, const std::string& date, std::string* out) {
    return Beian("run " + testing::Quote(dir_ + "/intake") + " --out " +
                     testing::Quote(dir_ + "/out") + " --quiet --no-pdf --date " + date,
                 registry, out);
  }
  std::string dir_, uri_;
};

TEST_F(PostgresTest, APasswordInTheUriIsRefusedAndNeverShown) {
  std::string out;
  const std::string uri = "postgresql://beian:s3cret@/beian?host=" + testing::PostgresTestHost();
  EXPECT_NE(Beian("status", uri, &out), 0);
  EXPECT_NE(out.find("~/.pgpass"), std::string::npos) << out;
  EXPECT_EQ(out.find("s3cret"), std::string::npos) << out;
  EXPECT_NE(Beian("status", "postgresql:///beian?password=s3cret", &out), 0);
  EXPECT_NE(out.find("~/.pgpass"), std::string::npos) << out;
  EXPECT_EQ(out.find("s3cret"), std::string::npos) << out;
}

// The connection lost at COMMIT, as in a server restart: beian asks the server what became of
// the transaction (txid_status) instead of guessing. COMMIT arrived: the number is given once
// and the transaction not run again (a guess "run again" would skip number 2). COMMIT never
// arrived: the server rolled it back and the transaction runs again. Either way the sequence
// has no gap and no number twice.
TEST_F(PostgresTest, ACommitWhoseReplyIsLostIsAskedAfterNotGuessed) {
  for (const char* fault : {"commit_reply_lost", "commit_lost"}) {
    SCOPED_TRACE(fault);
    const std::string uri = testing::NewPostgresDatabase();
    ASSERT_FALSE(uri.empty());
    std::unique_ptr<Storage> db = testing::OpenRegistryStorage(uri);
    ASSERT_TRUE(db);
    Result<std::unique_ptr<Registry>> reg =
        Registry::Open(std::move(db), RepoMessages(), Date{2026, 11, 25});
    ASSERT_OK(reg);
    EXPECT_EQ(*(*reg)->AllocateNumber("220000", 2026), 1);
    // The database's name (postgresql:///NAME?host=…) picks this registry's connection.
    const std::string name = uri.substr(14, uri.find('?') - 14);
    ::setenv("BEIAN_FAULT", (std::string(fault) + ":" + name).c_str(), 1);
    Result<std::int64_t> second = (*reg)->AllocateNumber("220000", 2026);
    ::unsetenv("BEIAN_FAULT");
    ASSERT_OK(second);
    EXPECT_EQ(*second, 2);
    EXPECT_EQ(*(*reg)->AllocateNumber("220000", 2026), 3);
  }
}

TEST_F(PostgresTest, AServerThatCannotBeReachedIsNamedAndNothingIsMade) {
  std::string out;
  const std::string uri = "postgresql://clerk@/beian?host=" + dir_ + "/no-server";
  EXPECT_NE(Beian("decide C2026-0001 --stage received --result pass", uri, &out), 0);
  EXPECT_NE(
      out.find("无法连接登记簿数据库服务器 postgresql://clerk@/beian?host=" + dir_ + "/no-server"),
      std::string::npos)
      << out;
  EXPECT_FALSE(fs::exists(dir_ + "/xdg"));
}

// Thirteen offices' beian starting at once on an empty database create the schema once (under
// the write lock); each then answers about the case as usual.
TEST_F(PostgresTest, ThirteenProcessesStartingAtOnceCreateTheSchemaOnce) {
  std::string script;
  for (int i = 0; i < 13; ++i) {
    script += "XDG_DATA_HOME=" + testing::Quote(dir_ + "/xdg") + " " + testing::BeianBinary() +
              " decide C2026-0001 --stage received --result pass --user u" + std::to_string(i) +
              " --registry " + testing::Quote(uri_) + " > " +
              testing::Quote(dir_ + "/out" + std::to_string(i)) + " 2>&1 &\n";
  }
  std::ofstream(dir_ + "/start.sh") << script << "wait\n";
  std::string out;
  ASSERT_EQ(testing::RunCommand("bash " + testing::Quote(dir_ + "/start.sh"), &out, true), 0)
      << out;
  for (int i = 0; i < 13; ++i) {
    std::string text;
    testing::RunCommand("cat " + testing::Quote(dir_ + "/out" + std::to_string(i)), &text);
    EXPECT_NE(text.find("中没有案件C2026-0001"), std::string::npos) << i << ": " << text;
  }
  auto db = testing::OpenRegistryStorage(uri_);
  ASSERT_TRUE(db);
  Result<std::vector<Row>> versions = db->Query("SELECT version FROM schema_version");
  ASSERT_OK(versions);
  EXPECT_EQ(versions->size(), static_cast<std::size_t>(CurrentSchemaVersion()));
}

TEST_F(PostgresTest, ReadOnlyCommandsNeverMigrate) {
  std::string out;
  EXPECT_NE(Beian("status", uri_, &out), 0);
  EXPECT_NE(out.find("只读命令不会升级数据结构"), std::string::npos) << out;
  auto db = testing::OpenRegistryStorage(uri_);
  ASSERT_TRUE(db);
  EXPECT_TRUE(db->Tables()->empty());
  // A writing command migrates; status then works.
  EXPECT_NE(Beian("withdraw C2026-0001", uri_, &out), 0);
  EXPECT_EQ(Beian("status --json", uri_, &out), 0) << out;
}

// A SQLite registry with a case taken through its first stages, its receipt drafted, moved onto
// the server: every table checked; `status --json` the same on both; a second copy refused
// until --force.
TEST_F(PostgresTest, MigrateCopiesASqliteRegistryAndChecksEveryTable) {
  CopySample();
  const std::string file = dir_ + "/registry.sqlite";
  std::string out;
  ASSERT_EQ(Beian("run " + testing::Quote(dir_ + "/intake") + " --out " +
                      testing::Quote(dir_ + "/out") + " --quiet --date 2026-09-20",
                  file, &out),
            0)
      << out;
  for (const char* stage : {"received", "preliminary"}) {
    ASSERT_EQ(Beian(std::string("decide C2026-0001 --stage ") + stage +
                        " --result pass --date 2026-09-21",
                    file, &out),
              0)
        << out;
  }
  ASSERT_EQ(Beian("registry migrate --to " + testing::Quote(uri_), file, &out), 0) << out;
  EXPECT_NE(out.find("两边逐表行数和 SHA-256 校验一致"), std::string::npos) << out;
  EXPECT_NE(out.find("stage_history\t3\t"), std::string::npos) << out;
  std::string on_file, on_server;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-01", file, &on_file), 0) << on_file;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-01", uri_, &on_server), 0) << on_server;
  // The hints name the registry the user gave (--registry FILE or URI); the rest is equal.
  auto unplaced = [](std::string text, const std::string& where) {
    for (size_t at = text.find(where); at != std::string::npos; at = text.find(where, at)) {
      text.replace(at, where.size(), "REGISTRY");
    }
    for (size_t at = text.find("'REGISTRY'"); at != std::string::npos;
         at = text.find("'REGISTRY'", at)) {
      text.replace(at, 10, "REGISTRY");  // a URI is shell-quoted in the hints
    }
    return text;
  };
  on_file = unplaced(on_file, file);
  on_server = unplaced(on_server, uri_);
  EXPECT_EQ(on_file, on_server);
  EXPECT_NE(on_server.find("receipt"), std::string::npos) << on_server;
  // The next number on the server continues the file's sequences.
  ASSERT_EQ(
      Beian("decide C2026-0001 --stage technical --result pass --date 2026-09-22", uri_, &out), 0)
      << out;
  EXPECT_NE(Beian("registry migrate --to " + testing::Quote(uri_), file, &out), 0);
  EXPECT_NE(out.find("--force"), std::string::npos) << out;
  ASSERT_EQ(Beian("registry migrate --force --to " + testing::Quote(uri_), file, &out), 0) << out;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-01", uri_, &on_server), 0);
  EXPECT_EQ(on_file, unplaced(on_server, uri_));
}

// `registry backup` (pg_dump, read back with pg_restore --list), `registry check`, and `registry
// restore` (a damaged backup refused with nothing changed; a good one restored in one
// transaction, the contents before it dumped beside the backup) on the server.
TEST_F(PostgresTest, BackupCheckAndRestoreOnTheServer) {
  CopySample();
  std::string out;
  ASSERT_EQ(RunIntake(uri_, "2026-09-20", &out), 0) << out;
  ASSERT_EQ(Beian("registry check", uri_, &out), 0) << out;
  EXPECT_NE(out.find("可以连接"), std::string::npos) << out;
  const std::string backup = dir_ + "/backups/registry.dump";
  ASSERT_EQ(Beian("registry backup " + testing::Quote(backup), uri_, &out), 0) << out;
  EXPECT_NE(out.find("pg_restore --list"), std::string::npos) << out;
  EXPECT_NE(Beian("registry backup " + testing::Quote(backup), uri_, &out), 0) << "no overwrite";

  ASSERT_EQ(Beian("decide C2026-0001 --stage received --result pass --date 2026-09-21", uri_, &out),
            0)
      << out;
  auto last_action = [&]() {
    std::string text;
    EXPECT_EQ(Beian("status C2026-0001 --json --date 2026-10-01", uri_, &text), 0) << text;
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() ? j["history"].back()["action"].get<std::string>() : text;
  };
  ASSERT_EQ(last_action(), "decide");

  const std::string damaged = dir_ + "/backups/damaged.dump";
  {
    std::ofstream f(damaged, std::ios::binary);
    f << "PGDMP but not really";
  }
  EXPECT_NE(Beian("registry restore " + testing::Quote(damaged), uri_, &out), 0);
  EXPECT_NE(out.find("不能用于恢复"), std::string::npos) << out;
  EXPECT_EQ(last_action(), "decide") << "nothing changed";

  ASSERT_EQ(Beian("registry restore " + testing::Quote(backup), uri_, &out), 0) << out;
  EXPECT_NE(out.find("registry-before-restore-"), std::string::npos) << out;
  EXPECT_EQ(last_action(), "received") << "the decision after the backup is gone";
  bool kept = false;
  for (const auto& e : fs::directory_iterator(dir_ + "/backups")) {
    kept = kept || e.path().filename().string().rfind("registry-before-restore-", 0) == 0;
  }
  EXPECT_TRUE(kept) << "the contents before the restore are kept beside the backup";
  ASSERT_EQ(Beian("registry check", uri_, &out), 0) << out;
}

// Offices on one record (issue 25): 长春 (220100) receives a sample, takes it through its stages
// and the 公示, and submits it; the province (220000) files it and issues the 备案通知 with its
// own sequence, on the same server; 长春's `status` then shows the case filed with the
// notice's number, and both offices' numbers come from their own sequences.
TEST_F(PostgresTest, ACityOfficeSubmitsAndTheProvinceFilesOnOneRecord) {
  CopySample();
  const std::string config = dir_ + "/office.json";
  {
    std::ofstream f(config);
    f << R"({"doc_number_format": {"220000": "吉人社认备〔{year}〕{n}号",
                                   "220100": "长人社认备〔{year}〕{n}号"},
             "filing_number_format": "吉认备{year}{n}", "allow_fallback_fonts": true})";
  }
  std::string out;
  auto ok = [&](const std::string& args) {
    ASSERT_EQ(Beian(args + " --config " + testing::Quote(config), uri_, &out), 0) << args << "\n"
                                                                                  << out;
  };
  ok("run " + testing::Quote(dir_ + "/intake") + " --out " + testing::Quote(dir_ + "/out") +
     " --quiet --no-pdf --date 2026-09-20 --authority 220100");
  for (const char* stage : {"received", "preliminary", "technical", "comprehensive"}) {
    ok(std::string("decide C2026-0001 --stage ") + stage + " --result pass --date 2026-09-21");
  }
  ok("deliberate C2026-0001 --date 2026-09-22 --note 专题会议 --today 2026-09-22");
  ok("publicize C2026-0001 --start 2026-09-25 --date 2026-09-25 --authority 220100");
  ok("issue D2026-0002 --date 2026-09-25");  // the 公示, 长春's sequence
  ok("submit C2026-0001 --authority 220100 --date 2026-10-12");
  ok("file C2026-0001 --authority 220000 --date 2026-10-12");
  ok("issue D2026-0004 --date 2026-10-13");  // the 备案通知, the province's sequence
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-10-14", uri_, &out), 0) << out;
  const nlohmann::json status = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(status.is_object()) << out;
  EXPECT_EQ(status["stage"], "filed");
  std::map<std::string, std::string> numbers;
  for (const auto& d : status["documents"]) {
    numbers[d["id"].get<std::string>()] = d.value("number", "");
  }
  // Each authority's own format and sequence: both are its first number of 2026.
  EXPECT_EQ(numbers["D2026-0002"], "长人社认备〔2026〕1号") << out;
  EXPECT_EQ(numbers["D2026-0004"], "吉人社认备〔2026〕1号") << out;
}

// The ending letters on the server (issue 21): `decide --result refer` draws the 受理部门告知书
// and the 移送函 as registry documents, a correction supersedes them, a later referral draws
// new ones, which are issued with the authority's numbers once their department is filled in;
// receipts keep their own sequence on the server too.
TEST_F(PostgresTest, AnEndingLetterIsDrawnSupersededAndIssuedOnTheServer) {
  CopySample();
  const std::string config = dir_ + "/office.json";
  std::ofstream(config) << R"({"doc_number_format": "吉市人社认备〔{year}〕{n}号",
                               "receipt_number_format": "吉市人社认收〔{year}〕{n}号",
                               "allow_fallback_fonts": true})";
  std::string out;
  auto ok = [&](const std::string& args) {
    ASSERT_EQ(Beian(args + " --config " + testing::Quote(config), uri_, &out), 0) << args << "\n"
                                                                                  << out;
  };
  // At the 吉林市 office S01 (长春) is not its case (exit 1: 移送); --no-pdf draws no letter.
  ASSERT_EQ(
      Beian("run " + testing::Quote(dir_ + "/intake") + " --out " + testing::Quote(dir_ + "/out") +
                " --quiet --no-pdf --date 2026-09-20 --authority 220200",
            uri_, &out),
      1)
      << out;
  ok("decide C2026-0001 --stage received --result refer --date 2026-09-21");
  EXPECT_NE(out.find("D2026-0002-受理部门告知书.pdf"), std::string::npos) << out;
  EXPECT_NE(out.find("D2026-0003-移送函.pdf"), std::string::npos) << out;
  ok("decide C2026-0001 --stage received --result pass --reason 属本局受理 --date 2026-09-21");
  ok("decide C2026-0001 --stage preliminary --result refer --date 2026-09-22");
  EXPECT_NE(out.find("D2026-0004-受理部门告知书.pdf"), std::string::npos) << out;
  EXPECT_NE(out.find("D2026-0005-移送函.pdf"), std::string::npos) << out;
  for (const char* id : {"D2026-0004", "D2026-0005"}) {
    ok(std::string("edit ") + id + " --slot competent_authority --text 长春市人力资源和社会保障局");
  }
  ok("issue D2026-0004 --date 2026-09-23");
  EXPECT_NE(out.find("吉市人社认备〔2026〕1号"), std::string::npos) << out;
  ok("issue D2026-0005 --date 2026-09-23");
  EXPECT_NE(out.find("吉市人社认备〔2026〕2号"), std::string::npos) << out;
  ok("issue D2026-0001 --date 2026-09-23");  // the receipt: its own sequence
  EXPECT_NE(out.find("吉市人社认收〔2026〕1号"), std::string::npos) << out;
  ASSERT_EQ(Beian("status C2026-0001 --json --date 2026-09-23", uri_, &out), 0) << out;
  const nlohmann::json status = nlohmann::json::parse(out, nullptr, false);
  ASSERT_TRUE(status.is_object()) << out;
  std::map<std::string, std::string> states;
  for (const auto& d : status["documents"]) states[d["id"]] = d["state"];
  EXPECT_EQ(states["D2026-0002"], "superseded");
  EXPECT_EQ(states["D2026-0003"], "superseded");
  EXPECT_EQ(states["D2026-0004"], "issued");
  EXPECT_EQ(states["D2026-0005"], "issued");
  EXPECT_EQ(status["next"],
            "beian served D2026-0004 --date YYYY-MM-DD --registry " + testing::Quote(uri_));
}

// The workbench on the server (issue 25 with issue 24): `beian user` and `beian serve` open a
// PostgreSQL registry as the other commands do; a clerk logs in and the JSON case list holds
// the case `run` recorded on the same server.
TEST_F(PostgresTest, TheWorkbenchServesARegistryOnTheServer) {
  CopySample();
  std::string out;
  ASSERT_EQ(RunIntake(uri_, "2026-11-25", &out), 0) << out;
  { std::ofstream(dir_ + "/password") << "clerk-password-1\n"; }
  auto user = [&](const std::string& args) {  // `beian user` takes no --user of its own
    return testing::RunCommand(
        testing::BeianBinary() + " user " + args + " --registry " + testing::Quote(uri_), &out,
        /*merge_stderr=*/true);
  };
  ASSERT_EQ(user("add clerk1 --role clerk --office 220100 --password-file " +
                 testing::Quote(dir_ + "/password")),
            0)
      << out;
  ASSERT_EQ(user("list"), 0) << out;
  EXPECT_NE(out.find("clerk1\tclerk\t220100"), std::string::npos) << out;

  const int port = 20000 + static_cast<int>(::getpid() % 20000);
  const std::string log = dir_ + "/serve.log";
  ::setenv("XDG_DATA_HOME", (dir_ + "/xdg").c_str(), 1);
  std::vector<std::string> args = {pipeline::testing::BeianBinary(),
                                   "serve",
                                   "--listen",
                                   "127.0.0.1:" + std::to_string(port),
                                   "--registry",
                                   uri_,
                                   "--date",
                                   "2026-11-25"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = -1;
  ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::unsetenv("XDG_DATA_HOME");
  const std::string client = "PYTHONPATH=" + testing::Quote(testing::RepoRoot() + "/tests/web") +
                             " /usr/bin/python3 -c \"import sys, time, json\n"
                             "from workbench import Client\n"
                             "c = Client(" +
                             std::to_string(port) +
                             ")\n"
                             "for _ in range(100):\n"
                             "    try:\n"
                             "        c.get('/healthz'); break\n"
                             "    except OSError: time.sleep(0.1)\n"
                             "status, _, _ = c.login('clerk1', 'clerk-password-1')\n"
                             "print('login', status)\n"
                             "status, _, body = c.get('/cases', {'Accept': 'application/json'})\n"
                             "print('cases', status, body.decode())\n\"";
  const int rc = testing::RunCommand(client, &out, /*merge_stderr=*/true);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_EQ(rc, 0) << out << testing::ReadText(log);
  EXPECT_NE(out.find("login 303"), std::string::npos) << out << testing::ReadText(log);
  EXPECT_NE(out.find("cases 200"), std::string::npos) << out;
  EXPECT_NE(out.find("C2026-0001"), std::string::npos) << out;
}

}  // namespace
}  // namespace pipeline::registry
