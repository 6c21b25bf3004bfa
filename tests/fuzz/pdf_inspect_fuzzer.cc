// Fuzz target: the qpdf-based PDF inspector (pipeline/ingest/pdf_inspect.h) on arbitrary bytes:
// opening with the empty user password, the encryption checks and the page tree walk. Any
// crash, leak, hang or output to stderr by qpdf is a finding; every verdict is fine.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline/ingest/pdf_inspect.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const pipeline::ingest::PdfInspection r = pipeline::ingest::InspectPdf(bytes, 1000);
  if (r.pages > 1000) std::abort();  // the cap holds
  return 0;
}
