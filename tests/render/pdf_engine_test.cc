// Tests of the PDF engine: fonts (TrueType, TTC faces, CFF, fallback), 禁则 line breaking and
// justification, the GB/T 9704 grid, page numbers, tables across pages, determinism.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/render/pdf/document.h"
#include "pipeline/render/pdf/font_embedder.h"
#include "pipeline/render/pdf/font_set.h"
#include "pipeline/render/pdf/layout.h"
#include "pipeline/render/pdf/line_breaker.h"
#include "pipeline/render/pdf/pdf_writer.h"
#include "pipeline/render/pdf/typesetter.h"
#include "tests/render/render_test_util.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/test_paths.h"

namespace pipeline::render::pdf {
namespace {

using render::testing::RunTool;
using render::testing::StripSpaces;
using render::testing::WriteTemp;

constexpr const char* kGbsn = "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf";
constexpr const char* kNotoSans = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr const char* kNotoSerifBold = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc";

Layout RepoLayout() {
  RealFileSystem fs;
  Result<Layout> l =
      LoadLayout(fs, JoinPath(pipeline::testing::RepoRoot(), "templates/layout.xml"));
  EXPECT_TRUE(l.ok()) << l.status().ToString();
  return l.ok() ? *l : Layout();
}

FontConfig RepoFonts() {
  RealFileSystem fs;
  Result<FontConfig> c =
      LoadFontConfig(fs, JoinPath(pipeline::testing::RepoRoot(), "templates/fonts.xml"));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : FontConfig();
}

// Engine pieces wired together as DocumentRenderer does.
struct Engine {
  Layout layout = RepoLayout();
  FontSet fonts{RepoFonts()};
  FontEmbedder embedder;
  std::unique_ptr<LineBreaker> breaker;
  Engine() {
    auto b = LineBreaker::Create(layout.no_line_start, layout.no_line_end);
    EXPECT_TRUE(b.ok());
    breaker = std::move(*b);
  }
  Result<std::vector<Page>> Typeset(const render::Document& doc) {
    Typesetter t(layout, fonts, *breaker);
    return t.Typeset(doc);
  }
  Result<std::string> Write(const std::vector<Page>& pages) {
    DocumentInfo info;
    info.title = "test";
    info.creation_date = "D:20260101000000+08'00'";
    return WritePdf(pages, info, fonts, embedder);
  }
};

render::Document BodyDocument(const std::string& text, int paragraphs) {
  render::Document doc;
  doc.name = "test";
  doc.page_number_format = "— {page} —";
  for (int i = 0; i < paragraphs; ++i) {
    render::Paragraph p;
    p.text = text;
    doc.blocks.push_back(p);
  }
  return doc;
}

const std::string kLong =
    "根据《吉林省职业技能等级认定机构评估备案办法》有关规定，技术评估专家组对申请单位提交的备案材料"
    "进行了"
    "初审，并于2026年11月25日赴现场进行了实地核查，现将初评意见报告如下，请审阅。";

// ---------------------------------------------------------------- fonts

TEST(FontSetTest, TtcFaceSelectsSimplifiedChinese) {
  Result<std::unique_ptr<Font>> sc = Font::Load({kNotoSans, 2});
  Result<std::unique_ptr<Font>> jp = Font::Load({kNotoSans, 0});
  ASSERT_OK(sc);
  ASSERT_OK(jp);
  EXPECT_EQ((*sc)->postscript_name(), "NotoSansCJKsc-Regular");
  EXPECT_EQ((*jp)->postscript_name(), "NotoSansCJKjp-Regular");
  EXPECT_TRUE((*sc)->is_cff());
}

TEST(FontSetTest, MissingFaceIndexIsAnError) {
  Result<std::unique_ptr<Font>> f = Font::Load({kGbsn, 3});
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().ToString().find("face index 3 does not exist"), std::string::npos);
}

TEST(FontSetTest, MissingFontFileNamesPathAndRole) {
  FontConfig config;
  config.roles["body"] = {"/nonexistent/fangsong.ttf", 0};
  FontSet set(config);
  Result<GlyphRef> g = set.Resolve("body", U'一');
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().ToString(),
            "/nonexistent/fangsong.ttf: font for role \"body\": cannot open font file");
}

