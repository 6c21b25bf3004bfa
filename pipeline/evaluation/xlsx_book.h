// XlsxBook: a libxlsxwriter workbook whose bytes come back as a string (libxlsxwriter 1.1.4
// writes only to a file: a private temporary file, removed afterwards). The document
// properties' creation date is set from `created` (beian's --date), so the same content gives
// the same bytes.
#ifndef PIPELINE_EVALUATION_XLSX_BOOK_H_
#define PIPELINE_EVALUATION_XLSX_BOOK_H_

#include <xlsxwriter.h>

#include <memory>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"

namespace pipeline::evaluation {

class XlsxBook {
 public:
  // `title` and `author` go into the document properties. With `constant_memory`, each row is
  // flushed to a temporary file once the next row is written (rows must then be written in
  // order, and strings are stored inline): memory does not grow with the number of rows.
  static Result<std::unique_ptr<XlsxBook>> Create(const Date& created, const std::string& title,
                                                  const std::string& author,
                                                  bool constant_memory = false);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  lxw_workbook* workbook() { return wb_; }

  // Closes the workbook and returns its bytes. REQUIRES: called once.
  Result<std::string> Finish();

 private:
  XlsxBook(std::string path, lxw_workbook* wb) : path_(std::move(path)), wb_(wb) {}
  std::string path_;
  lxw_workbook* wb_ = nullptr;
  std::string title_, author_;  // kept alive for the properties
  std::string tmpdir_;          // kept alive for the workbook options
};

}  // namespace pipeline::evaluation

#endif  // PIPELINE_EVALUATION_XLSX_BOOK_H_
