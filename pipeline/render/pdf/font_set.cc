#include "pipeline/render/pdf/font_set.h"

#include <hb-ot.h>
#include <hb.h>
#include <unicode/uchar.h>

#include <cstdio>
#include <pugixml.hpp>

#include "pipeline/core/utf8.h"
#include "pipeline/core/xml.h"

namespace pipeline::render::pdf {
namespace {

std::string ResolvePath(const std::string& config_path, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  std::string dir = DirName(config_path);
  return dir.empty() ? path : JoinPath(dir, path);
}

std::uint16_t ReadU16(const char* p) {
  return static_cast<std::uint16_t>((static_cast<unsigned>(static_cast<unsigned char>(p[0])) << 8) |
                                    static_cast<unsigned char>(p[1]));
}

std::string SafePdfName(const std::string& in) {
  std::string out;
  for (char c : in) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_') {
      out += c;
    }
  }
  return out.empty() ? std::string("Font") : out;
}

}  // namespace

Result<FontConfig> LoadFontConfig(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error().WithContext("reading font configuration");
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(path, *text, doc));
  pugi::xml_node root = doc.child("fonts");
  if (!root) return Status::InvalidData("root element must be <fonts>", path, 1);
  FontConfig config;
  config.source = path;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    int line = LineAtOffset(*text, node.offset_debug());
    std::string name = node.name();
    FontSpec spec;
    spec.path = ResolvePath(path, node.attribute("path").value());
    if (spec.path.empty()) return Status::InvalidData("<" + name + "> needs path=", path, line);
    Result<double> face = NumberAttribute(node, "face", 0, path, *text);
    if (!face) return face.error();
    if (*face < 0 || *face > 255) return Status::InvalidData("face index out of range", path, line);
    spec.face_index = static_cast<unsigned>(*face);
    if (name == "font") {
      std::string role = node.attribute("role").value();
      if (role.empty()) return Status::InvalidData("<font> needs role=", path, line);
      if (!config.roles.emplace(role, spec).second) {
        return Status::InvalidData("role \"" + role + "\" configured twice", path, line);
      }
    } else if (name == "fallback") {
      config.fallbacks.push_back(spec);
    } else if (name == "substitute") {
      config.substitutes.push_back(spec);
    } else {
      return Status::InvalidData("unknown element <" + name + ">", path, line);
    }
  }
  return config;
}

