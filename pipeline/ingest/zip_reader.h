// ZipReader: a read-only view of a zip container held in memory (docx, xlsx), through libzip,
// with the inflation caps of Limits applied before and while reading. No exceptions; libzip
// errors become a ZipProblem.
#ifndef PIPELINE_INGEST_ZIP_READER_H_
#define PIPELINE_INGEST_ZIP_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/limits.h"

namespace pipeline::ingest {

enum class ZipProblem {
  kNone,
  kNotZip,     // no zip structure at all
  kTruncated,  // starts like a zip but the central directory is missing or cut
  kCorrupt,    // inconsistent structure, bad CRC, unreadable entry
  kEncrypted,  // an entry is encrypted
  kTooLarge,   // over the inflation caps (zip bomb)
};

class ZipReader {
 public:
  // Opens `bytes` (which must outlive the reader). On failure `problem()` says why and every
  // read fails. Checks entry count, total declared size and per-entry ratio at open time.
  ZipReader(std::string_view bytes, const Limits& limits);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  ZipProblem problem() const { return problem_; }
  // English detail for a problem ("entry word/document.xml: ratio 5000 over cap 200").
  const std::string& detail() const { return detail_; }

  // Entry names in archive order, raw bytes as stored (no CP437 guessing: a Windows zip's GBK
  // names come back as GBK bytes).
  const std::vector<std::string>& names() const { return names_; }
  // True when entry `index` has the zip's UTF-8 flag (general purpose bit 11) and a name that
  // is not plain ASCII (for ASCII names the flag does not matter and is reported false).
  bool NameFlaggedUtf8(std::size_t index) const;
  // Declared uncompressed size of entry `index`.
  std::uint64_t SizeOf(std::size_t index) const;
  bool Has(std::string_view name) const;

  // Inflates one entry, stopping at limits.max_entry_bytes. Fails with NotFound for a missing
  // entry and InvalidData otherwise; on failure `*why` (if given) gets the ZipProblem.
  Result<std::string> Read(std::string_view name, ZipProblem* why = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Limits limits_;
  ZipProblem problem_ = ZipProblem::kNone;
  std::string detail_;
  std::vector<std::string> names_;
  std::vector<bool> utf8_flags_;
  std::vector<std::uint64_t> sizes_;
};

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_ZIP_READER_H_
