#include "pipeline/cli/case_text.h"

#include <vector>

#include "pipeline/registry/commands.h"
#include "pipeline/report/summary_table.h"

namespace pipeline::cli {
namespace {

using registry::Word;
using Rows = std::vector<std::vector<std::string>>;

std::string DaysText(const app::CaseStatus& s, const report::MessageCatalog& m) {
  return s.working_days_in_stage ? std::to_string(*s.working_days_in_stage)
                                 : m.Format("registry.status.days_unknown");
}

std::string OpenCasesText(const app::StatusResult& status, const report::MessageCatalog& m) {
  if (status.cases.empty()) return m.Format("registry.status.no_open_cases") + "\n";
  Rows rows = {{m.Format("registry.col.case"), m.Format("registry.col.institution"),
                m.Format("registry.col.kind"), m.Format("registry.col.stage"),
                m.Format("registry.col.days"), m.Format("registry.col.next")}};
  for (const app::CaseStatus& s : status.cases) {
    const registry::CaseRecord& c = s.record;
    rows.push_back({c.case_id, c.institution_name,
                    Word(m, "kind.", model::ApplicationKindName(c.kind)),
                    Word(m, "arg.stage.", registry::StageName(c.stage)), DaysText(s, m), s.next});
  }
  return report::AlignedTable(rows);
}

// A history entry's note with its reason (a correction's, or a decision's own).
std::string NoteText(const registry::HistoryEntry& e, const report::MessageCatalog& m) {
  std::string note = e.note;
  if (e.reason.empty()) return note;
  // No separator after a note that ends its own sentence (a full stop).
  const bool sentence = note.empty() || note.ends_with(m.Format("registry.note_sentence_end"));
  note += (sentence ? "" : m.Format("registry.note_separator")) +
          (e.corrects ? m.Format("registry.status.correction",
                                 {{"seq", std::to_string(*e.corrects)}, {"reason", e.reason}})
                      : m.Format("registry.status.reason", {{"reason", e.reason}}));
  return note;
}

std::string HistoryTable(const registry::CaseRecord& c, const report::MessageCatalog& m) {
  Rows rows = {{m.Format("registry.col.date"), m.Format("registry.col.action"),
                m.Format("registry.col.stage"), m.Format("registry.col.result"),
                m.Format("registry.col.stage_after"), m.Format("registry.col.user"),
                m.Format("registry.col.note")}};
  for (const registry::HistoryEntry& e : c.history) {
    rows.push_back({e.acted_on, Word(m, "registry.action.", e.action),
                    Word(m, "arg.stage.", registry::StageName(e.stage)),
                    e.result.empty() ? "" : Word(m, "arg.result.", e.result),
                    Word(m, "arg.stage.", registry::StageName(e.stage_after)), e.actor,
                    NoteText(e, m)});
  }
  return report::AlignedTable(rows);
}

std::string CaseText(const app::CaseStatus& s, const report::MessageCatalog& m) {
  const registry::CaseRecord& c = s.record;
  std::string out = m.Format("registry.status.case_line",
                             {{"case", c.case_id},
                              {"institution", c.institution_name},
                              {"uscc", c.uscc},
                              {"kind", Word(m, "kind.", model::ApplicationKindName(c.kind))},
                              {"stage", registry::StageName(c.stage)},
                              {"since", c.stage_since},
                              {"days", DaysText(s, m)},
                              {"version", std::to_string(c.current_version)}}) +
                    "\n" + HistoryTable(c, m);
  for (const registry::VersionRecord& v : c.versions) {
    out += m.Format("registry.status.version_line",
                    {{"version", std::to_string(v.version)},
                     {"folder", v.folder},
                     {"date", v.received_on},
                     {"conclusion", Word(m, "conclusion.", v.conclusion)}}) +
           "\n";
  }
  for (const registry::DocumentRecord& d : c.documents) {
    out += registry::DocumentLine(m, d.document_id, d.kind, d.state, d.number, d.doc_date,
                                  d.created_on, d.served_on) +
           "\n";
  }
  return out + m.Format("registry.status.next", {{"next", s.next}}) + "\n";
}

}  // namespace

std::string StatusText(const app::StatusResult& status, const report::MessageCatalog& m) {
  if (status.of == app::StatusResult::Of::kOpenCases) return OpenCasesText(status, m);
  std::string out;
  for (const app::CaseStatus& s : status.cases) out += CaseText(s, m);
  return out;
}

std::string DecideText(const app::DecideResult& decided, const report::MessageCatalog& m) {
  std::string out;
  for (const registry::SettledLetter& letter : decided.letters) {
    out += registry::SettledLetterLine(m, letter) + "\n";
  }
  return out + registry::RecordedText(m, decided.recorded);
}

}  // namespace pipeline::cli
