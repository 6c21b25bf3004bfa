// RecordCheck: what the registry knows that a dossier's form may not say, as findings
// (docs/user-guide.md "Case registry", "Finding rule ids"). Pure: the registry's facts come in as
// values (RegistryFacts), so every rule is testable without a database.
//
//   REG-001 blocking  a change dossier (Art. 8) whose form differs from the filed record in an
//                     element its 变更事项 table does not name (an undeclared change)
//   REG-002 review    a declared change whose 变更前 differs from the filed record
//   REG-003 review    a renewal or added occupation whose form differs from the filed record in
//                     注册地址, 法定代表人 or 考试考核场地 (Art. 8: such a change is filed anew)
//   REG-004 blocking  a renewal received after the filing's registered expiry (Art. 9)
//   REG-005 review    a renewal received later than three months before that expiry (Art. 9)
//   REG-006 review    the form's 备案有效期至 differs from the registry's
//   REG-007 review    a renewal, change or added occupation with no active filing in the
//                     registry
//   REG-008 review    an institution whose filing was terminated before (Arts. 10-11)
//   REG-009 review    the form's 原备案编号 differs from the registry's 备案编号
//
// With a registry filing, the registry's expiry replaces the form's for Art. 9: the form-based
// A9-01..A9-03 findings are dropped and the art9 condition is judged again.
#ifndef PIPELINE_REGISTRY_RECORD_CHECK_H_
#define PIPELINE_REGISTRY_RECORD_CHECK_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/model/report.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

// What the registry holds about the dossier's institution.
struct RegistryFacts {
  std::optional<FiledRecord> record;  // the active filing and its filed record
  bool terminated = false;            // a filing of the institution was terminated
  Date received;                      // when the office received the application
};

// One Art. 8 element compared with the filed record (the 初评意见 lists them).
struct ElementComparison {
  std::string element;  // registered_address | legal_representative | exam_sites | occupations
  std::string filed;    // as filed (registry), joined for lists
  std::string form;     // as the form gives it
  bool differs = false;
  bool declared = false;  // the 变更事项 table names this element
};

struct RecordCheck {
  std::vector<model::Finding> findings;
  std::vector<ElementComparison> comparison;  // change dossiers with a known filed record
  // Renewal against the registry (null when there is no filing).
  std::optional<std::string> valid_until, renewal_deadline;
  bool renewal_on_time = false;
};

// Compares the dossier with the registry's facts.
// `messages` words the occupations and levels of the comparison.
RecordCheck CheckAgainstRegistry(const model::CaseReport& report, const RegistryFacts& facts,
                                 const report::MessageCatalog& messages);

// Applies the check to the report: adds the findings, drops the form-based Art. 9 findings the
// registry supersedes and judges art9 again. The caller concludes the report again.
void ApplyRecordCheck(const RecordCheck& check, model::CaseReport* report);

// The report.json part: registry_check {comparison[], filing{...}}.
nlohmann::json RecordCheckJson(const RecordCheck& check);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_RECORD_CHECK_H_
