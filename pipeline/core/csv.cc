#include "pipeline/core/csv.h"

namespace pipeline {

namespace {

bool IsBlank(const CsvRow& row) {
  return row.fields.size() == 1 && row.fields[0].empty();
}

}  // namespace

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& file) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  row.line = 1;
  std::string field;
  int line = 1;
  int quote_line = 0;
  bool in_quotes = false;
  bool after_quote = false;  // a quoted field just closed: only , or a line break may follow
  auto end_row = [&]() {
    row.fields.push_back(std::move(field));
    field.clear();
    if (!IsBlank(row)) rows.push_back(std::move(row));
    row = CsvRow();
    row.line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
        after_quote = true;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
      after_quote = false;
    } else if (after_quote) {
      return Status::InvalidData("text after a closing quote", file, line);
    } else if (c == '"' && field.empty()) {
      in_quotes = true;
      quote_line = line;
    } else {
      field += c;
    }
  }
  if (in_quotes) return Status::InvalidData("quote opened here is never closed", file, quote_line);
  if (!field.empty() || !row.fields.empty()) end_row();
  return rows;
}

}  // namespace pipeline