TEST(FontSetTest, MissingGlyphFallsBackToNextFont) {
  FontConfig config;
  config.roles["body"] = {kGbsn, 0};
  config.fallbacks.push_back({kNotoSans, 2});
  FontSet set(config);
  Result<GlyphRef> common = set.Resolve("body", U'一');
  Result<GlyphRef> traditional = set.Resolve("body", U'體');  // not in GB2312
  ASSERT_OK(common);
  ASSERT_OK(traditional);
  EXPECT_EQ(set.font(common->font).spec().path, kGbsn);
  EXPECT_EQ(set.font(traditional->font).spec().path, kNotoSans);
}

// A character no configured font has is drawn as 〓 (U+3013), never .notdef, and recorded;
// control, private-use and U+FFFD are never drawn as whatever a font has for them.
TEST(FontSetTest, CharacterInNoFontIsDrawnAsGetaAndRecorded) {
  FontConfig config;
  config.roles["body"] = {kGbsn, 0};
  config.fallbacks.push_back({kNotoSans, 2});
  FontSet set(config);
  Result<GlyphRef> geta = set.Resolve("body", U'\u3013');
  ASSERT_OK(geta);
  ASSERT_NE(geta->gid, 0u);
  EXPECT_TRUE(set.missing().empty());
  for (char32_t cp : {U'\u0E01', U'\uE000', U'\u0001', U'\u001B', U'\uFFFD', U'\U000F0000'}) {
    Result<GlyphRef> g = set.Resolve("body", cp);
    ASSERT_OK(g);
    EXPECT_EQ(g->font, geta->font) << static_cast<unsigned>(cp);
    EXPECT_EQ(g->gid, geta->gid) << static_cast<unsigned>(cp);
  }
  EXPECT_EQ(set.missing(), (std::set<char32_t>{U'\u0001', U'\u001B', U'\u0E01', U'\uE000',
                                               U'\uFFFD', U'\U000F0000'}));
  ASSERT_OK(set.Resolve("body", U'一'));
  EXPECT_EQ(set.missing().size(), 6u);
  set.ClearMissing();
  EXPECT_TRUE(set.missing().empty());
}

TEST(FontSetTest, ConfigErrorsNameFileAndLine) {
  std::string dir = pipeline::testing::MakeTempDir();
  RealFileSystem fs;
  std::string path = JoinPath(dir, "fonts.xml");
  ASSERT_OK(fs.WriteFile(path, "<fonts>\n  <font path=\"a.ttf\"/>\n</fonts>\n"));
  Result<FontConfig> c = LoadFontConfig(fs, path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().ToString(), path + ":2: <font> needs role=");
}

