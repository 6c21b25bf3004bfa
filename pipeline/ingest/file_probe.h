// File health probing: what a file really is (by content, not only its extension) and whether
// it can be opened: PDF header/trailer/encryption, JPEG SOI/EOI, PNG signature/IEND, OOXML zip
// structure and required parts (with zip-bomb caps), XML well-formedness. PDFs are read by qpdf
// (pdf_inspect.h), never by PoDoFo.
//
// Pure functions over bytes already read, so they are table-testable without any disk.
#ifndef PIPELINE_INGEST_FILE_PROBE_H_
#define PIPELINE_INGEST_FILE_PROBE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "pipeline/ingest/limits.h"
#include "pipeline/model/dossier.h"

namespace pipeline::ingest {

struct Probe {
  model::FileFormat format = model::FileFormat::kOther;  // by content when recognisable
  model::FileHealth health = model::FileHealth::kOk;
  std::string detail;     // English, for a non-OK health
  std::size_t pages = 0;  // a PDF's pages (qpdf's page tree walk), 0 for other formats
};

// The format an extension promises ("x.PDF" -> kPdf; ".jpg"/".jpeg" -> kJpeg); kOther for any
// other extension.
model::FileFormat FormatFromExtension(std::string_view file_name);

// The format the leading bytes announce (zip containers are told apart by their parts);
// kOther when unknown.
model::FileFormat SniffFormat(std::string_view bytes, const Limits& limits);

// Probes `bytes`, the whole content of `file_name` (a base name or path; only its extension is
// used). Never fails: every problem is a health value.
Probe ProbeFile(std::string_view file_name, std::string_view bytes, const Limits& limits);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FILE_PROBE_H_
