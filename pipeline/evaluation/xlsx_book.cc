#include "pipeline/evaluation/xlsx_book.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/xlsx_properties.h"

namespace pipeline::evaluation {

Result<std::unique_ptr<XlsxBook>> XlsxBook::Create(const Date& created, const std::string& title,
                                                   const std::string& author,
                                                   bool constant_memory) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string templ = (dir / "beian-xlsx-XXXXXX").string();
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) return Status::IoError(std::strerror(errno), templ);
  ::close(fd);
  const std::string path(buf.data());
  std::string tmpdir = dir.string();
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  options.tmpdir = constant_memory ? tmpdir.data() : nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) {
    ::unlink(path.c_str());
    return Status::IoError("libxlsxwriter cannot create the workbook", path);
  }
  std::unique_ptr<XlsxBook> book(new XlsxBook(path, wb));
  book->tmpdir_ = std::move(tmpdir);
  book->title_ = title;
  book->author_ = author;
  SetFixedDateProperties(wb, created, book->title_, book->author_.c_str());
  return book;
}

XlsxBook::~XlsxBook() {
  if (wb_ != nullptr) workbook_close(wb_);
  ::unlink(path_.c_str());
}

Result<std::string> XlsxBook::Finish() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    return Status::Internal(std::string("libxlsxwriter: ") + lxw_strerror(err), path_);
  }
  RealFileSystem rfs;
  return rfs.ReadFile(path_, FileSystem::kDefaultMaxRead);
}

}  // namespace pipeline::evaluation