// Draws `text` with each font; the PDF must extract back and list the expected font types.
TEST(PdfFontEmbeddingTest, TrueTypeAndCffSubsetsRoundTrip) {
  FontConfig config;
  config.roles["ttf"] = {kGbsn, 0};
  config.roles["cff"] = {kNotoSerifBold, 2};
  FontSet set(config);
  FontEmbedder embedder;
  const std::string text = "初评意见ABC-123，“认定”。";
  Page page;
  double y = 700;
  for (const char* role : {"ttf", "cff"}) {
    TextRun run;
    run.x = 80;
    run.y = y;
    y -= 40;
    double x = 0;
    for (char32_t cp : DecodeUtf8(text)) {
      Result<GlyphRef> g = set.Resolve(role, cp);
      ASSERT_OK(g);
      run.font = g->font;
      run.glyphs.push_back({g->gid, cp, x});
      x += 16;
    }
    page.runs.push_back(run);
  }
  DocumentInfo info;
  Result<std::string> pdf = WritePdf({page}, info, set, embedder);
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf);
  std::string fonts = RunTool("pdffonts", "", path);
  EXPECT_NE(fonts.find("+BousungEG-Light-GB"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("CID TrueType"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("+NotoSerifCJKsc-Bold"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("CID Type 0C"), std::string::npos) << fonts;
  // emb, sub and uni are all "yes" for both fonts.
  EXPECT_EQ(std::count(fonts.begin(), fonts.end(), '\n'), 4);
  for (const char* name : {"BousungEG", "NotoSerif"}) {
    std::size_t at = fonts.find(name);
    std::string line = fonts.substr(at, fonts.find('\n', at) - at);
    EXPECT_NE(line.find("yes yes yes"), std::string::npos) << line;
  }
  std::string extracted = StripSpaces(RunTool("pdftotext", "", path));
  EXPECT_EQ(extracted, StripSpaces(text + text));
  EXPECT_LT(pdf->size(), 40000u);
}

// ---------------------------------------------------------------- 禁则 and justification

struct KinsokuCase {
  const char* text;
  std::size_t width;  // characters per line (all characters 1 unit wide)
  const char* want;   // lines joined with '|'
};

TEST(KinsokuTest, LinesNeverStartWithClosingOrEndWithOpeningMarks) {
  const KinsokuCase cases[] = {
      // closing marks stay with the character before them
      {"一二三四，五六", 4, "一二三|四，五六"},
      {"一二三四。五六", 4, "一二三|四。五六"},
      {"一二三四、五六", 4, "一二三|四、五六"},
      {"一二三四）五六", 4, "一二三|四）五六"},
      {"一二三四》五六", 4, "一二三|四》五六"},
      {"一二三四”五六", 4, "一二三|四”五六"},
      {"一二三四：五六", 4, "一二三|四：五六"},
      // opening marks stay with the character after them
      {"一二三（四五六", 4, "一二三|（四五六"},
      {"一二三《四五六", 4, "一二三|《四五六"},
      {"一二三“四五六", 4, "一二三|“四五六"},
      {"一二三〔四五六", 4, "一二三|〔四五六"},
      // digit runs and Latin words are not split
      {"一二2026年", 4, "一二|2026|年"},
      {"一二ABCD五", 5, "一二|ABCD五"},
      // plain text fills the line
      {"一二三四五六七八", 4, "一二三四|五六七八"},
      {"", 4, ""},
  };
  Layout layout = RepoLayout();
  auto breaker = LineBreaker::Create(layout.no_line_start, layout.no_line_end);
  ASSERT_OK(breaker);
  for (const KinsokuCase& c : cases) {
    SCOPED_TRACE(c.text);
    std::u32string text;
    for (char32_t cp : DecodeUtf8(c.text)) text += cp;
    std::vector<double> widths(text.size(), 1.0);
    std::vector<LineSpan> lines =
        (*breaker)->Fill(text, widths, static_cast<double>(c.width), static_cast<double>(c.width));
    std::string got;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (i > 0) got += '|';
      for (std::size_t k = lines[i].begin; k < lines[i].end; ++k) AppendUtf8(text[k], got);
    }
    EXPECT_EQ(got, c.want);
  }
}

// Issue 7: a long unbreakable run (a registration number, in brackets or after a colon) does
// not leave the line before it short, to be letter-spaced across the full width: the run is
// split. An 18-character credit code is the exception (issue 20, LineFillTest below).
TEST(KinsokuTest, Issue7LongCodeRunDoesNotLeaveLineMostlyEmpty) {
  Layout layout = RepoLayout();
  auto breaker = LineBreaker::Create(layout.no_line_start, layout.no_line_end);
  ASSERT_OK(breaker);
  for (const char32_t* t :
       {U"申请单位名称：长春鼎新职业技能培训学校（220102000012345）；法定代表人",
        U"原工商注册号：220581000012345678901；法定代表人：宋丽华"}) {
    std::u32string text = t;
    SCOPED_TRACE(text.size());
    std::vector<double> widths;
    for (char32_t c : text) widths.push_back(c < 0x80 ? 8.0 : 16.0);
    const double line = 16.0 * 13;
    std::vector<LineSpan> lines = (*breaker)->Fill(text, widths, line, line);
    ASSERT_GE(lines.size(), 2u);
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      EXPECT_GE(LineBreaker::SpanWidth(text, widths, lines[i]), 0.85 * line) << "line " << i;
    }
  }
}

TEST(KinsokuTest, EarlyBrokenLineIsJustifiedAcrossAllGaps) {
  std::u32string text = U"一二三，四";
  std::vector<double> widths(text.size(), 10.0);
  // A line of 3 characters justified to 40 units: 2 gaps share 10 units.
  std::vector<double> x = LineBreaker::Positions(text, widths, {0, 3}, 40.0, true);
  ASSERT_EQ(x.size(), 3u);
  EXPECT_DOUBLE_EQ(x[0], 0);
  EXPECT_DOUBLE_EQ(x[1], 15);
  EXPECT_DOUBLE_EQ(x[2], 30);
  EXPECT_DOUBLE_EQ(x[2] + widths[2], 40);
  // Gaps inside a Latin word are not stretched while other gaps exist.
  std::u32string mixed = U"一AB二";
  std::vector<double> w2(mixed.size(), 10.0);
  std::vector<double> x2 = LineBreaker::Positions(mixed, w2, {0, 4}, 50.0, true);
  EXPECT_DOUBLE_EQ(x2[2] - x2[1], 10);  // A -> B unchanged
  EXPECT_DOUBLE_EQ(x2[3] + 10, 50);
}

