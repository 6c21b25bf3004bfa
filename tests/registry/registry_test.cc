// The registry's operations through its API on a real SQLite file and a real PostgreSQL
// database: case identity and versions, every stage guard, corrections, and number sequences
// under several processes at once.
#include "pipeline/registry/registry.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <set>

#include "pipeline/registry/fault.h"
#include "pipeline/registry/open_storage.h"
#include "tests/registry/repo_messages.h"
#include "tests/testing/registry_db.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::registry {
namespace {

using model::ApplicationKind;

const report::MessageCatalog& Messages() { return RepoMessages(); }

std::unique_ptr<Registry> OpenRegistry(const std::string& file) {
  Result<std::unique_ptr<Storage>> db = OpenStorage(file, Messages());
  EXPECT_OK(db);
  if (!db) return nullptr;
  Result<std::unique_ptr<Registry>> r =
      Registry::Open(std::move(*db), Messages(), Date{2026, 11, 25});
  EXPECT_OK(r);
  return std::move(*r);
}

DossierFacts Facts(const std::string& uscc, ApplicationKind kind, const std::string& hash,
                   const std::string& folder) {
  DossierFacts f;
  f.uscc = uscc;
  f.institution_name = "长春鼎新职业技能培训学校";
  f.kind = kind;
  f.authority = "220100";
  f.content_hash = hash;
  f.folder = folder;
  f.report_id = "JL-0000000000";
  f.conclusion = "pass";
  f.occupations = {{"4-03-02-01", "中式烹调师", "", "3,4,5", "requested", ""},
                   {"2-02-01-01", "某职业", "", "3", "excluded", "crosscheck.occupation_group"}};
  return f;
}

const Actor kClerk{"张三", Date{2026, 11, 25}};
constexpr const char* kUscc = "91220101MA0000000X";

class RegistryTest : public ::testing::TestWithParam<testing::Backend> {
 protected:
  void SetUp() override {
    file_ = testing::NewRegistryLocation(GetParam());
    ASSERT_FALSE(file_.empty());
    reg_ = OpenRegistry(file_);
    ASSERT_TRUE(reg_);
  }
  std::string NewCase(ApplicationKind kind = ApplicationKind::kInitial) {
    Result<RecordOutcome> r = reg_->RecordDossier(Facts(kUscc, kind, "h1", "S01"), kClerk);
    EXPECT_OK(r);
    return r->case_id;
  }
  Stage StageOf(const std::string& id) { return reg_->LoadCase(id)->stage; }
  std::string file_;
  std::unique_ptr<Registry> reg_;
};

TEST_P(RegistryTest, SameContentIsOneVersionChangedContentANewVersionOfTheSameCase) {
  Result<RecordOutcome> first =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kInitial, "h1", "S01-长春鼎新"), kClerk);
  ASSERT_OK(first);
  EXPECT_EQ(first->what, RecordOutcome::What::kNewCase);
  EXPECT_EQ(first->case_id, "C2026-0001");
  EXPECT_EQ(first->version, 1);
  // The same content under another folder name: nothing new.
  Result<RecordOutcome> again =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kInitial, "h1", "改名"), kClerk);
  EXPECT_EQ(again->what, RecordOutcome::What::kUnchanged);
  EXPECT_EQ(again->case_id, first->case_id);
  // Sent back for 补正, then resubmitted in a folder with another name: version 2, same case,
  // back to preliminary.
  ASSERT_OK(reg_->Decide(first->case_id, Stage::kReceived, Decision::kPass, "", "", kClerk));
  ASSERT_OK(
      reg_->Decide(first->case_id, Stage::kPreliminary, Decision::kReturn, "缺件", "", kClerk));
  Result<RecordOutcome> resub = reg_->RecordDossier(
      Facts(kUscc, ApplicationKind::kInitial, "h2", "S01-长春鼎新（第二次）"), kClerk);
  ASSERT_OK(resub);
  EXPECT_EQ(resub->what, RecordOutcome::What::kNewVersion);
  EXPECT_EQ(resub->case_id, first->case_id);
  EXPECT_EQ(resub->version, 2);
  EXPECT_EQ(resub->stage, Stage::kPreliminary);
  Result<CaseRecord> c = reg_->LoadCase(first->case_id);
  ASSERT_OK(c);
  ASSERT_EQ(c->versions.size(), 2u);
  EXPECT_EQ(c->versions[1].folder, "S01-长春鼎新（第二次）");
  EXPECT_EQ(c->current_version, 2);
  ASSERT_EQ(c->history.size(), 4u);  // received, decide, decide, resubmitted
  EXPECT_EQ(c->history.back().action, "resubmitted");
  EXPECT_EQ(c->history.back().actor, "张三");
  // The first dossier still in the intake beside the resubmission is version 1 again, not a
  // version 3.
  Result<RecordOutcome> old_one =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kInitial, "h1", "S01-长春鼎新"), kClerk);
  ASSERT_OK(old_one);
  EXPECT_EQ(old_one->what, RecordOutcome::What::kUnchanged);
  EXPECT_EQ(old_one->version, 1);
  EXPECT_EQ(reg_->LoadCase(first->case_id)->current_version, 2);
  // Another kind of the same institution is another case; so is a new application after the
  // first case closed.
  Result<RecordOutcome> renewal =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kRenewal, "h3", "续期"), kClerk);
  EXPECT_EQ(renewal->what, RecordOutcome::What::kNewCase);
  EXPECT_NE(renewal->case_id, first->case_id);
  ASSERT_OK(reg_->Withdraw(first->case_id, "", kClerk));
  Result<RecordOutcome> fresh =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kInitial, "h9", "再申请"), kClerk);
  EXPECT_EQ(fresh->what, RecordOutcome::What::kNewCase);
  EXPECT_EQ(*reg_->CasesOf(kUscc),
            (std::vector<std::string>{"C2026-0001", "C2026-0002", "C2026-0003"}));
}

