#include "pipeline/core/tsv.h"

#include "pipeline/core/utf8.h"

namespace pipeline {
namespace {

std::vector<std::string> Split(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    out.emplace_back(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return out;
}

}  // namespace

int TsvTable::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Result<TsvTable> ParseTsv(std::string_view text, const std::string& file,
                          const std::vector<std::string>& required) {
  if (!IsValidUtf8(text)) return Status::InvalidData("not valid UTF-8", file, 0);
  TsvTable t;
  t.file = file;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string> fields = Split(line);
    if (t.header.empty()) {
      t.header = std::move(fields);
      continue;
    }
    if (fields.size() != t.header.size()) {
      return Status::InvalidData("expected " + std::to_string(t.header.size()) +
                                     " tab-separated fields, found " +
                                     std::to_string(fields.size()),
                                 file, line_no);
    }
    t.rows.push_back({line_no, std::move(fields)});
  }
  if (t.header.empty()) return Status::InvalidData("empty table (no header row)", file, 1);
  for (const std::string& col : required) {
    if (t.Column(col) < 0) return Status::InvalidData("missing column \"" + col + "\"", file, 1);
  }
  return t;
}

}  // namespace pipeline