TEST(TitleBreakTest, TitleLinesAreBalancedNotGreedy) {
  auto breaker = LineBreaker::Create("，。、；：？！）》」", "（《「");
  ASSERT_OK(breaker);
  struct Case {
    const char32_t* text;
    std::size_t per_line;           // characters that fit on a line
    std::vector<std::size_t> want;  // characters per line
  } cases[] = {
      // 34 characters, 20 per line: greedy gives 20 + 14, balanced 17 + 17.
      {U"关于长春市鼎新职业技能培训学校职业技能等级认定机构备案申请的初评意见", 20, {17, 17}},
      // 35 characters: 18 + 17, the earlier line the longer.
      {U"关于吉林市松江化工装备有限公司职业技能等级认定机构备案申请的初评意见书", 20, {18, 17}},
      // One line stays one line.
      {U"补正材料通知书", 20, {7}},
      // Balanced, but never against 禁则: 10 + 10 would start line 2 with the comma, so the
      // comma stays on line 1 (11 + 9; the tie with 9 + 11 goes to the longer first line).
      {U"一二三四五六七八九十，一二三四五六七八九", 12, {11, 9}},
  };
  for (const Case& c : cases) {
    std::u32string text = c.text;
    SCOPED_TRACE(text.size());
    std::vector<double> widths(text.size(), 22.0);
    std::vector<LineSpan> lines =
        (*breaker)->Balance(text, widths, 22.0 * static_cast<double>(c.per_line));
    std::vector<std::size_t> got;
    for (const LineSpan& l : lines) got.push_back(l.end - l.begin);
    EXPECT_EQ(got, c.want);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_NE(text[lines[i].begin], U'，');
    }
  }
}

TEST(TitleBreakTest, TitleLinesBreakBetweenWordsAndNeverInsideTheName) {
  auto breaker = LineBreaker::Create("，。、；：？！）》」", "（《「");
  ASSERT_OK(breaker);
  (*breaker)->SetTitleWords({U"职业技能等级认定", U"职业技能", U"认定机构", U"备案", U"申请",
                             U"初评意见", U"自愿终止", U"终止"});
  struct Case {
    std::u32string text;
    std::vector<std::u32string> keep;
    std::vector<std::u32string> want;
  } cases[] = {
      // Balanced alone would give 关于长春市鼎新职业技能培训学校职 / 业技能等级认定…
      {U"关于长春市鼎新职业技能培训学校职业技能等级认定机构备案申请的初评意见",
       {U"长春市鼎新职业技能培训学校"},
       {U"关于长春市鼎新职业技能培训学校", U"职业技能等级认定机构备案申请的初评意见"}},
      // 自愿终止 is not split as 终 / 止, nor the name.
      {U"关于通化市鑫源汽车维修有限公司自愿终止职业技能等级认定机构备案的意见",
       {U"通化市鑫源汽车维修有限公司"},
       {U"关于通化市鑫源汽车维修有限公司自愿终止", U"职业技能等级认定机构备案的意见"}},
  };
  for (const Case& c : cases) {
    std::vector<double> widths(c.text.size(), 22.0);
    std::vector<LineSpan> lines = (*breaker)->Balance(c.text, widths, 22.0 * 20, c.keep);
    std::vector<std::u32string> got;
    for (const LineSpan& l : lines) got.push_back(c.text.substr(l.begin, l.end - l.begin));
    EXPECT_EQ(got, c.want);
  }
  // A name too long for one line is broken rather than overflowing, but still between the
  // listed words: the balanced break (15 + 15) would fall inside 职业技能.
  const std::u32string long_name = U"关于一二三四五六七八九十一职业技能二三四五六七八九十的意见";
  std::vector<double> widths(long_name.size(), 22.0);
  std::vector<LineSpan> lines =
      (*breaker)->Balance(long_name, widths, 22.0 * 20, {long_name.substr(2, 25)});
  ASSERT_EQ(lines.size(), 2u);
  for (const LineSpan& l : lines) EXPECT_LE(l.end - l.begin, 20u);
  const std::size_t word = long_name.find(U"职业技能");
  EXPECT_TRUE(lines[1].begin <= word || lines[1].begin >= word + 4) << lines[1].begin;
}