// A dossier fingerprint (the JL- id of run's report) finds the case it was recorded with, the
// latest one when several were; an unknown fingerprint is refused naming it and the file.
TEST_P(RegistryTest, AFingerprintFindsItsLatestCase) {
  DossierFacts f = Facts(kUscc, ApplicationKind::kInitial, "h1", "S01");
  f.report_id = "JL-00000000aa";
  Result<RecordOutcome> first = reg_->RecordDossier(f, kClerk);
  ASSERT_OK(first);
  Result<CaseRecord> c = reg_->LoadCase("JL-00000000aa");
  ASSERT_OK(c);
  EXPECT_EQ(c->case_id, first->case_id);
  ASSERT_EQ(c->versions.size(), 1u);
  EXPECT_EQ(c->versions[0].report_id, "JL-00000000aa");
  ASSERT_EQ(c->history.size(), 1u);
  // A renewal recorded with the same fingerprint (the same folder name): the newer case.
  DossierFacts renewal = Facts(kUscc, ApplicationKind::kRenewal, "h2", "S01");
  renewal.report_id = "JL-00000000aa";
  Result<RecordOutcome> second = reg_->RecordDossier(renewal, kClerk);
  ASSERT_OK(second);
  ASSERT_NE(second->case_id, first->case_id);
  EXPECT_EQ(reg_->LoadCase("JL-00000000aa")->case_id, second->case_id);
  EXPECT_EQ(reg_->LoadCase(first->case_id)->case_id, first->case_id);
  Result<CaseRecord> unknown = reg_->LoadCase("JL-00000000bb");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.error().message().find("JL-00000000bb"), std::string::npos);
  EXPECT_NE(unknown.error().message().find("卷宗指纹"), std::string::npos)
      << unknown.error().message();
}

TEST_P(RegistryTest, OccupationsAreKeptPerVersionWithTheirState) {
  std::string id = NewCase();
  Result<std::vector<Row>> rows = reg_->storage().Query(
      "SELECT code, levels, state FROM occupations WHERE case_id = ? ORDER BY seq", {id});
  ASSERT_OK(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ(AsText((*rows)[0][1]), "3,4,5");
  EXPECT_EQ(AsText((*rows)[1][2]), "excluded");
}

TEST_P(RegistryTest, ChangedDossierPastPreliminaryIsRefusedNamingTheStage) {
  std::string id = NewCase();
  ASSERT_OK(reg_->Decide(id, Stage::kReceived, Decision::kPass, "", "", kClerk));
  ASSERT_OK(reg_->Decide(id, Stage::kPreliminary, Decision::kPass, "", "", kClerk));
  Result<RecordOutcome> r =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kInitial, "h9", "改过"), kClerk);
  ASSERT_OK(r);
  EXPECT_EQ(r->what, RecordOutcome::What::kRefused);
  EXPECT_NE(r->refusal.find("技术评估"), std::string::npos) << r->refusal;
  EXPECT_EQ(reg_->LoadCase(id)->versions.size(), 1u);
}

