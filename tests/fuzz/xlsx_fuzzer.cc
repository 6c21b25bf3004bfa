// Fuzz target: the two .xlsx readers on arbitrary bytes. ingest::ReadXlsxSheet reads the office's
// lists (credit list) and the staff lists of a dossier; evaluation::ReadXlsx reads every cell and
// defined name of a workbook, and ReadScoresheet reads a filled 技术评估评分表 back against the
// standard (the seed corpus holds a real sheet of the case below, filled in LibreOffice).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pipeline/core/file_system.h"
#include "pipeline/evaluation/scoresheet.h"
#include "pipeline/evaluation/standard.h"
#include "pipeline/evaluation/xlsx_reader.h"
#include "pipeline/ingest/xlsx_reader.h"
#include "tests/fuzz/fuzz_common.h"

namespace {

struct Fixture {
  pipeline::evaluation::Standard standard;
  pipeline::evaluation::Wording wording;
  pipeline::evaluation::SheetCase sheet_case;
};

// The case of tests/evaluation/testdata/技术评估评分表-LibreOffice.xlsx, so that a seed reaches
// the score cells and mutations of it exercise the checks there.
pipeline::evaluation::SheetCase LibreOfficeCase() {
  pipeline::evaluation::SheetCase c;
  c.case_id = "C2026-0001";
  c.institution = "长春市鼎新职业技能培训学校";
  c.uscc = "52220102MJ0A1B2C32";
  c.applicant_type = pipeline::model::ApplicantType::kSocialOrg;
  c.occupations = {{"4-03-02-01", "中式烹调师", "", ""},
                   {"4-03-02-02", "中式面点师", "", ""},
                   {"4-10-01-03", "保育师", "", ""}};
  return c;
}

const Fixture& TheFixture() {
  static const Fixture fixture = [] {
    Fixture f;
    auto standard = pipeline::evaluation::ParseStandard(
        fuzz::ReadSourceFile("checklists/evaluation_standard.xml"),
        "checklists/evaluation_standard.xml");
    if (!standard.ok()) std::abort();
    f.standard = std::move(standard).value();
    pipeline::RealFileSystem fs;
    auto wording = pipeline::report::MessageCatalog::Load(
        fs, std::string(BEIAN_SOURCE_DIR) + "/templates/evaluation.zh-CN.tsv");
    if (!wording.ok()) std::abort();
    f.wording = std::move(wording).value();
    f.sheet_case = LibreOfficeCase();
    return f;
  }();
  return fixture;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  pipeline::ingest::Limits limits;
  // Smaller caps than production so that inflating stays fast under the fuzzer.
  limits.max_inflated_bytes = 8u << 20;
  limits.max_entry_bytes = 4u << 20;
  (void)pipeline::ingest::ReadXlsxSheet(bytes, "名单.xlsx", limits);
  (void)pipeline::evaluation::ReadXlsx(bytes);
  const Fixture& f = TheFixture();
  (void)pipeline::evaluation::ReadScoresheet(bytes, "技术评估评分表.xlsx", f.sheet_case, f.standard,
                                             f.wording);
  return 0;
}