// Latin characters half a cell (5) wide, CJK a cell (10).
std::vector<double> HalfWidthLatin(const std::u32string& text) {
  std::vector<double> widths;
  for (char32_t c : text) widths.push_back(c < 0x80 ? 5.0 : 10.0);
  return widths;
}

TEST(LineFillTest, ACreditCodeIsNeverSplitAcrossLines) {
  auto breaker = LineBreaker::Create("，。、；：？！）》」", "（《「");
  ASSERT_OK(breaker);
  // The code (18 x 5) does not fit after the label on a 28-cell line, and is moved whole to the
  // next line instead of being split at the margin.
  const std::u32string text =
      U"类型：社会培训评价组织；统一社会信用代码：52222426MK4B5C6D7T；法定代表人：鞠红梅。";
  std::vector<LineSpan> lines = (*breaker)->Fill(text, HalfWidthLatin(text), 280, 280);
  const std::size_t code = text.find(U"52222426MK4B5C6D7T");
  bool whole = false;
  for (const LineSpan& l : lines) whole = whole || (l.begin <= code && code + 18 <= l.end);
  EXPECT_TRUE(whole);
  // A shorter run (a 13-character wrong code) may still be split to fill the line.
  const std::u32string short_code =
      U"类型：社会培训评价组织；统一社会信用代码：2208810001234；法定代表人。";
  std::vector<LineSpan> l2 = (*breaker)->Fill(short_code, HalfWidthLatin(short_code), 260, 260);
  ASSERT_GE(l2.size(), 2u);
  const char32_t last = short_code[l2[0].end - 1];
  EXPECT_TRUE(last >= U'0' && last <= U'9');
}

// ---------------------------------------------------------------- grid and pages

TEST(PdfLayoutTest, BodyTextSitsOnTheTwentyTwoByTwentyEightGrid) {
  Engine engine;
  Result<std::vector<Page>> pages = engine.Typeset(BodyDocument(kLong, 12));
  ASSERT_OK(pages);
  ASSERT_GE(pages->size(), 2u);
  const Page& page = (*pages)[0];
  EXPECT_NEAR(page.width, 595.28, 0.01);
  EXPECT_NEAR(page.height, 841.89, 0.01);
  const double left = 28 * kPointsPerMm, cell = 156 * kPointsPerMm / 28;
  const double pitch = 225 * kPointsPerMm / 22;
  // Body runs (page number excluded): baselines one line pitch apart, 22 per page.
  std::vector<double> baselines;
  for (const TextRun& run : page.runs) {
    if (run.y > 99.21 && (baselines.empty() || std::fabs(baselines.back() - run.y) > 0.01)) {
      baselines.push_back(run.y);
    }
  }
  ASSERT_EQ(baselines.size(), 22u);
  for (std::size_t i = 1; i < baselines.size(); ++i) {
    EXPECT_NEAR(baselines[i - 1] - baselines[i], pitch, 0.01);
  }
  // The first line is indented two cells and its CJK characters sit one cell apart; every full
  // line ends exactly at the right edge of the type area.
  const TextRun& first = page.runs[0];
  EXPECT_NEAR(first.x, left + 2 * cell, 0.01);
  EXPECT_NEAR(first.glyphs[1].x - first.glyphs[0].x, cell, 0.01);
  for (const TextRun& run : page.runs) {
    if (run.y < 99.21 || run.glyphs.size() < 20) continue;
    double end = run.x + run.glyphs.back().x + cell;
    EXPECT_NEAR(end, left + 156 * kPointsPerMm, 0.05);
  }
}