TEST_P(RegistryTest, FullPathToPublicityWithACorrectionInTheMiddle) {
  std::string id = NewCase();
  ASSERT_OK(reg_->Decide(id, Stage::kReceived, Decision::kPass, "受理", "", kClerk));
  ASSERT_OK(reg_->Decide(id, Stage::kPreliminary, Decision::kPass, "", "", kClerk));
  // A mistaken fail at technical evaluation, corrected with a reason: history keeps both.
  ASSERT_OK(reg_->Decide(id, Stage::kTechnical, Decision::kFail, "", "", kClerk));
  EXPECT_EQ(StageOf(id), Stage::kNotFiled);
  ASSERT_OK(reg_->Decide(id, Stage::kTechnical, Decision::kPass, "", "录入错误", kClerk));
  EXPECT_EQ(StageOf(id), Stage::kComprehensive);
  ASSERT_OK(reg_->Decide(id, Stage::kComprehensive, Decision::kPass, "", "", kClerk));
  ASSERT_OK(reg_->Deliberate(id, Date{2026, 12, 3}, Decision::kPass, "厅务会", "", kClerk));
  Result<CaseRecord> c = reg_->LoadCase(id);
  EXPECT_EQ(c->stage, Stage::kPublicity);
  EXPECT_EQ(c->stage_since, "2026-12-03");
  const HistoryEntry& correction = c->history[4];
  EXPECT_EQ(correction.reason, "录入错误");
  EXPECT_EQ(correction.corrects, 4);  // the mistaken fail is entry 4, still there
  EXPECT_EQ(c->history[3].result, "fail");
  EXPECT_EQ(reg_->NextStep(*c), "beian publicize " + id + " --start YYYY-MM-DD");
}

TEST_P(RegistryTest, RenewalAndTerminationWaitForTheirNotice) {
  std::string renewal = NewCase(ApplicationKind::kRenewal);
  ASSERT_OK(reg_->Decide(renewal, Stage::kReceived, Decision::kPass, "", "", kClerk));
  ASSERT_OK(reg_->Decide(renewal, Stage::kPreliminary, Decision::kPass, "", "", kClerk));
  Result<CaseRecord> c = reg_->LoadCase(renewal);
  EXPECT_EQ(c->stage, Stage::kPreliminary);
  // The case is the 长春 office's: it reports the renewal to the province, which files it.
  EXPECT_EQ(reg_->NextStep(*c), "beian submit " + renewal + " --authority 220100");
  Status again = reg_->Decide(renewal, Stage::kPreliminary, Decision::kPass, "", "", kClerk);
  EXPECT_NE(again.message().find("已记录"), std::string::npos) << again.message();
  EXPECT_NE(again.message().find("beian submit"), std::string::npos) << again.message();
  // Technical evaluation is not on a renewal's path.
  Status tech = reg_->Decide(renewal, Stage::kTechnical, Decision::kPass, "", "", kClerk);
  EXPECT_FALSE(tech.ok());

  std::string term =
      reg_->RecordDossier(Facts("91220101MA0000001Y", ApplicationKind::kTermination, "t", "终止"),
                          kClerk)
          ->case_id;
  ASSERT_OK(reg_->Decide(term, Stage::kReceived, Decision::kPass, "", "", kClerk));
  ASSERT_OK(reg_->Decide(term, Stage::kPreliminary, Decision::kPass, "", "", kClerk));
  EXPECT_EQ(StageOf(term), Stage::kPreliminary);
  EXPECT_EQ(reg_->NextStep(*reg_->LoadCase(term)), "beian terminate " + term + " --voluntary");
}

// Every guard: a command in the wrong stage (or skipping one) is refused, names the case's
// stage and the command that comes next, and changes nothing.
TEST_P(RegistryTest, EveryGuardRefusesAndChangesNothing) {
  std::string id = NewCase();
  struct Attempt {
    const char* what;
    std::function<Status()> run;
    const char* must_mention;
  };
  auto decide = [&](Stage s, Decision d, std::string reason = "") {
    return [=, this] { return reg_->Decide(id, s, d, "", reason, kClerk); };
  };
  const std::vector<Attempt> at_received = {
      {"skip to preliminary", decide(Stage::kPreliminary, Decision::kPass), "已接收"},
      {"skip to technical", decide(Stage::kTechnical, Decision::kPass), "已接收"},
      {"skip to comprehensive", decide(Stage::kComprehensive, Decision::kPass), "已接收"},
      {"deliberate too early",
       [&] {
         return reg_->Deliberate(id, Date{2026, 12, 1}, Decision::kPass, "", "", kClerk);
       },
       "beian decide "},
      {"publicity by decide", decide(Stage::kPublicity, Decision::kPass), "公示"},
      {"correct without a decision", decide(Stage::kReceived, Decision::kPass, "理由"),
       "没有可更正"},
  };
  for (const Attempt& a : at_received) {
    SCOPED_TRACE(a.what);
    Status s = a.run();
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.message().find(a.must_mention), std::string::npos) << s.message();
    EXPECT_EQ(StageOf(id), Stage::kReceived);
  }
  Status skip = reg_->Decide(id, Stage::kTechnical, Decision::kPass, "", "", kClerk);
  EXPECT_NE(skip.message().find("beian decide " + id + " --stage received"), std::string::npos)
      << skip.message();
  // Results a stage cannot have.
  ASSERT_OK(reg_->Decide(id, Stage::kReceived, Decision::kPass, "", "", kClerk));
  ASSERT_OK(reg_->Decide(id, Stage::kPreliminary, Decision::kPass, "", "", kClerk));
  Status back = reg_->Decide(id, Stage::kTechnical, Decision::kReturn, "", "", kClerk);
  EXPECT_NE(back.message().find("不能作出"), std::string::npos) << back.message();
  // Correcting a decision that is not the latest.
  ASSERT_OK(reg_->Decide(id, Stage::kTechnical, Decision::kPass, "", "", kClerk));
  EXPECT_FALSE(reg_->Decide(id, Stage::kPreliminary, Decision::kFail, "", "晚了", kClerk).ok());
  EXPECT_EQ(StageOf(id), Stage::kComprehensive);
  // A closed case takes nothing more.
  ASSERT_OK(reg_->Withdraw(id, "申请单位来函撤回", kClerk));
  Status after = reg_->Withdraw(id, "", kClerk);
  EXPECT_NE(after.message().find("已撤回"), std::string::npos) << after.message();
  EXPECT_NE(after.message().find("已办结"), std::string::npos) << after.message();
  Status unknown = reg_->Decide("C2026-9999", Stage::kReceived, Decision::kPass, "", "", kClerk);
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
}

