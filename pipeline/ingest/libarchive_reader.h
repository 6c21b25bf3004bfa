// LibarchiveReader: a read-only view of a .7z or .rar archive held in memory, through Debian's
// libarchive (fuzzed upstream; it reads 7z, RAR 4 and RAR 5), with the caps of Limits applied as
// ZipReader applies them: the entry count, the declared sizes, and each entry's bytes while they
// are read. An encrypted entry, a damaged archive or anything over a cap is a problem and no
// entry is read. Entry names are libarchive's UTF-8 names (7z and RAR 5 store Unicode), else
// the raw bytes as stored (name_decoding.h decodes them).
#ifndef PIPELINE_INGEST_LIBARCHIVE_READER_H_
#define PIPELINE_INGEST_LIBARCHIVE_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {

class LibarchiveReader {
 public:
  // Opens `bytes` (which must outlive the reader) as `format` ("7z" or "rar") and lists its
  // entries; problem() says why it cannot be read.
  LibarchiveReader(std::string_view bytes, std::string_view format, const Limits& limits);

  ZipProblem problem() const { return problem_; }
  const std::string& detail() const { return detail_; }
  // Regular files only, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  // True when names()[index] is libarchive's UTF-8 name (else raw bytes); named as ZipReader's.
  bool NameFlaggedUtf8(std::size_t index) const { return utf8_[index]; }
  std::uint64_t SizeOf(std::size_t index) const { return sizes_[index]; }

  // One entry's bytes, stopping at limits.max_entry_bytes (InvalidData past it).
  Result<std::string> Read(std::string_view name) const;

 private:
  std::string_view bytes_;
  std::string format_;
  Limits limits_;
  ZipProblem problem_ = ZipProblem::kNone;
  std::string detail_;
  std::vector<std::string> names_;
  std::vector<bool> utf8_;
  std::vector<std::uint64_t> sizes_;
};

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_LIBARCHIVE_READER_H_
