// Fuzz target: every Normaliser parser (dates, levels, counts, yes/no, enums, lists) and the
// text normalisation under them, on arbitrary (often invalid) UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "pipeline/core/text.h"
#include "pipeline/extract/normaliser.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

const pipeline::extract::Normaliser& TheNormaliser() {
  static const pipeline::extract::Normaliser normaliser = [] {
    auto parsed = pipeline::extract::Normaliser::FromXml(
        fuzz::ReadSourceFile("checklists/normalise.xml"), "checklists/normalise.xml");
    if (!parsed.ok()) std::abort();
    return std::move(parsed).value();
  }();
  return normaliser;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto& n = TheNormaliser();
  (void)n.ParseDate(text);
  (void)n.FindDate(text);
  (void)n.ParseLevels(text);
  (void)n.ParseCount(text);
  (void)n.ParseYesNo(text);
  (void)n.MatchEnum("applicant_type", text);
  (void)n.SplitList(text);
  (void)pipeline::NormaliseKeepLines(text);
  (void)pipeline::NormaliseCompact(text);
  (void)pipeline::UnifyDashes(text);
  return 0;
}
