#include "pipeline/render/pdf/pdf_writer.h"

#include <podofo/podofo.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <set>

#include "pipeline/render/pdf/deflate.h"

namespace pipeline::render::pdf {
namespace {

using namespace PoDoFo;  // NOLINT: adapter file, PoDoFo names only

PdfString Utf8String(const std::string& s) {
  return PdfString(reinterpret_cast<const pdf_utf8*>(s.c_str()));
}

PdfObject Int(long long v) { return PdfObject(static_cast<pdf_int64>(v)); }

void AppendHex4(std::uint32_t v, std::string& out) {
  static const char kHex[] = "0123456789ABCDEF";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(v >> shift) & 0xF];
}

void AppendUtf16Hex(char32_t cp, std::string& out) {
  if (cp >= 0x10000) {
    std::uint32_t v = static_cast<std::uint32_t>(cp) - 0x10000;
    AppendHex4(0xD800 + (v >> 10), out);
    AppendHex4(0xDC00 + (v & 0x3FF), out);
  } else {
    AppendHex4(static_cast<std::uint32_t>(cp), out);
  }
}

// What one document uses of one font.
struct FontUse {
  std::map<std::uint32_t, char32_t> unicode_for_gid;  // first character drawn with each glyph
  std::set<std::uint32_t> gids;
};

std::string ToUnicodeCMap(const std::map<std::uint16_t, char32_t>& unicode_for_code) {
  std::string s =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  auto it = unicode_for_code.begin();
  while (it != unicode_for_code.end()) {
    std::size_t n = 0;
    auto block = it;
    while (block != unicode_for_code.end() && n < 100) {
      ++block;
      ++n;
    }
    s += std::to_string(n);
    s += " beginbfchar\n";
    for (; it != block; ++it) {
      s += '<';
      AppendHex4(it->first, s);
      s += "> <";
      AppendUtf16Hex(it->second, s);
      s += ">\n";
    }
    s += "endbfchar\n";
  }
  s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return s;
}

void SetRawFlate(PdfObject* obj, const std::string& compressed) {
  PdfMemoryInputStream in(compressed.data(), static_cast<pdf_long>(compressed.size()));
  obj->GetStream()->SetRawData(&in, static_cast<pdf_long>(compressed.size()));
  obj->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
}

void SetFlate(PdfObject* obj, const std::string& data, int level) {
  SetRawFlate(obj, FlateCompress(data, level));
}

// Writes the objects of one embedded font; returns the Type0 font object.
PdfObject* WriteFont(PdfVecObjects& objects, const Font& font, const EmbeddedFont& embedded,
                     const FontUse& use, int flate_level) {
  const double scale = 1000.0 / font.units_per_em();
  const std::string base_name = embedded.tag + "+" + font.postscript_name();

  PdfObject* file = objects.CreateObject();
  SetRawFlate(file, embedded.program);
  if (embedded.cff) {
    file->GetDictionary().AddKey(PdfName::KeySubtype, PdfName("CIDFontType0C"));
  } else {
    file->GetDictionary().AddKey("Length1", Int(static_cast<long long>(embedded.program_length)));
  }

  PdfObject* descriptor = objects.CreateObject("FontDescriptor");
  PdfDictionary& fd = descriptor->GetDictionary();
  fd.AddKey("FontName", PdfName(base_name));
  fd.AddKey("Flags", Int(4));  // symbolic
  PdfArray bbox;
  for (int i = 0; i < 4; ++i) {
    bbox.push_back(static_cast<pdf_int64>(std::lround(font.bbox()[i] * scale)));
  }
  fd.AddKey("FontBBox", bbox);
  fd.AddKey("ItalicAngle", Int(0));
  fd.AddKey("Ascent", Int(std::lround(font.ascender() * scale)));
  fd.AddKey("Descent", Int(std::lround(font.descender() * scale)));
  fd.AddKey("CapHeight", Int(std::lround(font.cap_height() * scale)));
  fd.AddKey("StemV", Int(80));
  fd.AddKey(embedded.cff ? "FontFile3" : "FontFile2", file->Reference());

  // Widths of the used codes, for codes whose width differs from /DW 1000, grouped in runs of
  // consecutive codes: c [w1 w2 ...].
  std::map<std::uint16_t, pdf_int64> widths;
  std::map<std::uint16_t, char32_t> unicode_for_code;
  for (const auto& [gid, cp] : use.unicode_for_gid) {
    auto code = embedded.code_for_gid.find(gid);
    if (code == embedded.code_for_gid.end()) continue;
    unicode_for_code.emplace(code->second, cp);
    pdf_int64 w = std::lround(font.Advance(gid) * scale);
    if (w != 1000) widths.emplace(code->second, w);
  }
  PdfArray w_array;
  for (auto it = widths.begin(); it != widths.end();) {
    std::uint16_t first = it->first;
    PdfArray run;
    std::uint32_t expect = first;
    while (it != widths.end() && it->first == expect) {
      run.push_back(it->second);
      ++it;
      ++expect;
    }
    w_array.push_back(static_cast<pdf_int64>(first));
    w_array.push_back(run);
  }

  PdfObject* cid_font = objects.CreateObject("Font");
  PdfDictionary& cd = cid_font->GetDictionary();
  cd.AddKey(PdfName::KeySubtype, PdfName(embedded.cff ? "CIDFontType0" : "CIDFontType2"));
  cd.AddKey("BaseFont", PdfName(base_name));
  PdfDictionary system_info;
  system_info.AddKey("Registry", PdfString("Adobe"));
  system_info.AddKey("Ordering", PdfString("Identity"));
  system_info.AddKey("Supplement", Int(0));
  cd.AddKey("CIDSystemInfo", system_info);
  cd.AddKey("FontDescriptor", descriptor->Reference());
  cd.AddKey("DW", Int(1000));
  if (!w_array.empty()) cd.AddKey("W", w_array);
  if (!embedded.cff) cd.AddKey("CIDToGIDMap", PdfName("Identity"));

  PdfObject* to_unicode = objects.CreateObject();
  SetFlate(to_unicode, ToUnicodeCMap(unicode_for_code), flate_level);

  PdfObject* type0 = objects.CreateObject("Font");
  PdfDictionary& t0 = type0->GetDictionary();
  t0.AddKey(PdfName::KeySubtype, PdfName("Type0"));
  t0.AddKey("BaseFont", PdfName(base_name));
  t0.AddKey("Encoding", PdfName("Identity-H"));
  PdfArray descendants;
  descendants.push_back(cid_font->Reference());
  t0.AddKey("DescendantFonts", descendants);
  t0.AddKey("ToUnicode", to_unicode->Reference());
  return type0;
}

void AppendColor(const Rgb& c, const char* op, std::string& out) {
  AppendNumber(c.r, 3, out);
  out += ' ';
  AppendNumber(c.g, 3, out);
  out += ' ';
  AppendNumber(c.b, 3, out);
  out += ' ';
  out += op;
  out += '\n';
}

struct ContentContext {
  const std::map<int, std::shared_ptr<const EmbeddedFont>>* embedded;
  FontSet* fonts;
};

void AppendRun(const TextRun& run, const ContentContext& ctx, std::string& out) {
  const Font& font = ctx.fonts->font(run.font);
  const EmbeddedFont& embedded = *ctx.embedded->at(run.font);
  out += "/F";
  out += std::to_string(run.font);
  out += ' ';
  AppendNumber(run.size, 3, out);
  out += " Tf\n";
  if (run.angle_deg != 0) {
    const double kPi = 3.14159265358979323846;
    double a = run.angle_deg * kPi / 180.0;
    double c = std::cos(a), s = std::sin(a);
    for (double v : {c, s, -s, c}) {
      AppendNumber(v, 4, out);
      out += ' ';
    }
  } else {
    out += "1 0 0 1 ";
  }
  AppendNumber(run.x, 3, out);
  out += ' ';
  AppendNumber(run.y, 3, out);
  out += " Tm\n[<";
  const double to_text = 1000.0 / run.size;
  const double em = run.size / font.units_per_em();
  for (std::size_t i = 0; i < run.glyphs.size(); ++i) {
    const PlacedGlyph& g = run.glyphs[i];
    auto code = embedded.code_for_gid.find(g.gid);
    AppendHex4(code == embedded.code_for_gid.end() ? 0 : code->second, out);
    if (i + 1 < run.glyphs.size()) {
      double natural = font.Advance(g.gid) * em;
      double actual = run.glyphs[i + 1].x - g.x;
      double adjust = (natural - actual) * to_text;
      if (std::fabs(adjust) >= 0.005) {
        out += '>';
        AppendNumber(adjust, 2, out);
        out += '<';
      }
    }
  }
  out += ">]TJ\n";
}

std::string PageContent(const Page& page, const ContentContext& ctx) {
  std::string out;
  out.reserve(4096);
  if (!page.background.empty()) {
    out += "q\n";
    AppendNumber(page.background_gray, 3, out);
    out += " g\nBT\n";
    for (const TextRun& run : page.background) AppendRun(run, ctx, out);
    out += "ET\nQ\n";
  }
  Rgb stroke{-1, -1, -1};
  double width = -1;
  for (const Rule& rule : page.rules) {
    if (!(rule.color == stroke)) {
      AppendColor(rule.color, "RG", out);
      stroke = rule.color;
    }
    if (rule.width != width) {
      AppendNumber(rule.width, 3, out);
      out += " w\n";
      width = rule.width;
    }
    AppendNumber(rule.x1, 3, out);
    out += ' ';
    AppendNumber(rule.y1, 3, out);
    out += " m ";
    AppendNumber(rule.x2, 3, out);
    out += ' ';
    AppendNumber(rule.y2, 3, out);
    out += " l S\n";
  }
  if (!page.runs.empty()) {
    out += "BT\n";
    Rgb fill{0, 0, 0};
    for (const TextRun& run : page.runs) {
      if (!(run.color == fill)) {
        AppendColor(run.color, "rg", out);
        fill = run.color;
      }
      AppendRun(run, ctx, out);
    }
    out += "ET\n";
  }
  return out;
}

}  // namespace

