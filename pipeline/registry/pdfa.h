// PDF/A-2b for issued documents (ISO 19005-2, level B; the archival profile). Post-processes a
// PDF from beian's renderer, which already embeds every font as a subset with a ToUnicode map
// and writes no encryption: adds the XMP metadata (pdfaid part 2, conformance B, title, author,
// dates, producer) consistent with the Info dictionary, and an sRGB OutputIntent with the ICC
// profile embedded. Drafts stay ordinary PDFs.
#ifndef PIPELINE_REGISTRY_PDFA_H_
#define PIPELINE_REGISTRY_PDFA_H_

#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"

namespace pipeline::registry {

struct PdfAInfo {
  std::string title;   // 题名
  std::string author;  // the issuing authority
  std::string subject;
  Date date;  // 成文日期: creation and modification date (Beijing time, midnight)
};

// Where Debian's icc-profiles-free puts the sRGB profile (the setting icc_profile overrides).
inline constexpr const char* kDefaultIccProfile = "/usr/share/color/icc/sRGB.icc";

// The PDF/A-2b copy of `pdf`; `icc` is the ICC profile's bytes. Deterministic.
Result<std::string> MakePdfA2b(const std::string& pdf, const PdfAInfo& info,
                               const std::string& icc);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_PDFA_H_
