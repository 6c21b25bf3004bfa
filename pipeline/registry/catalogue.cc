#include "pipeline/registry/catalogue.h"

#include <xlsxwriter.h>

#include <cctype>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "pipeline/core/file_system.h"
#include "pipeline/core/xlsx_properties.h"

namespace pipeline::registry {
namespace {

const char* const kColumns[] = {"archival_code",  "number",    "responsible",
                                "title_column",   "date",      "pages",
                                "classification", "retention", "remark"};

std::vector<std::string> Cells(const CatalogueRow& r) {
  return {r.archival_code,  r.number,    r.responsible,
          r.title,          r.date,      r.pages > 0 ? std::to_string(r.pages) : "",
          r.classification, r.retention, r.remark};
}

// RFC 4180 field: quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status WriteCsv(const std::string& path, const std::vector<std::string>& header,
                const std::vector<CatalogueRow>& rows) {
  std::string text = "\xEF\xBB\xBF";  // BOM: spreadsheet programs then read the CSV as UTF-8
  auto line = [&text](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + CsvField(cells[i]);
    text += "\r\n";
  };
  line(header);
  for (const CatalogueRow& r : rows) line(Cells(r));
  RealFileSystem fs;
  return fs.WriteFile(path, text);
}

}  // namespace

std::string CatalogueFileName(const report::MessageCatalog& messages, const char* extension) {
  return messages.Format("registry.catalogue.title") + extension;
}

Status WriteCatalogue(const std::string& dir, const std::vector<CatalogueRow>& rows,
                      const report::MessageCatalog& messages, const Date& created) {
  std::vector<std::string> header;
  for (const char* c : kColumns)
    header.push_back(messages.Format(std::string("registry.catalogue.") + c));
  PIPELINE_RETURN_IF_ERROR(
      WriteCsv(JoinPath(dir, CatalogueFileName(messages, ".csv")), header, rows));
  std::vector<std::vector<std::string>> cells;
  for (const CatalogueRow& r : rows) cells.push_back(Cells(r));
  return WriteSheet(JoinPath(dir, CatalogueFileName(messages, ".xlsx")),
                    messages.Format("registry.catalogue.title"), header, cells,
                    {20, 22, 24, 50, 10, 6, 6, 10, 20}, created);
}

std::string ArchivalCode(const std::string& fonds, int year, const std::string& code, int item,
                         const std::string& blank) {
  char n[16];
  std::snprintf(n, sizeof n, "%04d", item);
  return (fonds.empty() ? blank : fonds) + "-" + std::to_string(year) + "-" +
         (code.empty() ? blank : code) + "-" + n;
}

Status WriteSheet(const std::string& path, const std::string& title,
                  const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows,
                  const std::vector<double>& widths, const Date& created) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string tmp = path + ".tmp";
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (wb == nullptr) return Status::IoError("cannot create the workbook", path);
  SetFixedDateProperties(wb, created, title, nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, title.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  for (lxw_col_t c = 0; c < header.size(); ++c) {
    if (c < widths.size()) worksheet_set_column(ws, c, c, widths[c], nullptr);
    worksheet_write_string(ws, 0, c, header[c].c_str(), bold);
  }
  lxw_row_t row = 1;
  for (const std::vector<std::string>& cells : rows) {
    for (lxw_col_t c = 0; c < cells.size(); ++c) {
      const std::string& v = cells[c];
      const bool number =
          !v.empty() && v.size() <= 5 && v.find_first_not_of("0123456789") == std::string::npos;
      if (number) {
        worksheet_write_number(ws, row, c, std::stod(v), nullptr);
      } else if (std::optional<Date> d = ParseIsoDate(v)) {  // a real Excel date, not text
        lxw_datetime t = ExcelDate(*d);
        worksheet_write_datetime(ws, row, c, &t, date);
      } else {
        worksheet_write_string(ws, row, c, v.c_str(), nullptr);
      }
    }
    ++row;
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (lxw_error err = workbook_close(wb); err != LXW_NO_ERROR) {
    return Status::IoError(std::string("cannot write the workbook: ") + lxw_strerror(err), path);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError(ec.message(), path);
  return Status::Ok();
}

int CountPdfPages(const std::string& pdf) {
  int pages = 0;
  const std::string type = "/Type", page = "/Page";
  for (std::size_t at = pdf.find(type); at != std::string::npos; at = pdf.find(type, at + 1)) {
    std::size_t next = at + type.size();
    while (next < pdf.size() && (pdf[next] == ' ' || pdf[next] == '\n' || pdf[next] == '\r')) {
      ++next;
    }
    if (pdf.compare(next, page.size(), page) != 0) continue;
    next += page.size();
    const char after = next < pdf.size() ? pdf[next] : ' ';
    if (!std::isalnum(static_cast<unsigned char>(after))) ++pages;  // not /Pages or /PageLabels
  }
  return pages;
}

}  // namespace pipeline::registry
