// Subsetting a Font for one document with HarfBuzz hb-subset.
//
// The PDF engine embeds each used font as a Type0 font with Identity-H encoding. What goes into
// the file depends on the outline format:
//   - TrueType (glyf): the whole subset sfnt as FontFile2, CIDFontType2 with CIDToGIDMap
//     /Identity, so a glyph's code is its NEW glyph id in the subset. The sfnt holds only the
//     tables a viewer draws a CIDFontType2 from (glyf, loca, head, hhea, hmtx, maxp; PDF
//     32000-1, 9.9): no cmap, OS/2, post or name (no viewer reads them for a CID font; iText
//     writes the same set), and no hinting.
//   - CFF: the subset's raw 'CFF ' table as FontFile3 /CIDFontType0C, CIDFontType0. hb-subset
//     (without retain-gids) keeps the ORIGINAL CIDs in a CID-keyed CFF's charset, and a viewer
//     maps code -> CID -> glyph through that charset, so a glyph's code is the CID read back from
//     the subset's charset (for Noto CJK, CID == original GID). For a name-keyed CFF the code is
//     the new glyph id.
// Font programs are Flate-compressed at the level the document asks for (deflate.h).
//
// Nothing of one document is kept for the next: every Embed() subsets afresh. What the embedder
// keeps per process is per FONT, the same for every document: the face hb-subset plans from
// (SubsetSource).
#ifndef PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_
#define PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "pipeline/core/status.h"
#include "pipeline/render/pdf/deflate.h"
#include "pipeline/render/pdf/font_set.h"

namespace pipeline::render::pdf {

struct EmbeddedFont {
  bool cff = false;
  std::string program;             // Flate-compressed font program (FontFile2 or FontFile3 data)
  std::size_t program_length = 0;  // uncompressed length (/Length1 for FontFile2)
  std::string tag;                 // six upper-case letters, derived from font + glyph set only
  std::map<std::uint32_t, std::uint16_t> code_for_gid;  // original gid -> 2-byte PDF code
};

class FontEmbedder {
 public:
  FontEmbedder() = default;
  ~FontEmbedder();
  FontEmbedder(const FontEmbedder&) = delete;
  FontEmbedder& operator=(const FontEmbedder&) = delete;

  // Subsets `font` (index `font_index` in its FontSet) to `gids` (original glyph ids; .notdef
  // is always kept) and compresses the program at `flate_level`. Internal on HarfBuzz failure.
  Result<std::shared_ptr<const EmbeddedFont>> Embed(const Font& font, int font_index,
                                                    const std::set<std::uint32_t>& gids,
                                                    int flate_level = kFlateLevel);

  // Number of hb-subset runs so far (for tests and the benchmark).
  int subset_runs() const { return subset_runs_; }
  // Number of subset sources built so far (at most one per font; for tests).
  int sources_built() const { return static_cast<int>(sources_.size()); }

 private:
  // The face hb-subset plans from, built once per font on first need (whole-font data, the same
  // for every document):
  //   - TrueType: after kPreprocessAfter subsets, hb_subset_preprocess's copy of a face showing
  //     only the tables a FontFile2 program carries (tables and accelerators built once; the
  //     subset bytes are those of planning from the font's own face). Without the character
  //     map in the source, planning no longer walks all of it for every document (plan 157 ->
  //     89 us a subset). A one-document process does not pay for it.
  //   - CFF: a face that shows hb-subset only the tables a FontFile3 needs ('CFF ', 'head',
  //     'maxp'), read from the font's own memory. Planning from the whole face re-reads its
  //     65k-entry cmap for every document (and its variation sequences add variant glyphs the
  //     document never draws); preprocessing it instead would cost ~500 MB for Noto CJK
  //     (bench/README.md).
  hb_face_t* SubsetSource(const Font& font, int font_index);

  int subset_runs_ = 0;
  static constexpr int kPreprocessAfter = 2;
  std::map<int, int> subsets_of_font_;  // font index -> subsets run so far (TrueType)
  std::map<int, hb_face_t*> sources_;   // font index -> owned subset source face
};

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_FONT_EMBEDDER_H_