// Issues the 公示 `document_id` on its first day (filing follows the issued 公示).
void IssuePublicity(Registry& reg, const std::string& document_id) {
  EXPECT_OK(reg.BindNumber(document_id, 2026, 0, "{n}", "2026-09-25"));
  EXPECT_OK(
      reg.MarkIssued(document_id, "220100/2026/1.pdf", "%PDF-1.7 issued copy", "公示", 1, ""));
}

// Takes a new case of `kind` through every stage to a filing on `filed_on` (公示 2026-09-25 to
// 2026-10-09, issued).
std::string FileFactsThroughPublicity(Registry& reg, const DossierFacts& facts) {
  Result<RecordOutcome> r = reg.RecordDossier(facts, kClerk);
  EXPECT_OK(r);
  const std::string id = r->case_id;
  for (Stage s :
       {Stage::kReceived, Stage::kPreliminary, Stage::kTechnical, Stage::kComprehensive}) {
    EXPECT_OK(reg.Decide(id, s, Decision::kPass, "", "", kClerk));
  }
  // Held on the day of the last decision (a decision may not be dated before it).
  EXPECT_OK(reg.Deliberate(id, Date{2026, 11, 25}, Decision::kPass, "", "", kClerk));
  PublicityPlan plan{{id}, Date{2026, 9, 25}, Date{2026, 10, 9}, 5, false, "220100", "{}"};
  Result<std::string> publicity = reg.Publicize(plan, kClerk);
  EXPECT_OK(publicity);
  if (publicity) IssuePublicity(reg, *publicity);
  EXPECT_OK(reg.File(id, "220000", nlohmann::json::object(), Actor{"王五", Date{2026, 10, 12}}));
  return id;
}

std::string FileThroughPublicity(Registry& reg, ApplicationKind kind, const std::string& hash) {
  return FileFactsThroughPublicity(reg, Facts(kUscc, kind, hash, "dossier"));
}

TEST_P(RegistryTest, FilingRenewalAddOccupationAndChangeKeepTheirValidityRules) {
  FileThroughPublicity(*reg_, ApplicationKind::kInitial, "i");
  std::vector<FilingRecord> f = *reg_->Filings(kUscc);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].valid_from, "2026-10-12");
  EXPECT_EQ(f[0].valid_until, "2029-10-11");  // three years from the notice date
  // Occupations: the requested ones are filed, the excluded one is not.
  Result<std::vector<Row>> occ = reg_->storage().Query(
      "SELECT state FROM occupations WHERE case_id = 'C2026-0001' ORDER BY seq");
  EXPECT_EQ(AsText((*occ)[0][0]), "filed");
  EXPECT_EQ(AsText((*occ)[1][0]), "excluded");
  // add_occupation and change keep the filing and its validity.
  for (ApplicationKind k : {ApplicationKind::kAddOccupation, ApplicationKind::kChange}) {
    FileThroughPublicity(*reg_, k, std::string("k") + model::ApplicationKindName(k));
    f = *reg_->Filings(kUscc);
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].valid_until, "2029-10-11");
  }
  // A renewal runs three years on from the old end; the old filing is kept as renewed.
  Actor later{"张三", Date{2029, 6, 1}};
  std::string renewal =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kRenewal, "r", "续期"), later)->case_id;
  ASSERT_OK(reg_->Decide(renewal, Stage::kReceived, Decision::kPass, "", "", later));
  EXPECT_FALSE(reg_->File(renewal, "220000", {}, later).ok()) << "evaluation not yet done";
  ASSERT_OK(reg_->Decide(renewal, Stage::kPreliminary, Decision::kPass, "", "", later));
  Result<FilingOutcome> renewed = reg_->File(renewal, "220000", {}, later);
  ASSERT_OK(renewed);
  EXPECT_EQ(renewed->document_kind, "renewal_notice");
  EXPECT_EQ(renewed->filing.valid_from, "2029-10-12");
  EXPECT_EQ(renewed->filing.valid_until, "2032-10-11");
  EXPECT_EQ(renewed->filing.renewed_from, "F2026-0001");
  f = *reg_->Filings(kUscc);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].filing_id, "F2029-0001");
  EXPECT_EQ(StageOf(renewal), Stage::kFiled);
}

