// Serialises laid-out Pages into PDF bytes with PoDoFo's low-level object API.
//
// Fonts are written by hand (Type0 / Identity-H, CIDFontType2 or CIDFontType0 with a compact W
// array, FontDescriptor, FontFile2/FontFile3, ToUnicode CMap for exactly the codes used) rather
// than through PdfFontFactory, whose CreateWidth/CreateCMap walk every code point. Page content
// streams are written directly and Flate-compressed. Output is deterministic: objects are created
// in a fixed order (fonts by index, pages in order) and /Info /CreationDate comes from `info`.
#ifndef PIPELINE_RENDER_PDF_PDF_WRITER_H_
#define PIPELINE_RENDER_PDF_PDF_WRITER_H_

#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/render/pdf/font_embedder.h"
#include "pipeline/render/pdf/font_set.h"
#include "pipeline/render/pdf/page.h"

namespace pipeline::render::pdf {

// Returns the PDF file contents, every stream compressed at `flate_level`. `fonts` must hold
// every font index used by `pages`. PoDoFo errors come back as Internal; nothing throws.
Result<std::string> WritePdf(const std::vector<Page>& pages, const DocumentInfo& info,
                             FontSet& fonts, FontEmbedder& embedder, int flate_level = kFlateLevel);

// Locale-independent fixed-point formatting with at most `decimals` (<= 4) digits, trailing zeros
// removed: 12.5 -> "12.5", 3.0 -> "3", -0.004 -> "0".
void AppendNumber(double v, int decimals, std::string& out);

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_PDF_WRITER_H_