Result<std::unique_ptr<Font>> Font::Load(const FontSpec& spec) {
  std::unique_ptr<Font> font(new Font());
  font->spec_ = spec;
  font->blob_ = hb_blob_create_from_file_or_fail(spec.path.c_str());
  if (font->blob_ == nullptr) return Status::NotFound("cannot open font file", spec.path);
  unsigned faces = hb_face_count(font->blob_);
  if (spec.face_index >= faces) {
    return Status::InvalidData("font has " + std::to_string(faces) + " face(s); face index " +
                                   std::to_string(spec.face_index) + " does not exist",
                               spec.path);
  }
  font->face_ = hb_face_create(font->blob_, spec.face_index);
  font->upem_ = hb_face_get_upem(font->face_);
  hb_blob_t* cff = hb_face_reference_table(font->face_, HB_TAG('C', 'F', 'F', ' '));
  hb_blob_t* glyf = hb_face_reference_table(font->face_, HB_TAG('g', 'l', 'y', 'f'));
  font->is_cff_ = hb_blob_get_length(cff) > 0;
  bool has_glyf = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(cff);
  hb_blob_destroy(glyf);
  if (!font->is_cff_ && !has_glyf) {
    return Status::Unsupported("font has neither glyf nor CFF outlines (CFF2 is not supported)",
                               spec.path);
  }
  font->font_ = hb_font_create(font->face_);

  char name[128];
  unsigned len = sizeof(name);
  unsigned got = hb_ot_name_get_utf8(font->face_, HB_OT_NAME_ID_POSTSCRIPT_NAME,
                                     HB_LANGUAGE_INVALID, &len, name);
  font->ps_name_ = SafePdfName(got > 0 ? std::string(name, len) : std::string());

  hb_font_extents_t extents{};
  if (hb_font_get_h_extents(font->font_, &extents)) {
    font->ascender_ = extents.ascender;
    font->descender_ = extents.descender;
  }
  hb_position_t cap = 0;
  if (hb_ot_metrics_get_position(font->font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0) {
    font->cap_height_ = cap;
  } else {
    font->cap_height_ = font->ascender_;
  }
  hb_blob_t* head = hb_face_reference_table(font->face_, HB_TAG('h', 'e', 'a', 'd'));
  unsigned head_len = 0;
  const char* head_data = hb_blob_get_data(head, &head_len);
  if (head_len >= 44) {
    for (int i = 0; i < 4; ++i) {
      font->bbox_[i] = static_cast<std::int16_t>(ReadU16(head_data + 36 + 2 * i));
    }
  }
  hb_blob_destroy(head);
  return font;
}

Font::~Font() {
  if (font_ != nullptr) hb_font_destroy(font_);
  if (face_ != nullptr) hb_face_destroy(face_);
  if (blob_ != nullptr) hb_blob_destroy(blob_);
}

std::uint32_t Font::GlyphFor(char32_t cp) const {
  hb_codepoint_t gid = 0;
  if (!hb_font_get_nominal_glyph(font_, static_cast<hb_codepoint_t>(cp), &gid)) return 0;
  return gid;
}

int Font::Advance(std::uint32_t gid) const { return hb_font_get_glyph_h_advance(font_, gid); }

FontSet::FontSet(FontConfig config) : config_(std::move(config)) {}

Result<int> FontSet::LoadSpec(const FontSpec& spec, const std::string& what) {
  auto key = std::make_pair(spec.path, spec.face_index);
  auto it = index_by_spec_.find(key);
  if (it != index_by_spec_.end()) return it->second;
  Result<std::unique_ptr<Font>> font = Font::Load(spec);
  if (!font) return font.error().WithContext("font for " + what);
  int index = static_cast<int>(fonts_.size());
  fonts_.push_back(std::move(*font));
  index_by_spec_.emplace(key, index);
  return index;
}

Result<int> FontSet::RoleFont(const std::string& role) {
  auto it = role_font_.find(role);
  if (it != role_font_.end()) return it->second;
  auto spec = config_.roles.find(role);
  if (spec == config_.roles.end()) {
    return Status::NotFound("no font configured for role \"" + role + "\"", config_.source);
  }
  Result<int> index = LoadSpec(spec->second, "role \"" + role + "\"");
  if (!index) return index.error();
  role_font_.emplace(role, *index);
  return *index;
}

namespace {

// Characters that are drawn as 〓 even where a font has a glyph: what a font draws for them is
// arbitrary (private use) or a symbol for a broken input (U+FFFD), not the applicant's text.
bool NeverDrawn(char32_t cp) {
  if (cp == 0xFFFD || cp > 0x10FFFF) return true;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  return type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR || type == U_UNASSIGNED ||
         type == U_SURROGATE;
}

constexpr char32_t kGeta = 0x3013;  // 〓 GETA MARK

}  // namespace

Result<GlyphRef> FontSet::Resolve(const std::string& role, char32_t cp) {
  if (cp != kGeta && NeverDrawn(cp)) {
    missing_.insert(cp);
    return ResolveGeta(role, cp);
  }
  Result<std::optional<GlyphRef>> found = ResolveInChain(role, cp);
  if (!found) return found.error();  // a font that cannot be loaded
  if (found->has_value()) return **found;
  missing_.insert(cp);
  return ResolveGeta(role, cp);
}

Result<GlyphRef> FontSet::ResolveGeta(const std::string& role, char32_t original) {
  Result<std::optional<GlyphRef>> geta = ResolveInChain(role, kGeta);
  if (!geta) return geta.error();
  if (geta->has_value()) {
    GlyphRef ref = **geta;
    ref.geta = true;
    return ref;
  }
  char code[16];
  std::snprintf(code, sizeof(code), "U+%04X", static_cast<unsigned>(original));
  std::string ch;
  AppendUtf8(original, ch);
  return Status::NotFound(std::string("no configured font has ") + code + " '" + ch +
                          "' nor U+3013 to stand for it (role \"" + role + "\")");
}

Result<std::optional<GlyphRef>> FontSet::ResolveInChain(const std::string& role, char32_t cp) {
  Result<int> primary = RoleFont(role);
  if (!primary) return primary.error();
  std::uint32_t gid = fonts_[static_cast<std::size_t>(*primary)]->GlyphFor(cp);
  if (gid != 0) return std::optional<GlyphRef>(GlyphRef{*primary, gid});
  for (std::size_t i = 0; i < config_.fallbacks.size(); ++i) {
    Result<int> index = LoadSpec(config_.fallbacks[i], "fallback " + std::to_string(i + 1));
    if (!index) return index.error();
    gid = fonts_[static_cast<std::size_t>(*index)]->GlyphFor(cp);
    if (gid != 0) return std::optional<GlyphRef>(GlyphRef{*index, gid});
  }
  return std::optional<GlyphRef>();
}

}  // namespace pipeline::render::pdf