TEST(PdfLayoutTest, PdftotextSeesTheGridPositions) {
  Engine engine;
  Result<std::vector<Page>> pages = engine.Typeset(BodyDocument(kLong, 1));
  ASSERT_OK(pages);
  Result<std::string> pdf = engine.Write(*pages);
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf);
  std::string info = RunTool("pdfinfo", "", path);
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  std::string bbox = RunTool("pdftotext", "-bbox", path);
  // First word starts two cells in from the 28 mm margin.
  std::size_t at = bbox.find("<word xMin=\"");
  ASSERT_NE(at, std::string::npos);
  double x_min = std::stod(bbox.substr(at + 12));
  EXPECT_NEAR(x_min, 28 * 72 / 25.4 + 2 * 156 * 72 / 25.4 / 28, 0.5);
  EXPECT_EQ(StripSpaces(RunTool("pdftotext", "", path)), StripSpaces(kLong + "—1—"));
}

TEST(PdfLayoutTest, PageNumbersRightOnOddLeftOnEvenPages) {
  Engine engine;
  Result<std::vector<Page>> pages = engine.Typeset(BodyDocument(kLong, 20));
  ASSERT_OK(pages);
  ASSERT_GE(pages->size(), 2u);
  const double left = 28 * kPointsPerMm, right = left + 156 * kPointsPerMm;
  const double cell = 156 * kPointsPerMm / 28;
  const double bottom = 841.89 - (37 + 225) * kPointsPerMm;
  for (std::size_t p = 0; p < 2; ++p) {
    SCOPED_TRACE(p + 1);
    const TextRun& number = (*pages)[p].runs.back();
    EXPECT_LT(number.y, bottom - 7 * kPointsPerMm);
    EXPECT_NEAR(number.size, 14, 1e-9);
    if (p % 2 == 0) {
      double end = number.x + number.glyphs.back().x + 14;  // the closing dash is 1 em
      EXPECT_NEAR(end, right - cell, 0.5);
    } else {
      EXPECT_NEAR(number.x, left + cell, 0.01);
    }
  }
}

// Two blank lines, then `signer` over the 成文日期 2026年11月25日.
void AddSignature(render::Document& doc, const std::string& signer) {
  doc.blocks.push_back(render::Blank{2});
  render::Signature sig;
  sig.signers = {signer};
  sig.date = "2026年11月25日";
  doc.blocks.push_back(sig);
}

TEST(PdfLayoutTest, SignatureNeverStandsAloneOnAPage) {
  // 22 one-line paragraphs fill page 1 exactly; the blank lines and the signature that follow
  // do not fit. The signature must take the last paragraph with it to page 2 (GB/T 9704
  // 7.3.5), not stand alone there.
  Engine engine;
  render::Document doc = BodyDocument("短段落。", 22);
  AddSignature(doc, "长春市人力资源和社会保障局");
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  // Page 2: the moved paragraph, the signer, the date and the page number.
  EXPECT_EQ((*pages)[1].runs.size(), 4u);
  EXPECT_EQ((*pages)[0].runs.size(), 22u);  // 21 paragraphs and the page number
}

TEST(PdfLayoutTest, SigningLinesKeptWithTheSignatureTakeTheTextAlong) {
  // The expert group's opinion: 签字 lines (keep-with-previous) between the 正文 and the
  // signature. 20 paragraphs, a blank, 组长 line, a blank, 成员 line (page 1 full), then the
  // signature: the 签字 lines and the last paragraph move with it (GB/T 9704 7.3.5).
  Engine engine;
  render::Document doc = BodyDocument("短段落。", 20);
  for (const char* text : {"技术评估专家组组长（签字）：", "技术评估专家组成员（签字）："}) {
    doc.blocks.push_back(render::Blank{1});
    render::Paragraph p;
    p.text = text;
    p.indent_chars = 0;
    p.keep_with_prev = true;
    doc.blocks.push_back(p);
  }
  AddSignature(doc, "技术评估专家组");
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  // Page 2: the last paragraph, the two 签字 lines, signer, date, page number.
  const Page& second = (*pages)[1];
  ASSERT_EQ(second.runs.size(), 6u);
  EXPECT_EQ(second.runs.front().glyphs.front().cp, U'短');
  EXPECT_EQ((*pages)[0].runs.size(), 20u);  // 19 paragraphs and the page number
  // Without keep-with-previous the signature would take only the 成员 line along.
  for (render::Block& b : doc.blocks) {
    if (auto* p = std::get_if<render::Paragraph>(&b)) p->keep_with_prev = false;
  }
  pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_NE((*pages)[1].runs.front().glyphs.front().cp, U'短');
}

