// Fonts for the PDF engine: which font file draws which text role, and the loaded faces.
//
// A FontConfig (templates/fonts.xml, or an office's own file passed with --fonts) maps each text
// role ("title", "body", "heading1", "heading2", "page_number", ... any name a template uses) to
// one font file plus face index, and lists a fallback chain. Fonts may be TrueType (glyf) .ttf,
// TrueType collections (.ttc, choose the face) or CFF-flavoured OpenType (CID-keyed or not).
//
// A FontSet owns the loaded faces for a whole process: each file is opened (mmap'ed through
// HarfBuzz) once, on first use, and reused by every document. A character the role's font lacks
// is looked up in the fallback chain in order; when no configured font has it, Resolve() fails
// naming the code point. FontSet is not thread-safe.
#ifndef PIPELINE_RENDER_PDF_FONT_SET_H_
#define PIPELINE_RENDER_PDF_FONT_SET_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace pipeline::render::pdf {

// One face of one font file.
struct FontSpec {
  std::string path;         // absolute, or relative to the config file's folder (resolved on load)
  unsigned face_index = 0;  // face inside a .ttc (Noto CJK SC = 2); 0 for plain .ttf/.otf
};

struct FontConfig {
  std::map<std::string, FontSpec> roles;  // role name -> font
  std::vector<FontSpec> fallbacks;        // tried in order when a role's font lacks a character
  // Font files that only stand in for 仿宋 / 小标宋 (<substitute path=.../>): Debian has
  // neither, and `beian issue` refuses a body or title role drawn in one (render/doc/font_guard.h).
  std::vector<FontSpec> substitutes;
  std::string source;  // config file path, for messages
};

// Reads a fonts.xml:
//   <fonts>
//     <font role="body" path="/usr/share/fonts/.../gbsn00lp.ttf" face="0"/>
//     <fallback path="..." face="2"/>
//     <substitute path="..."/>
//   </fonts>
// Errors name the file and line (bad XML, missing attribute, duplicate role).
Result<FontConfig> LoadFontConfig(const FileSystem& fs, const std::string& path);

// A loaded face. Glyph look-ups and advances go through HarfBuzz (the file is mmap'ed once).
class Font {
 public:
  // Fails with NotFound naming the path when the file cannot be opened, InvalidData when the face
  // index does not exist or the font has neither glyf nor CFF outlines.
  static Result<std::unique_ptr<Font>> Load(const FontSpec& spec);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  // Glyph id for `cp`, 0 when the font has none.
  std::uint32_t GlyphFor(char32_t cp) const;
  // Horizontal advance in font units.
  int Advance(std::uint32_t gid) const;

  const FontSpec& spec() const { return spec_; }
  bool is_cff() const { return is_cff_; }
  unsigned units_per_em() const { return upem_; }
  hb_face_t* face() const { return face_; }
  // PostScript name restricted to PDF-name-safe characters.
  const std::string& postscript_name() const { return ps_name_; }
  int ascender() const { return ascender_; }    // font units
  int descender() const { return descender_; }  // font units, negative
  int cap_height() const { return cap_height_; }
  const int* bbox() const { return bbox_; }  // xMin yMin xMax yMax, font units

 private:
  Font() = default;

  FontSpec spec_;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  bool is_cff_ = false;
  unsigned upem_ = 1000;
  std::string ps_name_;
  int ascender_ = 880;
  int descender_ = -120;
  int cap_height_ = 700;
  int bbox_[4] = {0, -120, 1000, 880};
};

// A code point resolved to a font of the FontSet and a glyph of that font.
struct GlyphRef {
  int font = -1;          // index into FontSet::font()
  std::uint32_t gid = 0;  // glyph id in that font
  bool geta = false;      // 〓 standing for a character no font has (see FontSet::Resolve)
};

class FontSet {
 public:
  explicit FontSet(FontConfig config);
  FontSet(const FontSet&) = delete;
  FontSet& operator=(const FontSet&) = delete;

  // Font index of `role`'s own font, loading it on first use. NotFound when the role is not
  // configured; the error from Font::Load (naming path and role) when the file is unusable.
  Result<int> RoleFont(const std::string& role);

  // Glyph for `cp` drawn in `role`: the role's font if it has the glyph, else the first fallback
  // that has it. When none does, and always for control characters, private-use characters,
  // unassigned code points and U+FFFD (what bad UTF-8 becomes), the glyph of 〓 (U+3013, the
  // mark Chinese printing uses for a missing character; never the font's .notdef) and `cp` is
  // added to missing(). NotFound "no configured font has U+XXXX 'c'" only when no configured
  // font has 〓 either.
  Result<GlyphRef> Resolve(const std::string& role, char32_t cp);

  // Code points drawn as 〓 since the last ClearMissing(), ascending.
  const std::set<char32_t>& missing() const { return missing_; }
  void ClearMissing() { missing_.clear(); }

  // REQUIRES: 0 <= index < number of fonts loaded so far.
  const Font& font(int index) const { return *fonts_[static_cast<std::size_t>(index)]; }
  const FontConfig& config() const { return config_; }

 private:
  Result<int> LoadSpec(const FontSpec& spec, const std::string& what);
  // The role's font, then the fallbacks; nullopt when none has `cp`, an error when a font
  // cannot be loaded.
  Result<std::optional<GlyphRef>> ResolveInChain(const std::string& role, char32_t cp);
  // 〓 standing for `original`.
  Result<GlyphRef> ResolveGeta(const std::string& role, char32_t original);

  FontConfig config_;
  std::vector<std::unique_ptr<Font>> fonts_;
  std::map<std::pair<std::string, unsigned>, int> index_by_spec_;
  std::map<std::string, int> role_font_;  // role -> index, filled on first use
  std::set<char32_t> missing_;
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_FONT_SET_H_
