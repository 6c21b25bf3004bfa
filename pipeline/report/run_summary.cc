#include "pipeline/report/run_summary.h"

#include <cassert>
#include <cstdio>

#include "pipeline/core/xml.h"
#include "pipeline/report/mask.h"
#include "pipeline/report/report_json.h"
#include "pipeline/report/summary_table.h"
#include "pipeline/version.h"

namespace pipeline::report {
namespace {

using nlohmann::json;

// Conclusions in the order the tally and the page list them.
constexpr model::Conclusion kConclusionOrder[] = {
    model::Conclusion::kPass, model::Conclusion::kReviewNeeded,
    model::Conclusion::kCorrectionsNeeded, model::Conclusion::kNotEligible,
    model::Conclusion::kReferred};

std::string Escape(std::string_view s) { return EscapeMarkup(s, /*apostrophe=*/true); }

// Masked, then escaped: the only way text reaches the page.
std::string Text(std::string_view s) { return Escape(MaskPersonalData(s)); }

// A relative URL for a path inside OUT: every byte outside the unreserved set (and '/')
// percent-encoded, so Chinese file names work from a shared folder too.
std::string Href(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string CaseDir(const RunCase& c) {
  const std::size_t slash = c.report_file.rfind('/');
  return slash == std::string::npos ? std::string() : c.report_file.substr(0, slash + 1);
}

json DocumentJson(const model::DraftedDocument& d) {
  return {{"kind", d.kind}, {"title", d.title}, {"file", d.file}, {"official", d.official}};
}

std::string FindingsHtml(const model::CaseReport& r, const MessageCatalog& messages,
                         const MessageCatalog& labels) {
  if (r.findings.empty())
    return "<p class=\"none\">" + Text(labels.Format("run.page.no_findings")) + "</p>";
  std::string out = "<ol class=\"findings\">";
  for (const model::Finding& f : r.findings) {
    const std::string sev = model::SeverityName(f.severity);
    // A blocking finding is labelled by what it leads to, as `beian check` does.
    const std::string label =
        f.severity == model::Severity::kBlocking
            ? std::string("consequence.") + model::ConsequenceName(f.consequence)
            : "severity." + sev;
    out += "<li class=\"sev-" + sev + "\"><span class=\"sev\">" + Text(messages.Format(label)) +
           "</span> <span class=\"rule\">" + Text(f.rule_id) + "</span> " +
           Text(messages.Format(f.message, f.args));
    if (!f.evidence.empty()) {
      out += "<ul class=\"evidence\">";
      for (const model::SourceRef& e : f.evidence) {
        std::string where = e.file;
        const std::string loc = LocationText(e.location, messages);
        if (!loc.empty()) where += (where.empty() ? "" : " ") + loc;
        out += "<li>" + Text(labels.Format("run.page.evidence", {{"where", where}})) + "</li>";
      }
      out += "</ul>";
    }
    out += "</li>";
  }
  return out + "</ol>";
}

std::string CaseRowsHtml(const RunCase& c, const MessageCatalog& messages,
                         const MessageCatalog& labels) {
  const model::CaseReport& r = c.report;
  const CaseCounts n = CountsOf(r);
  const std::string conclusion = model::ConclusionName(r.conclusion);
  std::string docs;
  for (const model::DraftedDocument& d : c.written) {
    docs += "<a href=\"" + Href(CaseDir(c) + d.file) + "\">" +
            Text(d.title.empty() ? d.file : d.title) + "</a> ";
  }
  std::string out = "<tbody class=\"case\" id=\"" + Escape(r.case_id) + "\"><tr>";
  // The registry's case number when it recorded the dossier, and the dossier fingerprint.
  std::string ids;
  if (!r.case_number.empty()) {
    ids = Escape(labels.Format("run.page.case_number", {{"number", r.case_number}})) + " ";
  }
  ids += Escape(labels.Format("run.page.fingerprint", {{"id", r.case_id}}));
  out += "<td>" + Text(r.dossier) + "<div class=\"id\">" + ids + "</div></td>";
  out += "<td>" + Text(r.application.institution_name.value) + "</td>";
  out += "<td>" +
         Text(messages.Format(std::string("kind.") +
                              model::ApplicationKindName(r.application.kind.value))) +
         "</td>";
  out += "<td><span class=\"label c-" + conclusion + "\">" +
         Text(messages.Format("conclusion." + conclusion)) + "</span>";
  if (!c.failure.empty()) {  // styled as a blocking finding's label (templates/index.css)
    out += "<div class=\"failed sev-blocking\"><span class=\"sev\">" +
           Text(labels.Format("run.page.failed", {{"reason", c.failure}})) + "</span></div>";
  }
  out += "</td>";
  out += "<td class=\"num\">" + std::to_string(n.blocking) + "</td>";
  out += "<td class=\"num\">" + std::to_string(n.review) + "</td>";
  out += "<td>" + docs + "</td>";
  out += "<td><a href=\"" + Href(c.report_file) + "\">" +
         Text(labels.Format("run.page.report_link")) + "</a></td></tr>";
  out += "<tr class=\"detail\"><td colspan=\"8\"><details><summary>" +
         Text(labels.Format("run.page.findings", {{"count", std::to_string(r.findings.size())}})) +
         "</summary>" + FindingsHtml(r, messages, labels) + "</details></td></tr></tbody>\n";
  return out;
}

}  // namespace

CaseCounts CountsOf(const model::CaseReport& report) {
  CaseCounts n;
  for (const model::Finding& f : report.findings) {
    switch (f.severity) {
      case model::Severity::kBlocking:
        ++n.blocking;
        break;
      case model::Severity::kReview:
        ++n.review;
        break;
      case model::Severity::kInfo:
        ++n.info;
        break;
    }
  }
  n.missing_materials = MissingCount(report);
  return n;
}

RunRow RunRowOf(const RunCase& c, const MessageCatalog& messages, const MessageCatalog& labels) {
  const model::CaseReport& r = c.report;
  const CaseCounts n = CountsOf(r);
  json documents = json::array();
  for (const model::DraftedDocument& d : r.documents) documents.push_back(DocumentJson(d));
  RunRow row;
  row.conclusion = r.conclusion;
  json summary = {
      {"case_id", r.case_id},
      {"folder", MaskPersonalData(r.dossier)},
      {"kind", model::ApplicationKindName(r.application.kind.value)},
      {"applicant_type", model::ApplicantTypeName(r.application.applicant_type.value)},
      {"institution", MaskPersonalData(r.application.institution_name.value)},
      {"conclusion", model::ConclusionName(r.conclusion)},
      {"counts",
       {{"blocking", n.blocking},
        {"review", n.review},
        {"info", n.info},
        {"missing_materials", n.missing_materials}}},
      {"report", c.report_file},
      {"documents", std::move(documents)},
  };
  if (!r.case_number.empty()) summary["case_number"] = r.case_number;
  if (!c.failure.empty()) summary["failed"] = MaskPersonalData(c.failure);
  // As ToJsonText writes it two levels deep (inside `dossiers`): JSON strings hold no raw
  // newline, so indenting every line of the row's own text is exact.
  const std::string text = summary.dump(2, ' ', false, json::error_handler_t::replace);
  row.summary.reserve(text.size() + text.size() / 8 + 4);
  row.summary += "    ";
  for (char ch : text) {
    row.summary += ch;
    if (ch == '\n') row.summary += "    ";
  }
  row.html = CaseRowsHtml(c, messages, labels);
  return row;
}

RunTotals TotalsOf(const std::vector<RunRow>& rows) {
  RunTotals t;
  for (const RunRow& row : rows) t.Add(row.conclusion);
  return t;
}

std::string ConclusionTally(const RunTotals& totals, const MessageCatalog& messages,
                            const MessageCatalog& labels) {
  std::string out;
  for (model::Conclusion c : kConclusionOrder) {
    const std::size_t count = totals.Count(c);
    if (count == 0) continue;
    if (!out.empty()) out += labels.Format("run.tally.separator");
    out += labels.Format(
        "run.tally.item",
        {{"label", messages.Format(std::string("conclusion.") + model::ConclusionName(c))},
         {"count", std::to_string(count)}});
  }
  return out;
}

std::string ConclusionTally(const std::vector<RunRow>& rows, const MessageCatalog& messages,
                            const MessageCatalog& labels) {
  return ConclusionTally(TotalsOf(rows), messages, labels);
}

RunFileFrame SummaryJsonFrame(const RunTotals& totals, const Provenance& provenance) {
  json j = json::object();
  AddProvenance(provenance, j);
  json by_conclusion = json::object();
  for (model::Conclusion c : kConclusionOrder) {
    by_conclusion[model::ConclusionName(c)] = totals.Count(c);
  }
  j["totals"] = {{"dossiers", totals.dossiers}, {"by_conclusion", std::move(by_conclusion)}};
  // Without --authority (or the authority setting) every draft is in the name of the
  // dossier's own competent department: the run says so.
  j["warnings"] = json::array();
  if (!provenance.authority) j["warnings"].push_back("no_office_authority");
  if (!provenance.credit_list_untyped.empty()) j["warnings"].push_back("credit_list_untyped");
  j["dossiers"] = json::array();
  const std::string outer = ToJsonText(j);
  // The empty array ToJsonText wrote for `dossiers` (a key at the top level: its quotes are
  // unescaped, which no string value's text can be) is where the rows go.
  const std::string empty = "\n  \"dossiers\": []";
  const std::size_t at = outer.find(empty);
  assert(at != std::string::npos);
  if (totals.dossiers == 0 || at == std::string::npos) return {outer, ""};
  return {outer.substr(0, at + empty.size() - 1),
          "\n  ]" + outer.substr(at + empty.size(), std::string::npos)};
}

std::string SummaryJsonText(const std::vector<RunRow>& rows, const Provenance& provenance) {
  const RunFileFrame frame = SummaryJsonFrame(TotalsOf(rows), provenance);
  std::string out = frame.head;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += RunFileFrame::RowSeparator(i);
    out += rows[i].summary;
  }
  return out + frame.tail;
}

RunFileFrame IndexHtmlFrame(const RunTotals& totals, const Provenance& provenance,
                            const MessageCatalog& messages, const MessageCatalog& labels,
                            const std::string& css) {
  const std::string title = labels.Format("run.page.title");
  RunFileFrame frame;
  frame.head =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
      Text(title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n<h1>" + Text(title) +
      "</h1>\n<p class=\"meta\">" +
      Text(labels.Format("run.page.meta", {{"date", provenance.date},
                                           {"count", std::to_string(totals.dossiers)},
                                           {"tally", ConclusionTally(totals, messages, labels)}})) +
      "</p>\n" +
      (provenance.authority ? std::string()
                            : "<p class=\"warning\">" +
                                  Text(labels.Format("run.page.no_office_authority")) + "</p>\n") +
      (provenance.credit_list_untyped.empty()
           ? std::string()
           : "<p class=\"warning\">" +
                 Text(messages.Format("warning.credit_list_untyped",
                                      {{"file", provenance.credit_list_untyped}})) +
                 "</p>\n") +
      "<table>\n<thead><tr>";
  for (const char* col : {"dossier", "institution", "kind", "conclusion", "blocking", "review",
                          "documents", "report"}) {
    frame.head += "<th>" + Text(labels.Format(std::string("run.page.col.") + col)) + "</th>";
  }
  frame.head += "</tr></thead>\n";
  frame.tail = "</table>\n<p class=\"note\">" +
               Text(labels.Format("run.page.note", {{"version", kVersion}})) +
               "</p>\n</body>\n</html>\n";
  return frame;
}

std::string IndexHtml(const std::vector<RunRow>& rows, const Provenance& provenance,
                      const MessageCatalog& messages, const MessageCatalog& labels,
                      const std::string& css) {
  const RunFileFrame frame = IndexHtmlFrame(TotalsOf(rows), provenance, messages, labels, css);
  std::string out = frame.head;
  for (const RunRow& row : rows) out += row.html;
  return out + frame.tail;
}

}  // namespace pipeline::report