TEST(PdfLayoutTest, AttachmentNoteHangsAndBanjiSitsAtTheFootOfTheLastEvenFace) {
  Engine engine;
  render::Document doc = BodyDocument("短段落。", 2);
  render::Paragraph note;  // 附件说明: wrapped lines align with the first character of the name
  note.text =
      "附件：吉林省职业技能等级认定机构备案申请初评意见所附申报职业（工种）核查结果一览表及专家组核"
      "查记录";
  note.rest_indent_chars = 5;
  doc.blocks.push_back(note);
  doc.banji = {{"抄送：吉林省人力资源和社会保障厅", ""},
               {"长春市人力资源和社会保障局办公室", "2026年11月25日印发"}};
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  // GB/T 9704 7.5: the text fits on one face, the 版记 goes on its back (page 2, numbered).
  ASSERT_EQ(pages->size(), 2u);
  const double left = 28 * kPointsPerMm, cell = 156 * kPointsPerMm / 28;
  const double bottom = 841.89 - (37 + 225) * kPointsPerMm;
  // Text lines of a page by baseline, top to bottom, leaving out the page number (the last run).
  auto lines_of = [](const Page& page) {
    std::map<double, std::vector<const TextRun*>, std::greater<double>> lines;
    for (std::size_t i = 0; i + 1 < page.runs.size(); ++i) {
      lines[page.runs[i].y].push_back(&page.runs[i]);
    }
    return lines;
  };
  const auto first = lines_of(pages->front());
  ASSERT_EQ(first.size(), 4u);  // 2 paragraphs, the note on 2 lines; no 版记
  EXPECT_TRUE(pages->front().rules.empty());
  auto line = first.begin();
  std::advance(line, 2);  // the note's first line
  EXPECT_NEAR(line->second.front()->x, left + 2 * cell, 0.01);
  ++line;  // its second line hangs under the name, five cells in
  EXPECT_NEAR(line->second.front()->x, left + 5 * cell, 0.01);
  // Page 2: only the 版记 rows, at the foot of the 版心; the second holds the right-aligned 印发
  // date as a second run. The page number (— 2 —) is the last run, left, below the 版心.
  const Page& back = (*pages)[1];
  const auto rows = lines_of(back);
  ASSERT_EQ(rows.size(), 2u);
  auto last = std::prev(rows.end());
  EXPECT_LT(last->first, bottom + 30);
  EXPECT_GT(last->first, bottom - 1);
  EXPECT_EQ(last->second.size(), 2u);
  EXPECT_FALSE(back.rules.empty());  // the 版记 separator lines
  EXPECT_LT(back.runs.back().y, bottom);
  EXPECT_LT(back.runs.back().x, left + 2 * cell);
}

TEST(PdfLayoutTest, BanjiAfterAFullEvenFaceTakesABlankFaceAndNeitherIsNumbered) {
  Engine engine;
  // 43 lines: page 1 full, page 2 with 21 lines (no room for two 版记 rows).
  render::Document doc = BodyDocument("短段落。", 43);
  doc.banji = {{"抄送：吉林省人力资源和社会保障厅", ""},
               {"长春市人力资源和社会保障局办公室", "2026年11月25日印发"}};
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 4u);
  const double bottom = 841.89 - (37 + 225) * kPointsPerMm;
  auto has_page_number = [&](const Page& page) {
    return std::any_of(page.runs.begin(), page.runs.end(),
                       [&](const TextRun& r) { return r.y < bottom - 1; });
  };
  EXPECT_TRUE(has_page_number((*pages)[0]));
  EXPECT_TRUE(has_page_number((*pages)[1]));
  EXPECT_TRUE((*pages)[2].runs.empty()) << "the blank face";
  EXPECT_EQ((*pages)[3].runs.size(), 3u) << "the 版记 face: two rows, one with the date";
  EXPECT_FALSE(has_page_number((*pages)[3]));
  // The same text ending on a face with room for the 版记: no page added.
  doc.blocks.resize(40);
  pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  EXPECT_EQ(pages->size(), 2u);
  EXPECT_TRUE(has_page_number(pages->back()));
}

