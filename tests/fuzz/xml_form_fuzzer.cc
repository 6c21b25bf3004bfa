// Fuzz target: the XML form reader (申请表.xml) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline/ingest/form_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  (void)pipeline::ingest::ReadXmlForm(xml, "申请表.xml");
  return 0;
}
