// The archive catalogue (归档文件目录, DA/T 22-2015): one CSV and one XLSX per authority and
// year, beside the issued files, rewritten from the registry after every issue. Columns, in
// DA/T 22's order: 档号 ({全宗号}-{年度}-{保管期限代码}-{件号, four digits}), 文号, 责任者, 题名,
// 日期 (YYYYMMDD), 页数, 密级, 保管期限, 备注; rows by 保管期限, then 件号 (given once, at issue).
#ifndef PIPELINE_REGISTRY_CATALOGUE_H_
#define PIPELINE_REGISTRY_CATALOGUE_H_

#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

struct CatalogueRow {
  int item = 0;                // 件号
  std::string archival_code;   // 档号
  std::string responsible;     // 责任者 (the issuing authority)
  std::string number;          // 文号
  std::string title;           // 题名
  std::string date;            // 日期, YYYYMMDD
  int pages = 0;               // 页数
  std::string classification;  // 密级 (office setting archive_classification)
  std::string retention;       // 保管期限 (office setting archive_retention)
  std::string remark;          // 备注
};

// The 档号 `{fonds}-{year}-{code}-{item:04}`; an empty fonds or code prints `blank` instead.
std::string ArchivalCode(const std::string& fonds, int year, const std::string& code, int item,
                         const std::string& blank);

// File name of the catalogue inside <archive>/<authority>/<year>/ (archive verify skips it):
// the wording of `registry.catalogue.title` with `extension` (".csv" or ".xlsx").
std::string CatalogueFileName(const report::MessageCatalog& messages, const char* extension);

// Writes both files into `dir` (each atomically: a temporary name, then renamed). Headers come
// from `messages` (registry.catalogue.*). `created` fixes the XLSX creation date, so the same
// rows give the same bytes.
Status WriteCatalogue(const std::string& dir, const std::vector<CatalogueRow>& rows,
                      const report::MessageCatalog& messages, const Date& created);

// One sheet of text cells with a bold header row, frozen below it, written atomically to
// `path`; `created` fixes the file's creation date (same rows, same bytes). Cells that are
// whole numbers are written as numbers, ISO dates (YYYY-MM-DD) as Excel dates.
Status WriteSheet(const std::string& path, const std::string& title,
                  const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows,
                  const std::vector<double>& widths, const Date& created);

// Pages of a PDF written by beian's renderer (its /Type /Page objects).
int CountPdfPages(const std::string& pdf);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_CATALOGUE_H_