// The filed record (Art. 8 elements): written by the first filing, replaced by a change,
// added to by an added occupation, carried on by a renewal.
TEST_P(RegistryTest, FiledRecordFollowsChangeAddedOccupationAndRenewal) {
  DossierFacts initial = Facts(kUscc, ApplicationKind::kInitial, "i", "首次");
  initial.elements = {"长春市前进大街1号", "张三", {"长春市前进大街1号", "长春市人民大街2号"}};
  FileFactsThroughPublicity(*reg_, initial);
  std::optional<FiledRecord> rec = *reg_->ActiveRecord(kUscc);
  ASSERT_TRUE(rec.has_value());
  EXPECT_TRUE(rec->elements_known);
  EXPECT_EQ(rec->elements.exam_sites.size(), 2u);
  ASSERT_EQ(rec->occupations.size(), 1u);  // the excluded one is not filed
  EXPECT_EQ(rec->occupations[0].code, "4-03-02-01");

  DossierFacts change = Facts(kUscc, ApplicationKind::kChange, "c", "变更");
  change.elements = {"长春市新地址9号", "李四", {"长春市新地址9号"}};
  change.occupations = {{"4-03-02-01", "中式烹调师", "", "2,3,4,5", "requested", ""}};
  FileFactsThroughPublicity(*reg_, change);
  rec = *reg_->ActiveRecord(kUscc);
  EXPECT_EQ(rec->filing.filing_id, "F2026-0001");
  EXPECT_EQ(rec->elements.registered_address, "长春市新地址9号");
  EXPECT_EQ(rec->elements.legal_representative, "李四");
  EXPECT_EQ(rec->elements.exam_sites, std::vector<std::string>{"长春市新地址9号"});
  ASSERT_EQ(rec->occupations.size(), 1u);
  EXPECT_EQ(rec->occupations[0].levels, "2,3,4,5");

  DossierFacts added = Facts(kUscc, ApplicationKind::kAddOccupation, "a", "增加");
  added.elements = change.elements;
  added.occupations = {{"4-10-01-05", "养老护理员", "", "4,5", "requested", ""}};
  FileFactsThroughPublicity(*reg_, added);
  rec = *reg_->ActiveRecord(kUscc);
  ASSERT_EQ(rec->occupations.size(), 2u);
  EXPECT_EQ(rec->occupations[1].code, "4-10-01-05");

  Actor later{"张三", Date{2029, 6, 1}};
  DossierFacts renewal = Facts(kUscc, ApplicationKind::kRenewal, "r", "续期");
  renewal.occupations.clear();  // lists none: the record's occupations carry on
  const std::string id = reg_->RecordDossier(renewal, later)->case_id;
  ASSERT_OK(reg_->Decide(id, Stage::kReceived, Decision::kPass, "", "", later));
  ASSERT_OK(reg_->Decide(id, Stage::kPreliminary, Decision::kPass, "", "", later));
  ASSERT_OK(reg_->File(id, "220000", {}, later));
  rec = *reg_->ActiveRecord(kUscc);
  EXPECT_EQ(rec->filing.filing_id, "F2029-0001");
  EXPECT_EQ(rec->elements.registered_address, "长春市新地址9号");
  EXPECT_EQ(rec->occupations.size(), 2u);
}

