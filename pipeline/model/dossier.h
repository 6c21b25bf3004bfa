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
enum class FileFormat { kPdf, kJpeg, kPng, kDocx, kXlsx, kXml, kOther };

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

const char* FileFormatName(FileFormat f);  // "pdf", "jpeg", "png", "docx", "xlsx", "xml", "other"
const char* FileHealthName(FileHealth h);  // "ok", "empty", "corrupt", ...

struct DossierFile {
  std::string path;          // relative to the dossier folder, '/'-separated, raw bytes
  std::string display_path;  // `path` made printable (invalid UTF-8 shown as \xAB)
  std::uint64_t size = 0;
  FileFormat format = FileFormat::kOther;
  FileHealth health = FileHealth::kOk;
  std::string health_detail;  // developer-facing detail for a non-OK health (English)
  bool is_form = false;       // this file is the application form (申请表)
};

struct Dossier {
  std::string name;       // folder name (DisplayPath form)
  std::string root;       // absolute or intake-relative path of the folder (raw bytes)
  std::vector<DossierFile> files;     // every non-ignored file, sorted by path
  std::vector<std::string> ignored;   // hidden/temporary files skipped (display paths)
  std::optional<FormData> form;       // the parsed application form, when one could be read
  std::vector<Finding> findings;      // ingest-level findings (no form, two forms, symlink, ...)
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_DOSSIER_H_
