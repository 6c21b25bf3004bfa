// Fuzz target: the file probe (format sniffing, PDF/JPEG/PNG/OOXML/XML health) and the zip
// reader under it, on arbitrary bytes, with each extension the probe treats differently.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/ingest/file_probe.h"
#include "pipeline/ingest/zip_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pipeline::ingest::Limits limits;
  limits.max_inflated_bytes = 8u << 20;
  limits.max_entry_bytes = 4u << 20;
  static const char* const kNames[] = {"a.pdf", "a.docx", "a.xlsx", "a.xml",
                                       "a.jpg", "a.png",  "a.txt"};
  // The first byte picks the name, so one input does not pay for every probe.
  const char* name = kNames[size == 0 ? 0 : data[0] % (sizeof(kNames) / sizeof(kNames[0]))];
  (void)pipeline::ingest::ProbeFile(name, bytes, limits);
  (void)pipeline::ingest::SniffFormat(bytes, limits);

  pipeline::ingest::ZipReader zip(bytes, limits);
  if (zip.problem() == pipeline::ingest::ZipProblem::kNone) {
    for (const std::string& entry : zip.names()) (void)zip.Read(entry);
  }
  return 0;
}
