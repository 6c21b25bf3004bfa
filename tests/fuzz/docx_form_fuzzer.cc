// Fuzz target: the Word form reader (zip container + word/document.xml) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline/ingest/form_reader.h"
#include "tests/fuzz/fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pipeline::ingest::Limits limits;
  // Smaller caps than production so that inflating stays fast under the fuzzer.
  limits.max_inflated_bytes = 8u << 20;
  limits.max_entry_bytes = 4u << 20;
  (void)pipeline::ingest::ReadDocxForm(bytes, "申请表.docx", fuzz::ShippedFormLabels(), limits);
  // The document.xml parser alone, so that XML shapes are reached without a zip around them.
  (void)pipeline::ingest::ParseDocumentXml(bytes, "document.xml", fuzz::ShippedFormLabels());
  return 0;
}