// 报送 by a 市（州） office and delivery records: guards and history.
TEST_P(RegistryTest, SubmitAndServedRecordInTheHistoryAndRefuseWhatTheyMust) {
  const std::string id = NewCase();
  for (Stage s :
       {Stage::kReceived, Stage::kPreliminary, Stage::kTechnical, Stage::kComprehensive}) {
    ASSERT_OK(reg_->Decide(id, s, Decision::kPass, "", "", kClerk));
  }
  EXPECT_FALSE(reg_->Submit({id}, "220100", "{}", kClerk).ok()) << "not in publicity yet";
  ASSERT_OK(reg_->Deliberate(id, Date{2026, 11, 25}, Decision::kPass, "", "", kClerk));
  PublicityPlan plan{{id}, Date{2026, 9, 25}, Date{2026, 10, 9}, 5, false, "220100", "{}"};
  const std::string publicity = *reg_->Publicize(plan, kClerk);
  const Actor on_day{"张三", Date{2026, 10, 12}};
  EXPECT_FALSE(reg_->Submit({id}, "220100", "{}", on_day).ok()) << "the 公示 is still a draft";
  IssuePublicity(*reg_, publicity);
  EXPECT_FALSE(reg_->Submit({id}, "220000", "{}", on_day).ok()) << "the province files itself";
  Result<std::string> doc = reg_->Submit({id}, "220100", "{}", on_day);
  ASSERT_OK(doc);
  EXPECT_EQ(reg_->LoadDocument(*doc)->kind, "submission");
  CaseRecord c = *reg_->LoadCase(id);
  EXPECT_EQ(c.stage, Stage::kPublicity);
  EXPECT_EQ(c.history.back().action, "submit");
  // Delivery of the 公示: once, then only as a correction with a reason; never before the
  // draft it delivers was drawn (by kClerk on 2026-11-25).
  EXPECT_FALSE(reg_->MarkServed(publicity, Date{2026, 11, 24}, "", on_day).ok());
  ASSERT_OK(reg_->MarkServed(publicity, Date{2026, 11, 26}, "", on_day));
  EXPECT_FALSE(reg_->MarkServed(publicity, Date{2026, 11, 27}, "", on_day).ok());
  ASSERT_OK(reg_->MarkServed(publicity, Date{2026, 11, 27}, "日期记错", on_day));
  c = *reg_->LoadCase(id);
  EXPECT_EQ(c.history.back().action, "served");
  EXPECT_EQ(c.history.back().reason, "日期记错");
  // Bookkeeping entries do not hide the next step: the province can still file.
  ASSERT_OK(reg_->File(id, "220000", nlohmann::json::object(), on_day));
  EXPECT_EQ(StageOf(id), Stage::kFiled);
}

TEST_P(RegistryTest, VoluntaryAndOrderedTermination) {
  FileThroughPublicity(*reg_, ApplicationKind::kInitial, "i");
  Actor a{"张三", Date{2027, 3, 1}};
  std::string term =
      reg_->RecordDossier(Facts(kUscc, ApplicationKind::kTermination, "t", "终止"), a)->case_id;
  ASSERT_OK(reg_->Decide(term, Stage::kReceived, Decision::kPass, "", "", a));
  Status early = reg_->Terminate(term, false, "", a);
  EXPECT_NE(early.message().find("初评"), std::string::npos) << early.message();
  ASSERT_OK(reg_->Decide(term, Stage::kPreliminary, Decision::kPass, "", "", a));
  EXPECT_FALSE(*reg_->WasTerminated(kUscc));
  ASSERT_OK(reg_->Terminate(term, false, "", a));
  EXPECT_EQ(StageOf(term), Stage::kTerminated);
  EXPECT_TRUE(reg_->Filings(kUscc)->empty());
  EXPECT_TRUE(*reg_->WasTerminated(kUscc));
  // Ordered termination needs a reason and an active filing.
  const std::string other = "91220101MA0000002A";
  Result<RecordOutcome> o =
      reg_->RecordDossier(Facts(other, ApplicationKind::kInitial, "o", "其他"), a);
  EXPECT_FALSE(reg_->Terminate(o->case_id, true, "", a).ok());
  Status none = reg_->Terminate(o->case_id, true, "违规发证", a);
  EXPECT_NE(none.message().find("没有"), std::string::npos) << none.message();
}

TEST_P(RegistryTest, NumberSequencesArePerAuthorityAndYear) {
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2026), 1);
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2026), 2);
  EXPECT_EQ(*reg_->AllocateNumber("220100", 2026), 1);
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2027), 1);
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2026), 3);
}

// Two (here four) processes allocating from one registry at once never get the same number,
// and together they use 1..N without a gap.
TEST_P(RegistryTest, ProcessesAllocatingAtOnceNeverShareANumber) {
  constexpr int kProcesses = 4, kEach = 25;
  reg_.reset();
  std::vector<int> fds;
  std::vector<pid_t> pids;
  for (int p = 0; p < kProcesses; ++p) {
    int fd[2];
    ASSERT_EQ(pipe(fd), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fd[0]);
      auto db = OpenStorage(file_, Messages());
      auto reg = db ? Registry::Open(std::move(*db), Messages(), Date{2026, 11, 25})
                    : Result<std::unique_ptr<Registry>>(db.error());
      for (int i = 0; reg && i < kEach; ++i) {
        Result<std::int64_t> n = (*reg)->AllocateNumber("220000", 2026);
        std::int64_t v = n ? *n : -1;
        if (write(fd[1], &v, sizeof v) != sizeof v) _exit(3);
      }
      _exit(reg ? 0 : 2);
    }
    close(fd[1]);
    fds.push_back(fd[0]);
    pids.push_back(pid);
  }
  std::vector<std::int64_t> all;
  for (int fd : fds) {
    std::int64_t v;
    while (read(fd, &v, sizeof v) == sizeof v) all.push_back(v);
    close(fd);
  }
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kProcesses * kEach));
  std::sort(all.begin(), all.end());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i], static_cast<std::int64_t>(i + 1));
}

