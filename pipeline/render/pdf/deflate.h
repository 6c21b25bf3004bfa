// Flate (zlib-format DEFLATE) compression of PDF streams with libdeflate.
//
// libdeflate compresses a whole buffer at once, about 2.5 times as fast as zlib at the same
// level for the font programs and page contents a document holds, with slightly smaller
// output (bench/README.md, "PDF levers"). Its output depends only on the input, the level and
// the library version, so the same document gives the same bytes. One compressor per level is
// kept per thread and reused: it holds only work buffers, nothing of the data it compressed.
#ifndef PIPELINE_RENDER_PDF_DEFLATE_H_
#define PIPELINE_RENDER_PDF_DEFLATE_H_

#include <string>
#include <string_view>

namespace pipeline::render::pdf {

// The level beian uses for every stream it compresses (chosen by measurement, bench/README.md).
inline constexpr int kFlateLevel = 1;

// The level of every stream of an issued document. Issued documents are drawn once and
// archived, so size wins: font programs (mostly TrueType outlines, most of a PDF's bytes) ~6.5 %
// smaller than at level 1, for ~10 ms more a document. Drafts (run, watch, the registry's
// drafts) keep kFlateLevel: storing their font programs unfiltered saved ~10 % of a
// 1,000-dossier run's CPU but wrote ~45 % more bytes, and at 10,000 dossiers the disk's
// writeback made the run slower (bench/README.md).
inline constexpr int kIssuedFlateLevel = 12;

// `data` as a zlib stream (what a PDF /FlateDecode filter reads), at `level` (0..12; 0 stores).
std::string FlateCompress(std::string_view data, int level = kFlateLevel);

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_DEFLATE_H_
