#include "pipeline/service/case_rows.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>

#include "pipeline/core/file_system.h"
#include "pipeline/core/file_writer.h"
#include "pipeline/report/run_spool.h"

namespace pipeline::service {
namespace {

// Where a case's latest record is in the file.
struct Span {
  std::uint64_t offset = 0, size = 0;  // the record without its newline
};

// Closes file descriptors on every way out.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

CaseRows::CaseRows(const std::string& out_dir) : path_(JoinPath(out_dir, kRowsFileName)) {}

Status CaseRows::Keep(const std::string& case_id, const std::string& record) const {
  Fd f;
  f.fd = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (f.fd < 0) return Status::IoError(std::strerror(errno), path_);
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return Status::IoError(std::strerror(errno), path_);
  std::string line;
  char last = '\n';
  if (st.st_size > 0 && ::pread(f.fd, &last, 1, st.st_size - 1) == 1 && last != '\n') {
    line = "\n";  // a line torn by a crash: the new row starts a line of its own
  }
  line += case_id + "\t" + record;
  if (line.back() != '\n') line += '\n';
  if (const int err = WriteAllTo(f.fd, line); err != 0) {
    return Status::IoError(std::string("write failed: ") + std::strerror(err), path_);
  }
  return Status::Ok();
}

Status CaseRows::Gather(const std::vector<std::string>& case_ids,
                        const std::function<void(const std::string& record)>& each) const {
  return Read(case_ids, each, /*compact=*/false);
}

// Gather's work; `compact`: rewrite the file whatever its size.
Status CaseRows::Read(const std::vector<std::string>& case_ids,
                      const std::function<void(const std::string& record)>& each,
                      bool compact) const {
  std::map<std::string, Span> latest;
  std::size_t lines = 0;
  {
    std::ifstream in(path_, std::ios::binary);
    std::string line;
    std::uint64_t offset = 0;
    report::SpoolRecord check;
    while (std::getline(in, line)) {
      const bool whole = !in.eof();  // the last line without a newline may be torn
      const std::size_t tab = line.find('\t');
      ++lines;
      if (whole && tab != std::string::npos && tab > 0 &&
          report::ParseSpoolLine(line.substr(tab + 1), &check)) {
        latest[line.substr(0, tab)] = {offset + tab + 1, line.size() - tab - 1};
      }
      offset += line.size() + 1;
    }
  }
  if (latest.empty()) return Status::Ok();
  Fd f;
  f.fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (f.fd < 0) return Status::IoError(std::strerror(errno), path_);
  compact = compact || lines > 2 * case_ids.size() + 64;
  std::unique_ptr<FileWriter> rewrite;
  if (compact) {
    Result<std::unique_ptr<FileWriter>> w = FileWriter::Open(path_);
    if (!w) return w.error();
    rewrite = std::move(*w);
  }
  std::string record;
  for (const std::string& id : case_ids) {
    auto it = latest.find(id);
    if (it == latest.end()) continue;
    record.resize(it->second.size);
    const ssize_t n =
        ::pread(f.fd, record.data(), record.size(), static_cast<off_t>(it->second.offset));
    if (n != static_cast<ssize_t>(record.size())) {
      return Status::IoError("cannot read a case's row", path_);
    }
    record += '\n';
    each(record);
    if (rewrite) {
      rewrite->Write(id);
      rewrite->Write("\t");
      rewrite->Write(record);
    }
  }
  return rewrite ? rewrite->Commit() : Status::Ok();
}

Status CaseRows::CompactIfLarge(const std::vector<std::string>& case_ids,
                                std::uint64_t live_bytes) const {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return Status::Ok();
  if (static_cast<std::uint64_t>(st.st_size) <= 2 * live_bytes + (1u << 16)) return Status::Ok();
  return Read(
      case_ids, [](const std::string&) {}, /*compact=*/true);
}

}  // namespace pipeline::service