// The twelve 市（州） offices and the province on the registry at `location` at once, each in its
// own process: each receives `cases` of its own institutions' dossiers, decides them, drafts a
// document per case and binds it a 发文字号 of its own authority. `meanwhile` runs in this process
// once every office has recorded its first case, while they go on. Afterwards every office
// finished, and nothing is lost or given twice: case and document ids run 1..N, each authority's
// numbers run 1..n with its sequence at n + 1, and every case has its whole history in order.
void RunTwelveOfficesAndTheProvince(const std::string& location, int cases,
                                    const std::function<void()>& meanwhile) {
  const std::vector<std::string> authorities = {"220000", "220100", "220200", "220300", "220400",
                                                "220500", "220600", "220700", "220800", "222400",
                                                "220581", "JL-CBS", "220900"};
  int ready[2], go[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(go), 0);
  std::vector<pid_t> pids;
  for (std::size_t p = 0; p < authorities.size(); ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid != 0) {
      pids.push_back(pid);
      continue;
    }
    close(ready[0]);
    close(go[1]);
    std::unique_ptr<Registry> reg = OpenRegistry(location);
    const Actor clerk{"办事员" + std::to_string(p), Date{2026, 11, 25}};
    for (int i = 0; reg && i < cases; ++i) {
      DossierFacts f = Facts("U" + std::to_string(p * 100 + static_cast<std::size_t>(i)),
                             ApplicationKind::kInitial, "h", "F");
      f.authority = authorities[p];
      Result<RecordOutcome> r = reg->RecordDossier(f, clerk);
      if (!r || r->what != RecordOutcome::What::kNewCase) _exit(2);
      if (!reg->Decide(r->case_id, Stage::kReceived, Decision::kPass, "", "", clerk).ok()) _exit(3);
      Result<std::string> doc = reg->CreateDraft("receipt", f.authority, {r->case_id}, "{}", clerk);
      if (!doc) _exit(4);
      // Each office its own 代字 (two documents never print one number).
      if (!reg->BindNumber(*doc, 2026, 0, f.authority + "-{year}-{n}", "2026-11-25")) _exit(5);
      if (i == 0) {  // the first case done: tell the parent, wait for its go
        char c = 1;
        if (write(ready[1], &c, 1) != 1) _exit(6);
        close(ready[1]);  // an office that fails before it is ready cannot hold the parent
        if (read(go[0], &c, 1) < 0) _exit(6);
      }
    }
    _exit(reg ? 0 : 1);
  }
  close(ready[1]);
  close(go[0]);
  char byte = 0;
  for (std::size_t n = 0; n < pids.size() && read(ready[0], &byte, 1) == 1; ++n) {
  }
  close(ready[0]);
  const std::string go_all(pids.size(), '\1');
  EXPECT_EQ(write(go[1], go_all.data(), go_all.size()), static_cast<ssize_t>(go_all.size()));
  close(go[1]);
  meanwhile();
  for (pid_t pid : pids) {
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  }
  std::unique_ptr<Registry> reg = OpenRegistry(location);
  ASSERT_TRUE(reg);
  Storage& db = reg->storage();
  const std::size_t total = authorities.size() * static_cast<std::size_t>(cases);
  auto ids = [&](const std::string& sql) {
    std::vector<std::string> out;
    Result<std::vector<Row>> rows = db.Query(sql);
    EXPECT_OK(rows);
    for (const Row& r : rows ? *rows : std::vector<Row>{}) out.push_back(AsText(r[0]));
    return out;
  };
  std::vector<std::string> case_ids = ids("SELECT case_id FROM cases ORDER BY case_id");
  std::vector<std::string> docs = ids("SELECT document_id FROM documents ORDER BY document_id");
  ASSERT_EQ(case_ids.size(), total);
  ASSERT_EQ(docs.size(), total);
  char want[32];
  for (std::size_t i = 0; i < total; ++i) {
    std::snprintf(want, sizeof want, "C2026-%04zu", i + 1);
    EXPECT_EQ(case_ids[i], want);
    std::snprintf(want, sizeof want, "D2026-%04zu", i + 1);
    EXPECT_EQ(docs[i], want);
  }
  for (const std::string& a : authorities) {
    SCOPED_TRACE(a);
    Result<std::vector<Row>> seq = db.Query(
        "SELECT seq_value, number FROM documents WHERE authority = ? ORDER BY seq_value", {a});
    ASSERT_OK(seq);
    ASSERT_EQ(seq->size(), static_cast<std::size_t>(cases));
    for (int i = 0; i < cases; ++i) {
      EXPECT_EQ(AsInt((*seq)[static_cast<std::size_t>(i)][0]), i + 1);
      EXPECT_EQ(AsText((*seq)[static_cast<std::size_t>(i)][1]),
                a + "-2026-" + std::to_string(i + 1));
    }
    // Receipts take their own sequence per authority and year (receipt_number_format); the
    // authority's 发文字号 sequence is untouched.
    Result<std::vector<Row>> next =
        db.Query("SELECT next_value FROM number_sequences WHERE authority = ? AND year = 2026",
                 {a + ":receipt"});
    ASSERT_OK(next);
    ASSERT_EQ(next->size(), 1u);
    EXPECT_EQ(AsInt((*next)[0][0]), cases + 1);
    Result<std::vector<Row>> bureau = db.Query(
        "SELECT next_value FROM number_sequences WHERE authority = ? AND year = 2026", {a});
    ASSERT_OK(bureau);
    EXPECT_TRUE(bureau->empty());
  }
  for (const std::string& id : case_ids) {
    Result<CaseRecord> c = reg->LoadCase(id);
    ASSERT_OK(c);
    ASSERT_EQ(c->history.size(), 2u) << id;
    EXPECT_EQ(c->history[0].seq, 1);
    EXPECT_EQ(c->history[0].action, "received");
    EXPECT_EQ(c->history[1].seq, 2);
    EXPECT_EQ(c->history[1].stage_after, Stage::kPreliminary);
  }
}

