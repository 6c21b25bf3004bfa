// Dossier: one applicant's folder as ingest found it: its files, their health, and the
// application form read into labelled cells (FormData). Produced by ingest::LoadDossier.
#ifndef PIPELINE_MODEL_DOSSIER_H_
#define PIPELINE_MODEL_DOSSIER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/model/finding.h"
#include "pipeline/model/form.h"

namespace pipeline::model {

// What a file really is, judged by its content (magic bytes), not only its extension.
// Legacy Office (OLE2 compound files) is told apart by the streams inside (WordDocument,
// Workbook, PowerPoint Document); WPS's .wps/.et/.dps count as .doc/.xls/.ppt.
enum class FileFormat {
  kPdf,
  kJpeg,
  kPng,
  kDocx,
  kXlsx,
  kXml,
  kOther,
  kOfd,   // GB/T 33190 e-document: a zip with OFD.xml at the root
  kTiff,  // II*\0 / MM\0*
  kHeic,  // ISO BMFF with brand heic/heix/mif1/msf1
  kWebp,  // RIFF....WEBP
  kDoc,   // legacy Word (OLE2 with a WordDocument stream)
  kXls,   // legacy Excel (OLE2 with a Workbook/Book stream)
  kPpt,   // legacy PowerPoint (OLE2 with a "PowerPoint Document" stream)
};

enum class FileHealth {
  kOk,
  kEmpty,        // 0 bytes
  kCorrupt,      // structure broken (bad zip, bad XML, PDF without header/trailer, bad image)
  kTruncated,    // ends early (PDF without %%EOF, zip without central directory, JPEG without EOI)
  kWrongFormat,  // extension says one thing, content another
  kEncrypted,    // password-protected PDF or OOXML
  kTooLarge,     // over the size or inflation caps (zip bomb)
  kUnsupported,  // a format no checklist accepts (e.g. .exe)
};

// "pdf", "jpeg", "png", "docx", "xlsx", "xml", "other", "ofd", "tiff", "heic", "webp", "doc",
// "xls", "ppt".
const char* FileFormatName(FileFormat f);
// How a letter names the kind of file to send again ("PDF", "JPG", "Word", "Excel", ...; ""
// for kOther): what a message puts before its word for file, e.g. {kind} in ING-031.
const char* FileFormatLabel(FileFormat f);
const char* FileHealthName(FileHealth h);  // "ok", "empty", "corrupt", ...

struct DossierFile {
  // Relative to the dossier folder, '/'-separated, raw bytes; for a file inside an archive,
  // the archive's path, '/', and the entry's raw name.
  std::string path;
  // What reports show: `name` made printable (invalid UTF-8 shown as \xAB); for a file inside
  // an archive `附件.zip › 3、场地证明.pdf` (display text only: see `archive` and `entry`).
  std::string display_path;
  // The decoded dossier-relative path titles are read from (a GBK name decoded; inside
  // `附件.zip`, `附件/3、场地证明.pdf`). Empty: `path` is used.
  std::string name;
  // Set for a file inside an archive (ingest/archives.h): the archive's raw path in the dossier
  // and the entry's raw name in it (for opening), and the entry's decoded name.
  std::string archive;
  std::string entry;
  std::string entry_name;
  // How the file's own name was decoded: "utf-8", "gb18030", "cp437" or "unknown".
  std::string name_encoding = "utf-8";
  std::uint64_t size = 0;
  FileFormat format = FileFormat::kOther;
  FileHealth health = FileHealth::kOk;
  std::string health_detail;  // developer-facing detail for a non-OK health (English)
  // A PDF that opens (health kOk): how many pages its page tree holds (qpdf); 0 otherwise.
  std::size_t pages = 0;
  bool is_form = false;  // this file is the application form (申请表)
  // False when the file was listed by name only: past Limits::max_files its content was not
  // probed (health stays kOk, unverified). Completeness treats it as "to be checked".
  bool probed = true;

  const std::string& title_path() const { return name.empty() ? path : name; }
};

struct Dossier {
  std::string name;                  // folder name (DisplayPath form)
  std::string root;                  // absolute or intake-relative path of the folder (raw bytes)
  std::vector<DossierFile> files;    // every non-ignored file, sorted by path
  std::vector<std::string> ignored;  // hidden/temporary files skipped (display paths)
  std::optional<FormData> form;      // the parsed application form, when one could be read
  std::vector<Finding> findings;     // ingest-level findings (no form, two forms, symlink, ...)
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_DOSSIER_H_
