// Limits: caps that keep ingest safe on hostile or broken input (zip bombs, huge folders).
// Every cap that is hit becomes a FileHealth::kTooLarge or an ingest finding, never a crash.
#ifndef PIPELINE_INGEST_LIMITS_H_
#define PIPELINE_INGEST_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace pipeline::ingest {

struct Limits {
  // Largest file read into memory for probing; bigger files are kTooLarge without being read.
  std::uint64_t max_file_bytes = 128ull << 20;
  // Zip containers (docx/xlsx): total declared uncompressed size of all entries, and the most
  // bytes inflated from one entry we actually read.
  std::uint64_t max_inflated_bytes = 256ull << 20;
  std::uint64_t max_entry_bytes = 64ull << 20;
  // Largest uncompressed/compressed ratio for an entry bigger than `ratio_min_bytes`; plain
  // Office XML compresses about 5-20x, a zip bomb 1000x and more.
  std::uint64_t max_ratio = 200;
  std::uint64_t ratio_min_bytes = 1ull << 20;
  std::uint64_t max_zip_entries = 20000;
  // Folder walk: deepest sub-folder level; most files whose content is probed (the rest are
  // listed by name only, DossierFile::probed = false); most files listed at all.
  int max_depth = 8;
  std::size_t max_files = 5000;
  std::size_t max_listed_files = 100000;
  // Names longer than this (code points) are reported: they break Windows paths and archives.
  std::size_t max_name_chars = 120;
};

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_LIMITS_H_
