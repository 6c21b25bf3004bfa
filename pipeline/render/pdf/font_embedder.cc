#include "pipeline/render/pdf/font_embedder.h"

#include <hb-subset.h>
#include <hb.h>

#include <memory>

#include "pipeline/core/text.h"

namespace pipeline::render::pdf {
namespace {

struct Reader {
  const unsigned char* data;
  std::size_t size;
  bool ok = true;
  unsigned U8(std::size_t at) {
    if (at >= size) {
      ok = false;
      return 0;
    }
    return data[at];
  }
  unsigned U16(std::size_t at) { return (U8(at) << 8) | U8(at + 1); }
  std::uint32_t Offset(std::size_t at, unsigned off_size) {
    std::uint32_t v = 0;
    for (unsigned i = 0; i < off_size; ++i) v = (v << 8) | U8(at + i);
    return v;
  }
};

// A CFF INDEX at `at`: returns the position after it; sets first data start/len of entry 0.
std::size_t SkipIndex(Reader& r, std::size_t at, std::size_t* first_start, std::size_t* first_len,
                      unsigned* count_out) {
  unsigned count = r.U16(at);
  if (count_out != nullptr) *count_out = count;
  if (count == 0) return at + 2;
  unsigned off_size = r.U8(at + 2);
  if (off_size < 1 || off_size > 4) {
    r.ok = false;
    return at;
  }
  std::size_t offsets = at + 3;
  std::size_t data_base = offsets + (count + 1) * off_size - 1;
  std::uint32_t first = r.Offset(offsets, off_size);
  std::uint32_t second = r.Offset(offsets + off_size, off_size);
  std::uint32_t last = r.Offset(offsets + count * off_size, off_size);
  if (first_start != nullptr) *first_start = data_base + first;
  if (first_len != nullptr) *first_len = second >= first ? second - first : 0;
  return data_base + last;
}

// Reads the Top DICT of a CFF table: whether it is CID-keyed (ROS present), the charset offset
// and the CharStrings offset. Then the charset gives the CID of every glyph.
// Returns false when the table cannot be parsed.
bool ReadCffCharset(const std::string& cff, bool* cid_keyed, std::vector<std::uint32_t>* cids) {
  Reader r{reinterpret_cast<const unsigned char*>(cff.data()), cff.size()};
  std::size_t at = r.U8(2);                          // hdrSize
  at = SkipIndex(r, at, nullptr, nullptr, nullptr);  // Name INDEX
  std::size_t dict_start = 0, dict_len = 0;
  SkipIndex(r, at, &dict_start, &dict_len, nullptr);  // Top DICT INDEX
  if (!r.ok) return false;
  long operands[48];
  int n = 0;
  long charset = 0, charstrings = 0;
  *cid_keyed = false;
  std::size_t p = dict_start, end = dict_start + dict_len;
  while (p < end && r.ok) {
    unsigned b0 = r.U8(p);
    if (b0 <= 21) {
      unsigned op = b0;
      ++p;
      if (b0 == 12) {
        op = 1200 + r.U8(p);
        ++p;
      }
      if (op == 1230) *cid_keyed = true;  // ROS
      if (op == 15 && n > 0) charset = operands[n - 1];
      if (op == 17 && n > 0) charstrings = operands[n - 1];
      n = 0;
      continue;
    }
    long v = 0;
    if (b0 >= 32 && b0 <= 246) {
      v = static_cast<long>(b0) - 139;
      p += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      v = (static_cast<long>(b0) - 247) * 256 + r.U8(p + 1) + 108;
      p += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      v = -(static_cast<long>(b0) - 251) * 256 - r.U8(p + 1) - 108;
      p += 2;
    } else if (b0 == 28) {
      v = static_cast<std::int16_t>(r.U16(p + 1));
      p += 3;
    } else if (b0 == 29) {
      v = static_cast<std::int32_t>((r.U16(p + 1) << 16) | r.U16(p + 3));
      p += 5;
    } else if (b0 == 30) {  // real number: skip nibbles until 0xf
      ++p;
      while (p < end) {
        unsigned b = r.U8(p++);
        if ((b & 0x0f) == 0x0f || (b >> 4) == 0x0f) break;
      }
    } else {
      return false;
    }
    if (n < 48) operands[n++] = v;
  }
  if (!r.ok || charstrings <= 0) return false;
  unsigned glyphs = 0;
  SkipIndex(r, static_cast<std::size_t>(charstrings), nullptr, nullptr, &glyphs);
  cids->assign(glyphs, 0);
  if (!*cid_keyed) {
    for (unsigned g = 0; g < glyphs; ++g) (*cids)[g] = g;
    return r.ok;
  }
  if (charset <= 2) {  // predefined charsets are not used by CID-keyed fonts; treat as identity
    for (unsigned g = 0; g < glyphs; ++g) (*cids)[g] = g;
    return r.ok;
  }
  std::size_t c = static_cast<std::size_t>(charset);
  unsigned format = r.U8(c++);
  unsigned g = 1;
  if (format == 0) {
    for (; g < glyphs; ++g, c += 2) (*cids)[g] = r.U16(c);
  } else if (format == 1 || format == 2) {
    while (g < glyphs && r.ok) {
      unsigned first = r.U16(c);
      unsigned left = format == 1 ? r.U8(c + 2) : r.U16(c + 2);
      c += format == 1 ? 3 : 4;
      for (unsigned k = 0; k <= left && g < glyphs; ++k) (*cids)[g++] = first + k;
    }
  } else {
    return false;
  }
  return r.ok;
}

std::string MakeTag(const Font& font, const std::set<std::uint32_t>& gids) {
  // FNV-1a over the font identity and the glyph set: content-derived, stable across runs.
  Fnv1a64 fnv;
  fnv.AddBytes(font.spec().path);
  fnv.Add(font.spec().face_index);
  for (std::uint32_t g : gids) fnv.Add(g);
  std::uint64_t h = fnv.value();
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag += static_cast<char>('A' + h % 26);
    h /= 26;
  }
  return tag;
}

// reference_table_func of a CFF font's subset source: the tables of the font's face (user_data)
// that a FontFile3 subset needs; every other tag reads as absent.
hb_blob_t* CffTablesOnly(hb_face_t* /*face*/, hb_tag_t tag, void* user_data) {
  if (tag != HB_TAG('C', 'F', 'F', ' ') && tag != HB_TAG('h', 'e', 'a', 'd') &&
      tag != HB_TAG('m', 'a', 'x', 'p')) {
    return nullptr;
  }
  return hb_face_reference_table(static_cast<hb_face_t*>(user_data), tag);
}

// The same for a TrueType font: the tables a FontFile2 program carries (font_embedder.h).
hb_blob_t* TrueTypeTablesOnly(hb_face_t* /*face*/, hb_tag_t tag, void* user_data) {
  if (tag != HB_TAG('g', 'l', 'y', 'f') && tag != HB_TAG('l', 'o', 'c', 'a') &&
      tag != HB_TAG('h', 'e', 'a', 'd') && tag != HB_TAG('h', 'h', 'e', 'a') &&
      tag != HB_TAG('h', 'm', 't', 'x') && tag != HB_TAG('m', 'a', 'x', 'p')) {
    return nullptr;
  }
  return hb_face_reference_table(static_cast<hb_face_t*>(user_data), tag);
}

void DestroyFace(void* face) { hb_face_destroy(static_cast<hb_face_t*>(face)); }

// A face showing only the tables `tables` lets through of `face`; it holds a reference to
// `face`, released with the view.
hb_face_t* TablesView(hb_face_t* face, hb_reference_table_func_t tables) {
  hb_face_t* view = hb_face_create_for_tables(tables, hb_face_reference(face), DestroyFace);
  hb_face_set_upem(view, hb_face_get_upem(face));
  hb_face_set_glyph_count(view, hb_face_get_glyph_count(face));
  return view;
}

}  // namespace

