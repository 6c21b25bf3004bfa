// Fuzz target: the document template parser (templates/documents/*.xml syntax) and, for a
// template that parses, its instantiation over a small fixed data model.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/render/doc/template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = pipeline::render::Template::Parse("fuzz.xml", std::move(text));
  if (!parsed.ok()) return 0;
  static const nlohmann::json kData = nlohmann::json::parse(R"({
    "institution": {"name": "长春市某职业培训学校", "code": "91220101MA00000000"},
    "occupations": [{"name": "电工", "levels": [5, 4], "status": "met"},
                    {"name": "焊工", "levels": [], "status": "unmet"}],
    "document": {"draft": true, "issuer": "吉林省人力资源和社会保障厅", "number": 3},
    "findings": [], "empty": "", "count": 0})");
  (void)parsed.value()->Instantiate(kData, pipeline::Date{2025, 6, 1});
  return 0;
}
