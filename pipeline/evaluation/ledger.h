// The ledger (台账.xlsx, docs/user-guide.md `Ledger`): one row per case with its key facts and
// dates, counts per authority and per stage, and every requested occupation with its cross-check
// status. Built from the registry (beian ledger, and beian run with a registry) or, without one,
// from the reports of a run. Written by libxlsxwriter: Chinese headers (templates/
// evaluation.zh-CN.tsv), autofilter, frozen header, dates as Excel dates.
#ifndef PIPELINE_EVALUATION_LEDGER_H_
#define PIPELINE_EVALUATION_LEDGER_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/model/report.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"

namespace pipeline::evaluation {

struct LedgerOccupation {
  std::string code, name, work_type, levels_text, check_text, state_text;
};

// One case as the ledger shows it (texts already worded).
struct LedgerCase {
  std::string case_id, institution, uscc, authority, kind, applicant_type, occupations,
      completeness, preliminary, comprehensive, stage;
  std::optional<double> score;  // technical evaluation score (percent), when evaluated
  // filed_on: the 成文日期 of the case's issued 备案通知 (first filing, change, added occupation)
  // or 续期备案通知; valid_from/valid_until and filing_number: the filing that notice grants or
  // updates, as the registry holds it now.
  std::optional<Date> received, preliminary_on, technical_on, comprehensive_on, stage_since,
      filed_on, valid_from, valid_until;
  std::string filing_number;
  std::vector<LedgerOccupation> occupation_list;
};

// Every case of the registry, oldest first.
Result<std::vector<LedgerCase>> LedgerFromRegistry(registry::Registry& reg,
                                                   const report::MessageCatalog& messages,
                                                   const report::MessageCatalog& wording,
                                                   const crosscheck::Authorities& authorities);

// One case of a run without a registry: what its report says (no stages, no scores);
// `received` is the run's date.
LedgerCase LedgerCaseFromReport(const model::CaseReport& report,
                                const report::MessageCatalog& messages,
                                const report::MessageCatalog& wording, const Date& received);

// LedgerCaseFromReport of each report, in order.
std::vector<LedgerCase> LedgerFromReports(const std::vector<model::CaseReport>& reports,
                                          const report::MessageCatalog& messages,
                                          const report::MessageCatalog& wording,
                                          const Date& received);

// A ledger row as JSON and back (a batch keeps its cases' rows in a spool file, not in memory).
nlohmann::json LedgerCaseToJson(const LedgerCase& c);
LedgerCase LedgerCaseFromJson(const nlohmann::json& j);  // missing fields stay empty

class XlsxBook;

// The workbook written a case at a time (rows go to disk as they come, libxlsxwriter's
// constant_memory mode): what a batch of any size writes. Add each case in order, then Finish.
class LedgerWriter {
 public:
  // `fingerprints`: the rows are a run's without a registry, whose first column is the dossier
  // fingerprint (卷宗指纹), not a case number (案件编号), and is headed so.
  static Result<std::unique_ptr<LedgerWriter>> Create(const report::MessageCatalog& wording,
                                                      const Date& created,
                                                      bool fingerprints = false);
  ~LedgerWriter();
  LedgerWriter(const LedgerWriter&) = delete;
  LedgerWriter& operator=(const LedgerWriter&) = delete;

  void Add(const LedgerCase& c);
  // The workbook's bytes. REQUIRES: called once.
  Result<std::string> Finish();

 private:
  struct Sheets;
  explicit LedgerWriter(const report::MessageCatalog& wording);
  const report::MessageCatalog& wording_;
  std::unique_ptr<XlsxBook> book_;
  std::unique_ptr<Sheets> sheets_;
};

// The workbook's bytes; the same rows and `created` date give the same bytes.
Result<std::string> WriteLedger(const std::vector<LedgerCase>& cases,
                                const report::MessageCatalog& messages,
                                const report::MessageCatalog& wording, const Date& created);

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_LEDGER_H_