FontEmbedder::~FontEmbedder() {
  for (auto& [index, face] : sources_) hb_face_destroy(face);
}

hb_face_t* FontEmbedder::SubsetSource(const Font& font, int font_index) {
  auto done = sources_.find(font_index);
  if (done != sources_.end()) return done->second;
  hb_face_t* face = nullptr;
  if (font.is_cff()) {
    face = TablesView(font.face(), CffTablesOnly);
  } else {
    if (++subsets_of_font_[font_index] <= kPreprocessAfter) return font.face();
    hb_face_t* view = TablesView(font.face(), TrueTypeTablesOnly);
    face = hb_subset_preprocess(view);
    hb_face_destroy(view);
  }
  if (face == nullptr || face == hb_face_get_empty()) return font.face();
  sources_.emplace(font_index, face);
  return face;
}

Result<std::shared_ptr<const EmbeddedFont>> FontEmbedder::Embed(const Font& font, int font_index,
                                                                const std::set<std::uint32_t>& gids,
                                                                int flate_level) {
  ++subset_runs_;
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return Status::Internal("hb_subset_input_create_or_fail failed");
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
  hb_set_add(glyph_set, 0);
  for (std::uint32_t g : gids) hb_set_add(glyph_set, g);
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  hb_set_clear(unicodes);
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'),
        HB_TAG('v', 'h', 'e', 'a'), HB_TAG('v', 'm', 't', 'x'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H'),
        HB_TAG('V', 'D', 'M', 'X'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
        HB_TAG('E', 'B', 'D', 'T'), HB_TAG('E', 'B', 'L', 'C'), HB_TAG('E', 'B', 'S', 'C'),
        HB_TAG('S', 'T', 'A', 'T'), HB_TAG('m', 'e', 't', 'a')}) {
    hb_set_add(drop, tag);
  }
  unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE;
  if (font.is_cff()) {
    // Only the CFF table goes into the PDF: skip building the others, and flatten subroutines
    // (faster to subset and smaller for the few dozen glyphs a document uses).
    for (hb_tag_t tag :
         {HB_TAG('c', 'm', 'a', 'p'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('h', 'h', 'e', 'a'),
          HB_TAG('O', 'S', '/', '2'), HB_TAG('p', 'o', 's', 't'), HB_TAG('n', 'a', 'm', 'e'),
          HB_TAG('h', 'e', 'a', 'd'), HB_TAG('m', 'a', 'x', 'p')}) {
      hb_set_add(drop, tag);
    }
    flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE;
  } else {
    // Tables a CIDFontType2 does not use (font_embedder.h).
    for (hb_tag_t tag : {HB_TAG('c', 'm', 'a', 'p'), HB_TAG('O', 'S', '/', '2'),
                         HB_TAG('p', 'o', 's', 't'), HB_TAG('n', 'a', 'm', 'e')}) {
      hb_set_add(drop, tag);
    }
  }
  hb_subset_input_set_flags(input, flags);

  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(SubsetSource(font, font_index), input);
  hb_subset_input_destroy(input);
  if (plan == nullptr) return Status::Internal("hb-subset plan failed", font.spec().path);
  hb_face_t* subset = hb_subset_plan_execute_or_fail(plan);
  if (subset == nullptr) {
    hb_subset_plan_destroy(plan);
    return Status::Internal("hb-subset failed", font.spec().path);
  }
  auto out = std::make_shared<EmbeddedFont>();
  out->cff = font.is_cff();
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);

  std::string program;
  if (font.is_cff()) {
    hb_blob_t* cff = hb_face_reference_table(subset, HB_TAG('C', 'F', 'F', ' '));
    unsigned len = 0;
    const char* data = hb_blob_get_data(cff, &len);
    program.assign(data, len);
    hb_blob_destroy(cff);
  } else {
    hb_blob_t* blob = hb_face_reference_blob(subset);
    unsigned len = 0;
    const char* data = hb_blob_get_data(blob, &len);
    program.assign(data, len);
    hb_blob_destroy(blob);
  }
  std::vector<std::uint32_t> cids;
  bool cid_keyed = false;
  if (font.is_cff() && !ReadCffCharset(program, &cid_keyed, &cids)) {
    hb_face_destroy(subset);
    hb_subset_plan_destroy(plan);
    return Status::InvalidData("cannot read the charset of the subset CFF table", font.spec().path);
  }
  for (std::uint32_t g : gids) {
    hb_codepoint_t new_gid = hb_map_get(old_to_new, g);
    if (new_gid == HB_MAP_VALUE_INVALID) continue;
    std::uint32_t code = new_gid;
    if (font.is_cff()) code = new_gid < cids.size() ? cids[new_gid] : 0;
    out->code_for_gid.emplace(g, static_cast<std::uint16_t>(code));
  }
  hb_face_destroy(subset);
  hb_subset_plan_destroy(plan);

  out->program_length = program.size();
  out->program = FlateCompress(program, flate_level);
  out->tag = MakeTag(font, gids);
  return std::shared_ptr<const EmbeddedFont>(std::move(out));
}

}  // namespace pipeline::render::pdf
