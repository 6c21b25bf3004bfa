// Limits: caps that keep ingest safe on hostile or broken input (zip bombs, huge folders, forms
// nested 100,000 levels deep). Every cap that is hit becomes a FileHealth::kTooLarge or an
// ingest finding naming the file and the limit, never a crash.
//
// The defaults below are the documented defaults; an office overrides them in the `limits`
// section of templates/office.json (LoadLimits, docs/user-guide.md "Settings: limits"). A key's
// name there is the field's name here.
#ifndef PIPELINE_INGEST_LIMITS_H_
#define PIPELINE_INGEST_LIMITS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/model/form.h"

namespace pipeline::ingest {

struct Limits {
  // Largest file read into memory for probing; bigger files are kTooLarge without being read.
  std::uint64_t max_file_bytes = 128ull << 20;
  // Zip containers (docx/xlsx): total declared uncompressed size of all entries, and the most
  // bytes inflated from one entry we actually read.
  std::uint64_t max_inflated_bytes = 256ull << 20;
  std::uint64_t max_entry_bytes = 64ull << 20;
  // Largest uncompressed/compressed ratio for an entry bigger than `ratio_min_bytes`; plain
  // Office XML compresses about 5-20x, a zip bomb 1000x and more.
  std::uint64_t max_ratio = 200;
  std::uint64_t ratio_min_bytes = 1ull << 20;
  std::uint64_t max_zip_entries = 20000;
  // PDFs (read by qpdf): most pages walked in one file's page tree; more is kTooLarge. A
  // scanned dossier runs to a few hundred pages.
  std::size_t max_pdf_pages = 10000;
  // Folder walk: deepest sub-folder level; most files whose content is probed (the rest are
  // listed by name only, DossierFile::probed = false); most files listed at all.
  int max_depth = 8;
  std::size_t max_files = 5000;
  std::size_t max_listed_files = 100000;
  // Names longer than this (code points) are reported: they break Windows paths and archives.
  std::size_t max_name_chars = 120;

  // The application form (申请表.xml, or the main part of 申请表.docx).
  // Largest XML text of the form read at all (bytes); over it the form is not read (ING-018).
  std::uint64_t max_form_bytes = 16ull << 20;
  // Deepest element nesting in the form's XML; over it the form is not read (ING-018). Word
  // writes about 20 levels for a table in a table.
  int max_xml_depth = 256;
  // Tables inside table cells: deeper tables are not read (ING-019).
  int max_table_nesting = 8;
  // Content controls, runs, smart tags, hyperlinks, insertions inside each other (within one
  // paragraph or between a cell and its paragraphs): deeper content is not read (ING-019).
  int max_inline_nesting = 32;
  // Occupation rows read from one form; later rows are dropped (ING-019). The regulation puts
  // no number on it; 500 is far beyond any real application.
  std::size_t max_occupations = 500;
  // Longest value of one form cell (code points); longer values are cut there (ING-019).
  std::size_t max_value_chars = 4000;
};

// The `limits` object of the office settings file (templates/office.json), parsed from the
// whole file's JSON text. A missing section or key keeps the default; an unknown key, or a
// value that is not a whole number >= 1, fails with InvalidData naming `path` and the key (a
// typo must not silently leave a limit at its default).
Result<Limits> ParseLimits(const std::string& json_text, const std::string& path);

// Reads `path` and parses it with ParseLimits.
Result<Limits> LoadLimits(const FileSystem& fs, const std::string& path);

// Records on `form` that `limit` (set to `value`) was reached at `where`; once per limit.
void RecordLimitHit(model::FormData& form, const char* limit, std::size_t value,
                    const std::string& where, bool fatal = false);

// `text` cut to limits.max_value_chars code points, the hit recorded on `form` when it was cut.
std::string CapValue(std::string text, const Limits& limits, model::FormData& form,
                     const std::string& where);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_LIMITS_H_
