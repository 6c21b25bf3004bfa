// Tests of the font embedder and the Flate helper: subsets are made afresh for every document
// (nothing of one document is kept for the next), the per-font subset sources (TrueType
// preprocessing, the CFF tables-only view) give the same bytes as a fresh embedder, and Flate
// streams decompress to their input.
#include "pipeline/render/pdf/font_embedder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <set>
#include <string>

#include "pipeline/core/utf8.h"
#include "pipeline/render/pdf/deflate.h"
#include "pipeline/render/pdf/font_set.h"
#include "tests/testing/status_matchers.h"

namespace pipeline::render::pdf {

// Test names show the font, not the bytes of the parameter.
void PrintTo(const FontSpec& spec, std::ostream* os) { *os << spec.path << "#" << spec.face_index; }

namespace {

constexpr const char* kGbsn = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
constexpr const char* kNotoSerifBold = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc";

std::string Inflate(const std::string& z, std::size_t size) {
  std::string out(size, '\0');
  uLongf n = static_cast<uLongf>(size);
  int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &n,
                      reinterpret_cast<const Bytef*>(z.data()), static_cast<uLong>(z.size()));
  EXPECT_EQ(rc, Z_OK);
  out.resize(n);
  return out;
}

TEST(FlateCompressTest, RoundTripsAndIsDeterministic) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data += "BT /F0 12 Tf 1 0 0 1 " + std::to_string(i % 97) + " Tm\n";
  const std::string z = FlateCompress(data);
  EXPECT_LT(z.size(), data.size() / 4);
  EXPECT_EQ(Inflate(z, data.size()), data);
  EXPECT_EQ(FlateCompress(data), z);
  EXPECT_EQ(Inflate(FlateCompress(""), 16), "");
  for (int level : {0, 1, 12}) EXPECT_EQ(Inflate(FlateCompress(data, level), data.size()), data);
}

class FontEmbedderTest : public ::testing::TestWithParam<FontSpec> {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<Font>> f = Font::Load(GetParam());
    ASSERT_OK(f);
    font_ = std::move(*f);
  }
  std::set<std::uint32_t> Glyphs(const std::string& text) const {
    std::set<std::uint32_t> gids;
    for (char32_t cp : DecodeUtf8(text)) {
      std::uint32_t g = font_->GlyphFor(cp);
      EXPECT_NE(g, 0u) << static_cast<unsigned>(cp);
      gids.insert(g);
    }
    return gids;
  }
  std::unique_ptr<Font> font_;
};

void ExpectSame(const EmbeddedFont& a, const EmbeddedFont& b) {
  EXPECT_EQ(a.program, b.program);
  EXPECT_EQ(a.program_length, b.program_length);
  EXPECT_EQ(a.tag, b.tag);
  EXPECT_EQ(a.code_for_gid, b.code_for_gid);
}

// A document's subset does not depend on what the embedder subset before (other documents'
// characters), nor on whether the font's subset source was built yet: the bytes equal those of
// a fresh embedder, and every document runs hb-subset itself.
TEST_P(FontEmbedderTest, SubsetIsTheSameFreshOrAfterOtherDocuments) {
  const std::set<std::uint32_t> doc_a = Glyphs("关于长春市职业技能等级认定机构备案申请的初评意见");
  const std::set<std::uint32_t> doc_b = Glyphs("吉林市福瑞职业培训学校补正材料通知书（样）");

  FontEmbedder fresh;
  auto first = fresh.Embed(*font_, 0, doc_a);
  ASSERT_OK(first);
  EXPECT_EQ(fresh.subset_runs(), 1);

  FontEmbedder warm;
  for (int i = 0; i < 3; ++i) ASSERT_OK(warm.Embed(*font_, 0, doc_b));  // builds the source
  EXPECT_EQ(warm.sources_built(), 1);
  auto again = warm.Embed(*font_, 0, doc_a);
  ASSERT_OK(again);
  auto twice = warm.Embed(*font_, 0, doc_a);
  ASSERT_OK(twice);
  EXPECT_EQ(warm.subset_runs(), 5);  // no result is reused: each call subsets
  EXPECT_NE(again->get(), twice->get());
  EXPECT_EQ(warm.sources_built(), 1);  // one source per font, whatever the documents

  ExpectSame(**first, **again);
  ExpectSame(**first, **twice);
  EXPECT_EQ((*first)->cff, font_->is_cff());
  // Every drawn glyph has a code, and the program inflates to its stated length.
  for (std::uint32_t g : doc_a) EXPECT_EQ((*first)->code_for_gid.count(g), 1u) << g;
  EXPECT_EQ(Inflate((*first)->program, (*first)->program_length).size(), (*first)->program_length);
}

// The compression level (level 12 for issued documents) changes only the compressed bytes:
// the program inflates to the same subset, with the same codes and tag, and is no larger.
TEST_P(FontEmbedderTest, LevelChangesOnlyTheCompressedBytes) {
  const std::set<std::uint32_t> gids = Glyphs("吉林省人力资源和社会保障厅材料接收回执");
  FontEmbedder embedder;
  auto fast = embedder.Embed(*font_, 0, gids);
  auto small = embedder.Embed(*font_, 0, gids, 12);
  ASSERT_OK(fast);
  ASSERT_OK(small);
  EXPECT_LE((*small)->program.size(), (*fast)->program.size());
  EXPECT_EQ(Inflate((*small)->program, (*small)->program_length),
            Inflate((*fast)->program, (*fast)->program_length));
  EXPECT_EQ((*small)->code_for_gid, (*fast)->code_for_gid);
  EXPECT_EQ((*small)->tag, (*fast)->tag);
}

// The tables of an sfnt font program, from its table directory.
std::set<std::string> SfntTables(const std::string& sfnt) {
  std::set<std::string> tags;
  if (sfnt.size() < 12) return tags;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(sfnt[i]); };
  const std::size_t count = (std::size_t{byte(4)} << 8) | byte(5);
  for (std::size_t i = 0; i < count && 12 + 16 * i + 4 <= sfnt.size(); ++i) {
    tags.insert(sfnt.substr(12 + 16 * i, 4));
  }
  return tags;
}

// A TrueType program carries the tables a CIDFontType2 with CIDToGIDMap /Identity draws from
// (PDF 32000-1, 9.9) and not the character map, names, PostScript or OS/2 metrics, which no
// viewer reads for it; hinting is dropped too.
TEST(FontEmbedderTablesTest, TrueTypeProgramHasOnlyTheTablesAViewerUses) {
  Result<std::unique_ptr<Font>> font = Font::Load(FontSpec{kGbsn, 0});
  ASSERT_OK(font);
  std::set<std::uint32_t> gids;
  for (char32_t cp : DecodeUtf8("吉林省人力资源和社会保障厅")) gids.insert((*font)->GlyphFor(cp));
  FontEmbedder embedder;
  auto embedded = embedder.Embed(**font, 0, gids);
  ASSERT_OK(embedded);
  const std::string sfnt = Inflate((*embedded)->program, (*embedded)->program_length);
  EXPECT_EQ(SfntTables(sfnt),
            (std::set<std::string>{"glyf", "head", "hhea", "hmtx", "loca", "maxp"}));
}

INSTANTIATE_TEST_SUITE_P(TrueTypeAndCff, FontEmbedderTest,
                         ::testing::Values(FontSpec{kGbsn, 0}, FontSpec{kNotoSerifBold, 2}),
                         [](const ::testing::TestParamInfo<FontSpec>& param) {
                           return param.param.face_index == 0 ? "TrueType" : "CffInTtc";
                         });

}  // namespace
}  // namespace pipeline::render::pdf