TEST(PdfLayoutTest, PlaceBanjiFaceKeepsTheBanjiOnAnEvenFace) {
  struct Case {
    std::size_t pages, used, banji;
    std::size_t want_pages, want_numbered;
  };
  for (const Case& c : std::vector<Case>{{1, 5, 0, 1, 1},
                                         {1, 5, 2, 2, 2},
                                         {2, 20, 2, 2, 2},
                                         {2, 21, 2, 4, 2},
                                         {3, 22, 3, 4, 4}}) {
    Pagination p;
    p.pages.resize(c.pages);
    p.used_on_last = c.used;
    EXPECT_EQ(PlaceBanjiFace(p, c.banji, 22), c.want_numbered) << c.pages << " " << c.used;
    EXPECT_EQ(p.pages.size(), c.want_pages) << c.pages << " " << c.used;
  }
}

TEST(PdfLayoutTest, TableHeaderRepeatsOnEveryPage) {
  Engine engine;
  render::Document doc;
  doc.name = "table";
  render::Table table;
  table.columns = {
      {12, render::Align::kCenter}, {60, render::Align::kLeft}, {84, render::Align::kLeft}};
  table.header = {"序号", "名称", "说明"};
  for (int i = 1; i <= 30; ++i) {
    table.rows.push_back(
        {std::to_string(i), "职业" + std::to_string(i),
         i == 17 ? "这一行的说明很长，需要在单元格内折行显示，并且保持整行不被拆散。" : "符合"});
  }
  doc.blocks.push_back(table);
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_GE(pages->size(), 2u);
  Result<std::string> pdf = engine.Write(*pages);
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf);
  for (std::size_t p = 1; p <= pages->size(); ++p) {
    SCOPED_TRACE(p);
    std::string text = StripSpaces(
        RunTool("pdftotext", "-f " + std::to_string(p) + " -l " + std::to_string(p), path));
    EXPECT_EQ(text.rfind("序号名称说明", 0), 0u) << text;
  }
  std::string all = StripSpaces(RunTool("pdftotext", "", path));
  // Each row appears exactly once and whole (the long row was not split across pages).
  EXPECT_NE(all.find("这一行的说明很长"), std::string::npos);
  EXPECT_NE(all.find("职业30符合"), std::string::npos) << all;
}

TEST(PdfLayoutTest, TallTableRowSplitsAtALineBoundary) {
  Engine engine;
  render::Document doc;
  doc.name = "table";
  render::Table table;
  table.columns = {{20, render::Align::kCenter}, {136, render::Align::kLeft}};
  table.header = {"序号", "内容"};
  std::string tall;
  for (int i = 0; i < 60; ++i) tall += "第" + std::to_string(i + 1) + "项内容说明文字。";
  table.rows = {{"1", "符合"}, {"2", tall}};
  doc.blocks.push_back(table);
  Result<std::vector<Page>> pages = engine.Typeset(doc);
  ASSERT_OK(pages);
  ASSERT_EQ(pages->size(), 2u);
  Result<std::string> pdf = engine.Write(*pages);
  ASSERT_OK(pdf);
  std::string path = WriteTemp(*pdf);
  std::string page2 = StripSpaces(RunTool("pdftotext", "-f 2 -l 2", path));
  EXPECT_EQ(page2.rfind("序号内容", 0), 0u) << page2;
  std::string all = StripSpaces(RunTool("pdftotext", "", path));
  EXPECT_NE(all.find("第60项内容说明文字。"), std::string::npos);
}

TEST(PdfLayoutTest, SameDocumentGivesIdenticalBytes) {
  Engine a, b;
  render::Document doc = BodyDocument(kLong, 3);
  Result<std::vector<Page>> pa = a.Typeset(doc);
  Result<std::vector<Page>> pb = b.Typeset(doc);
  ASSERT_OK(pa);
  ASSERT_OK(pb);
  Result<std::string> first = a.Write(*pa);
  Result<std::string> again = a.Write(*pa);  // cached subsets
  Result<std::string> other = b.Write(*pb);  // fresh engine
  ASSERT_OK(first);
  ASSERT_OK(again);
  ASSERT_OK(other);
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(*first, *other);
}

TEST(PdfWriterTest, NumbersAreLocaleIndependentFixedPoint) {
  std::string s;
  AppendNumber(12.5, 3, s);
  s += ' ';
  AppendNumber(3.0, 3, s);
  s += ' ';
  AppendNumber(-0.0004, 3, s);
  s += ' ';
  AppendNumber(-1.25, 2, s);
  s += ' ';
  AppendNumber(0.05, 2, s);
  EXPECT_EQ(s, "12.5 3 0 -1.25 0.05");
}

}  // namespace
}  // namespace pipeline::render::pdf
