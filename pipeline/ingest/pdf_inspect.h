// PDF inspection with qpdf (Debian libqpdf, fuzzed continuously upstream): whether an untrusted
// PDF opens as a viewer opens it (the standard security handler with the empty user password,
// so an owner password alone is fine), and how many pages its page tree holds. PoDoFo still
// writes our own PDFs; it no longer reads submitted ones (hostile files crashed it).
//
// This header includes no qpdf header on purpose: clang 14 cannot compile QPDF.hh as C++20,
// so the fuzz build compiles pdf_inspect.cc alone as C++17 (tests/fuzz/fuzz.cmake). Keep it
// to the standard library.
#ifndef PIPELINE_INGEST_PDF_INSPECT_H_
#define PIPELINE_INGEST_PDF_INSPECT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pipeline::ingest {

enum class PdfVerdict {
  kOpens,          // the empty user password (or no encryption) opens it and its pages are read
  kNeedsPassword,  // a user password, or a handler that needs more than a password
  kDamaged,        // qpdf could not read it (an exception, a page tree that is not one)
  kTooManyPages,   // more pages than the cap (not walked further)
};

struct PdfInspection {
  PdfVerdict verdict = PdfVerdict::kDamaged;
  std::string detail;     // English, for any verdict but kOpens
  std::size_t pages = 0;  // pages found (up to the cap)
};

// Inspects `pdf` (the whole file) in memory. Never throws and never prints: qpdf's warnings
// are discarded and its exceptions become kDamaged.
PdfInspection InspectPdf(std::string_view pdf, std::size_t max_pages);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_PDF_INSPECT_H_
