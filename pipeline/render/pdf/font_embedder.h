// Subsetting a Font for one document with HarfBuzz hb-subset, and caching the result.
//
// The PDF engine embeds each used font as a Type0 font with Identity-H encoding. What goes into
// the file depends on the outline format:
//   - TrueType (glyf): the whole subset sfnt as FontFile2, CIDFontType2 with CIDToGIDMap
//     /Identity, so a glyph's code is its NEW glyph id in the subset.
//   - CFF: the subset's raw 'CFF ' table as FontFile3 /CIDFontType0C, CIDFontType0. hb-subset
//     (without retain-gids) keeps the ORIGINAL CIDs in a CID-keyed CFF's charset, and a viewer
//     maps code -> CID -> glyph through that charset, so a glyph's code is the CID read back from
//     the subset's charset (for Noto CJK, CID == original GID). For a name-keyed CFF the code is
//     the new glyph id.
// Font programs are Flate-compressed once; the cache is keyed by (font, glyph set), so a batch of
// documents that use the same characters subsets each font only once.
#ifndef PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_
#define PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/render/pdf/font_set.h"

namespace pipeline::render::pdf {

struct EmbeddedFont {
  bool cff = false;
  std::string program;              // Flate-compressed font program (FontFile2 or FontFile3 data)
  std::size_t program_length = 0;   // uncompressed length (/Length1 for FontFile2)
  std::string tag;                  // six upper-case letters, derived from font + glyph set only
  std::map<std::uint32_t, std::uint16_t> code_for_gid;  // original gid -> 2-byte PDF code
};

class FontEmbedder {
 public:
  FontEmbedder() = default;
  FontEmbedder(const FontEmbedder&) = delete;
  FontEmbedder& operator=(const FontEmbedder&) = delete;

  // Subsets `font` (index `font_index` in its FontSet) to `gids` (original glyph ids; .notdef
  // is always kept). Internal on HarfBuzz failure. The returned object stays valid while the
  // caller holds it, even after it leaves the cache.
  Result<std::shared_ptr<const EmbeddedFont>> Embed(const Font& font, int font_index,
                                                    const std::set<std::uint32_t>& gids);

 private:
  using Key = std::pair<int, std::vector<std::uint32_t>>;
  static constexpr std::size_t kMaxEntries = 16;
  std::map<Key, std::shared_ptr<const EmbeddedFont>> cache_;
  std::deque<Key> order_;  // insertion order, oldest first (eviction is deterministic)
};

// Flate-compresses `data` with PoDoFo's filter (zlib).
Result<std::string> FlateCompress(const std::string& data);

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_
