// Fuzz target: a dossier sent as an archive (issue 22). The input is `附件.zip`, `附件.7z` and
// `资料.rar` beside a form in an in-memory dossier; LoadDossier opens each one level deep
// (ZipReader, or libarchive through LibarchiveReader, with their caps), decodes the entry names
// (UTF-8 flag, UTF-8, GB18030, CP437), probes the entries and reads a form found inside. The
// input's bytes are also decoded as a name on disk and as a zip entry name, and read as a
// whole dossier sent as one archive (ReadArchiveFiles, as the registry and workbench read it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pipeline/ingest/archives.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/name_decoding.h"
#include "tests/fuzz/fuzz_common.h"
#include "tests/testing/fake_file_system.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // Names are short: decode the first bytes only, so one input does not pay for a long name.
  const std::string_view name = std::string_view(bytes).substr(0, 256);
  (void)pipeline::ingest::DecodeDiskName(name);
  (void)pipeline::ingest::DecodeZipName(name, size > 0 && (data[0] & 1) != 0);

  pipeline::ingest::Limits limits;
  limits.max_inflated_bytes = 8u << 20;
  limits.max_entry_bytes = 4u << 20;
  limits.max_files = 200;
  pipeline::testing::FakeFileSystem fs;
  fs.AddFile("in/甲/附件.zip", bytes);
  fs.AddFile("in/甲/附件.7z", bytes);
  fs.AddFile("in/甲/资料.rar", bytes);
  fs.AddFile("in/甲/说明.txt", "x");
  pipeline::ingest::IntakeEntry entry{"甲", "甲", "in/甲", pipeline::EntryType::kDirectory, {}};
  const pipeline::model::Dossier d =
      pipeline::ingest::LoadDossier(fs, entry, fuzz::ShippedFormLabels(), limits);
  (void)pipeline::ingest::ReportedFiles(d);
  // The same bytes as a whole dossier sent as one archive, read as the registry and the
  // workbench read it (every entry's bytes, by decoded name).
  for (const char* format : {"zip", "7z", "rar"}) {
    (void)pipeline::ingest::ReadArchiveFiles(bytes, format, "dossier", limits);
  }
  return 0;
}