void AppendNumber(double v, int decimals, std::string& out) {
  static const long kScale[] = {1, 10, 100, 1000, 10000};
  if (decimals < 0) decimals = 0;
  if (decimals > 4) decimals = 4;
  long scale = kScale[decimals];
  long long n = std::llround(v * static_cast<double>(scale));
  if (n == 0) {
    out += '0';
    return;
  }
  if (n < 0) {
    out += '-';
    n = -n;
  }
  out += std::to_string(n / scale);
  long long frac = n % scale;
  if (frac == 0) return;
  std::string digits = std::to_string(frac);
  digits.insert(0, static_cast<std::size_t>(decimals) - digits.size(), '0');
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  out += '.';
  out += digits;
}

Result<std::string> WritePdf(const std::vector<Page>& pages, const DocumentInfo& info,
                             FontSet& fonts, FontEmbedder& embedder, int flate_level) {
  // Collect glyph use per font, in page order (the first code point drawn with a glyph wins).
  std::map<int, FontUse> uses;
  for (const Page& page : pages) {
    for (const auto* list : {&page.background, &page.runs}) {
      for (const TextRun& run : *list) {
        FontUse& use = uses[run.font];
        for (const PlacedGlyph& g : run.glyphs) {
          use.gids.insert(g.gid);
          use.unicode_for_gid.emplace(g.gid, g.cp);
        }
      }
    }
  }
  std::map<int, std::shared_ptr<const EmbeddedFont>> embedded;
  for (const auto& [index, use] : uses) {
    Result<std::shared_ptr<const EmbeddedFont>> e =
        embedder.Embed(fonts.font(index), index, use.gids, flate_level);
    if (!e) return e.error();
    embedded.emplace(index, *e);
  }

  try {
    PdfMemDocument doc;
    PdfInfo* pdf_info = doc.GetInfo();
    if (!info.title.empty()) pdf_info->SetTitle(Utf8String(info.title));
    if (!info.author.empty()) pdf_info->SetAuthor(Utf8String(info.author));
    if (!info.subject.empty()) pdf_info->SetSubject(Utf8String(info.subject));
    if (!info.creator.empty()) pdf_info->SetCreator(PdfString(info.creator));
    if (!info.creation_date.empty()) {
      pdf_info->SetCustomKey(PdfName("CreationDate"), PdfString(info.creation_date));
    }

    PdfVecObjects& objects = doc.GetObjects();
    PdfDictionary font_resources;
    for (const auto& [index, use] : uses) {
      PdfObject* type0 =
          WriteFont(objects, fonts.font(index), *embedded.at(index), use, flate_level);
      font_resources.AddKey(PdfName("F" + std::to_string(index)), type0->Reference());
    }
    ContentContext ctx{&embedded, &fonts};
    for (const Page& page : pages) {
      PdfPage* pdf_page = doc.CreatePage(PdfRect(0, 0, page.width, page.height));
      PdfObject* contents = pdf_page->GetContents();
      SetFlate(contents, PageContent(page, ctx), flate_level);
      PdfObject* resources = pdf_page->GetResources();
      resources->GetDictionary().AddKey("Font", font_resources);
    }
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    doc.Write(&device);
    return std::string(buffer.GetBuffer(), device.GetLength());
  } catch (const PdfError& e) {
    return Status::Internal(std::string("PoDoFo: ") + PdfError::ErrorMessage(e.GetError()));
  }
}

}  // namespace pipeline::render::pdf
