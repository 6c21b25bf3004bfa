// What `beian run` writes about the whole batch besides each case's own files:
//   OUT/summary.json  one row per dossier, for scripts (docs/user-guide.md "Output: summary.json");
//   OUT/index.html    one static page for the clerk and the reviewer (docs/user-guide.md "Output:
//                     index.html"): the batch as a table, each row opening to its findings.
// Both may sit on a shared folder, so ID and phone numbers in them are masked (report/mask.h).
#ifndef PIPELINE_REPORT_RUN_SUMMARY_H_
#define PIPELINE_REPORT_RUN_SUMMARY_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/model/report.h"
#include "pipeline/report/messages.h"
#include "pipeline/report/provenance.h"

namespace pipeline::report {

// One case of the batch as the run left it.
struct RunCase {
  model::CaseReport report;
  std::string report_file;  // path of report.json relative to OUT (`JL-…/report.json`)
  // Drafted documents whose file exists in the case folder (subset of report.documents).
  std::vector<model::DraftedDocument> written;
  // Why its outputs could not be put in place or drafted ("" when they were): the page and
  // summary.json show the case as failed, with this reason.
  std::string failure;
};

// Counts of findings by severity and of missing required materials.
struct CaseCounts {
  int blocking = 0;
  int review = 0;
  int info = 0;
  int missing_materials = 0;
};
CaseCounts CountsOf(const model::CaseReport& report);

// What a batch keeps of one case for summary.json and index.html, made as soon as the case is
// written (RunRowOf): its summary.json row, its index.html rows and its conclusion for the
// totals. The batch keeps these instead of the cases' reports, so what it holds grows with the
// two files, not with the reports.
struct RunRow {
  model::Conclusion conclusion = model::Conclusion::kPass;
  std::string summary;  // the case's element of summary.json `dossiers`, as text
  std::string html;     // the case's rows of index.html (worded by `messages`, `labels`)
};
RunRow RunRowOf(const RunCase& c, const MessageCatalog& messages, const MessageCatalog& labels);

// How many cases a batch has, by conclusion: what summary.json's totals and index.html's
// header need, counted while the rows go by (a batch keeps its rows on disk, not in memory).
struct RunTotals {
  std::size_t dossiers = 0;
  std::map<model::Conclusion, std::size_t> by_conclusion;
  void Add(model::Conclusion c) {
    ++dossiers;
    ++by_conclusion[c];
  }
  std::size_t Count(model::Conclusion c) const {
    auto it = by_conclusion.find(c);
    return it == by_conclusion.end() ? 0 : it->second;
  }
};
RunTotals TotalsOf(const std::vector<RunRow>& rows);

// How many cases have each conclusion, worded with conclusion.* and run.tally.* from
// `labels`: e.g. `通过 3，需补正 20`. Conclusions nobody has are left out.
std::string ConclusionTally(const RunTotals& totals, const MessageCatalog& messages,
                            const MessageCatalog& labels);
std::string ConclusionTally(const std::vector<RunRow>& rows, const MessageCatalog& messages,
                            const MessageCatalog& labels);

// A run-wide file as the text before its rows and the text after them; the rows go between,
// one after another (summary.json: each row's `summary` behind RowSeparator(i); index.html:
// each row's `html`). Written this way, a file of many cases is streamed to disk.
struct RunFileFrame {
  std::string head, tail;
  // summary.json: what comes before the i-th row (0-based).
  static const char* RowSeparator(std::size_t i) { return i == 0 ? "\n" : ",\n"; }
};

// summary.json's text: {schema_version, generator, parameters, totals {dossiers,
// by_conclusion}, dossiers[] {case_id, folder, kind, applicant_type, institution, conclusion,
// counts, report, documents[], failed (only when the case failed)}}; personal data masked. The
// text is ToJsonText's of that object, put together from the rows' texts without building the
// whole object in memory.
RunFileFrame SummaryJsonFrame(const RunTotals& totals, const Provenance& provenance);
std::string SummaryJsonText(const std::vector<RunRow>& rows, const Provenance& provenance);

// index.html: a self-contained page (inline `css`, no script, relative links only) with the
// labels from `labels` (templates/run.zh-CN.tsv) and the findings worded by `messages`.
RunFileFrame IndexHtmlFrame(const RunTotals& totals, const Provenance& provenance,
                            const MessageCatalog& messages, const MessageCatalog& labels,
                            const std::string& css);
std::string IndexHtml(const std::vector<RunRow>& rows, const Provenance& provenance,
                      const MessageCatalog& messages, const MessageCatalog& labels,
                      const std::string& css);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_RUN_SUMMARY_H_