TEST_P(RegistryTest, TwelveOfficesAndTheProvinceAtOnce) {
  reg_.reset();
  RunTwelveOfficesAndTheProvince(file_, 6, [] {});
}

// The same with the PostgreSQL server restarted (pg_ctl restart -m fast) while the offices
// work: every connection drops, open transactions roll back, and each office's beian
// reconnects and runs its transaction again (a lost COMMIT is asked after: txid_status), so
// every office still finishes and the record is as without the restart. On a server of its own
// (tests/postgres/server.sh), so that the PostgreSQL tests running beside it keep theirs.
TEST(PostgresRestartTest, TwelveOfficesAndTheProvinceThroughAServerRestart) {
  // Directly under /tmp: the server's user (postgres, under root) must reach its folder.
  const std::string host = "/tmp/beian-pg-restart-" + std::to_string(getpid());
  const std::string script = testing::RepoRoot() + "/tests/postgres/server.sh";
  auto server = [&](const std::string& action) {
    std::string out;
    const int rc = testing::RunCommand(
        "bash " + testing::Quote(script) + " " + action + " " + testing::Quote(host), &out, true);
    EXPECT_EQ(rc, 0) << action << ": " << out;
    return rc == 0;
  };
  ASSERT_TRUE(server("start"));
  const std::string location = testing::NewPostgresDatabaseOn(host);
  auto started = [&] {
    std::unique_ptr<Storage> db = testing::OpenRegistryStorage(location);
    Result<std::vector<Row>> rows =
        db ? db->Query("SELECT pg_postmaster_start_time()::text") : Status::Internal("no db");
    return rows && !rows->empty() ? AsText((*rows)[0][0]) : std::string();
  };
  const std::string before = location.empty() ? "" : started();
  if (!location.empty()) {
    RunTwelveOfficesAndTheProvince(location, 12, [&] { server("restart"); });
    EXPECT_NE(started(), before) << "the server did not restart";
  }
  server("stop");
}

// A process killed right after taking a number (before its commit) leaves the sequence as it
// was: the number was never given out, and the next allocation completes.
TEST_P(RegistryTest, KilledAfterNumberAllocationLeavesTheSequenceConsistent) {
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2026), 1);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setenv("BEIAN_FAULT", "after_number_allocation", 1);
    auto db = OpenStorage(file_, Messages());
    auto reg = Registry::Open(std::move(*db), Messages(), Date{2026, 11, 25});
    (void)(*reg)->AllocateNumber("220000", 2026);
    _exit(0);  // not reached
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kFaultExitCode);
  if (GetParam() == testing::Backend::kSqlite) {
    Result<std::vector<Row>> check = reg_->storage().Query("PRAGMA integrity_check");
    EXPECT_EQ(AsText((*check)[0][0]), "ok");
  }
  EXPECT_EQ(*reg_->AllocateNumber("220000", 2026), 2);
}

INSTANTIATE_BOTH_BACKENDS(RegistryTest);

}  // namespace
}  // namespace pipeline::registry
