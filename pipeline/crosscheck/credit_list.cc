#include "pipeline/crosscheck/credit_list.h"

#include <algorithm>
#include <cassert>
#include <optional>

#include "pipeline/core/csv.h"
#include "pipeline/core/date.h"
#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/xlsx_reader.h"

namespace pipeline::crosscheck {

namespace {

std::string Key(std::string_view s) { return NormaliseCompact(s); }

// The row's kind from its cell in the kind column (`cell` is nullopt when the list has none).
Result<CreditListEntry::Kind> KindOf(const std::optional<std::string>& cell,
                                     const CreditListColumns& columns, const std::string& file,
                                     int line) {
  if (!cell) return CreditListEntry::Kind::kSerious;
  if (Key(*cell) == Key(columns.kind_serious)) return CreditListEntry::Kind::kSerious;
  if (Key(*cell) == Key(columns.kind_terminated)) return CreditListEntry::Kind::kTerminated;
  return Status::InvalidData("\"" + columns.kind + "\" must be \"" + columns.kind_serious +
                                 "\" or \"" + columns.kind_terminated + "\", not \"" + *cell + "\"",
                             file, line);
}

// The column of `head` whose heading is `name`, if any.
std::optional<std::size_t> ColumnOf(const std::vector<std::string>& head, const std::string& name) {
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (Key(head[i]) == Key(name)) return i;
  }
  return std::nullopt;
}

}  // namespace

Result<CreditList> CreditList::FromRows(const std::vector<std::vector<std::string>>& rows,
                                        const std::vector<int>& lines,
                                        const CreditListColumns& columns, const std::string& file) {
  assert(rows.size() == lines.size());
  if (rows.empty()) return Status::InvalidData("empty list: no heading row", file, 1);
  const std::vector<std::string>& head = rows[0];
  auto column = [&](const std::string& name, std::size_t* out) -> Status {
    const std::optional<std::size_t> at = ColumnOf(head, name);
    if (!at)
      return Status::InvalidData("heading row has no column \"" + name + "\"", file, lines[0]);
    *out = *at;
    return Status::Ok();
  };
  std::size_t c_uscc = 0, c_name = 0, c_rep = 0, c_source = 0, c_date = 0;
  PIPELINE_RETURN_IF_ERROR(column(columns.uscc, &c_uscc));
  PIPELINE_RETURN_IF_ERROR(column(columns.name, &c_name));
  PIPELINE_RETURN_IF_ERROR(column(columns.legal_representative, &c_rep));
  PIPELINE_RETURN_IF_ERROR(column(columns.source, &c_source));
  PIPELINE_RETURN_IF_ERROR(column(columns.date, &c_date));
  const std::optional<std::size_t> c_kind = ColumnOf(head, columns.kind);
  CreditList list;
  list.file_ = file;
  list.columns_ = columns;
  list.typed_ = c_kind.has_value();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    auto cell = [&](std::size_t c) {
      return c < rows[r].size() ? TrimSpace(rows[r][c]) : std::string();
    };
    CreditListEntry e;
    e.uscc = AsciiUpper(Key(cell(c_uscc)));
    e.name = cell(c_name);
    e.legal_representative = cell(c_rep);
    e.source = cell(c_source);
    e.date = cell(c_date);
    const std::optional<Date> iso = ParseIsoDate(e.date);
    e.date_text =
        iso && !columns.date_format.empty() ? FormatDate(*iso, columns.date_format) : e.date;
    e.line = lines[r];
    PIPELINE_ASSIGN_OR_RETURN(e.kind, KindOf(c_kind ? std::optional(cell(*c_kind)) : std::nullopt,
                                             columns, file, e.line));
    if (e.uscc.empty() && e.name.empty()) {
      return Status::InvalidData(
          "row gives neither \"" + columns.uscc + "\" nor \"" + columns.name + "\"", file, e.line);
    }
    if (e.source.empty()) {
      return Status::InvalidData("row gives no \"" + columns.source + "\"", file, e.line);
    }
    list.entries_.push_back(std::move(e));
  }
  // A list without entries would make 「已比对…未发现」 say nothing: refuse it.
  if (list.entries_.empty())
    return Status::InvalidData("list has headings but no entries", file, lines[0]);
  return list;
}

const CreditListEntry* CreditList::Match(std::string_view uscc, std::string_view name,
                                         std::string_view legal_representative) const {
  const std::string u = AsciiUpper(Key(uscc));
  const std::string n = Key(name);
  const std::string l = Key(legal_representative);
  auto matches = [&](const CreditListEntry& e) {
    return (!u.empty() && e.uscc == u) ||
           (!n.empty() && !l.empty() && Key(e.name) == n && Key(e.legal_representative) == l);
  };
  const CreditListEntry* found = nullptr;
  for (const CreditListEntry& e : entries_) {
    if (!matches(e)) continue;
    if (e.kind == CreditListEntry::Kind::kSerious) return &e;
    if (found == nullptr) found = &e;
  }
  return found;
}

std::string CreditList::Sources() const {
  std::vector<const CreditListEntry*> seen;  // per source, the entry with the latest date
  for (const CreditListEntry& e : entries_) {
    auto it = std::find_if(seen.begin(), seen.end(),
                           [&](const CreditListEntry* s) { return s->source == e.source; });
    if (it == seen.end())
      seen.push_back(&e);
    else if (e.date > (*it)->date)
      *it = &e;
  }
  std::string out;
  for (const CreditListEntry* e : seen) {
    if (!out.empty()) out += columns_.sources_separator;
    if (e->date_text.empty()) {
      out += e->source;
      continue;
    }
    out += ReplaceAll(ReplaceAll(columns_.dated_source, "{source}", e->source), "{date}",
                      e->date_text);
  }
  return out;
}

Result<CreditList> LoadCreditList(const FileSystem& fs, const std::string& path,
                                  const CreditListColumns& columns) {
  Result<std::string> bytes = fs.ReadFile(path);
  if (!bytes) return bytes.error().WithContext("credit list");
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;
  if (path.ends_with(".xlsx") || path.ends_with(".XLSX")) {
    Result<std::vector<ingest::XlsxRow>> sheet = ingest::ReadXlsxSheet(*bytes, path);
    if (!sheet) return sheet.error();
    for (ingest::XlsxRow& r : *sheet) {
      rows.push_back(std::move(r.cells));
      lines.push_back(r.row);
    }
    // A date typed into Excel is stored as a serial number: write it as a date.
    if (!rows.empty()) {
      for (std::size_t i = 0; i < rows[0].size(); ++i) {
        if (Key(rows[0][i]) != Key(columns.date)) continue;
        for (std::size_t r = 1; r < rows.size(); ++r) {
          if (i >= rows[r].size()) continue;
          if (auto iso = ingest::ExcelSerialToIsoDate(rows[r][i])) rows[r][i] = *iso;
        }
      }
    }
  } else if (path.ends_with(".csv") || path.ends_with(".CSV")) {
    if (!IsValidUtf8(*bytes)) {
      return Status::InvalidData("not UTF-8 text (save the list as \"CSV UTF-8\")", path);
    }
    Result<std::vector<CsvRow>> csv = ParseCsv(*bytes, path);
    if (!csv) return csv.error();
    for (CsvRow& r : *csv) {
      rows.push_back(std::move(r.fields));
      lines.push_back(r.line);
    }
  } else {
    return Status::InvalidArgument("credit list " + path + ": must be a .csv or .xlsx file");
  }
  return CreditList::FromRows(rows, lines, columns, path);
}

}  // namespace pipeline::crosscheck
