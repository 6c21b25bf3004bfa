// The file viewer of the case page (docs/web.md): the files of a dossier version as received,
// recorded in the registry (version_files, migration 9) with their size and SHA-256, and served
// only by their random id: no path from a request reaches the file system, and a file that
// differs from what was received is not served (410).
#ifndef PIPELINE_WEB_FILES_H_
#define PIPELINE_WEB_FILES_H_

#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/status.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/web/store.h"

namespace pipeline::web {

// The files of the version folder `dir` when its content is still what the registry recorded
// (`content_hash`, DossierContentHash): each with a new random id, its size and SHA-256.
// nullopt when the folder's content differs (it changed since it was received).
Result<std::optional<std::vector<VersionFile>>> HashVersionFiles(const std::string& dir,
                                                                 const std::string& case_id,
                                                                 int version,
                                                                 const std::string& content_hash);

// True when `path` is a dossier sent as one archive: a regular file named .zip, .7z or .rar
// (its files are read from it, never unpacked).
bool IsArchiveDossier(const std::string& path);

// A version's folder in the intake, <intake>/<folder>; "" when `folder` is not one plain name.
std::string VersionFolderPath(const std::string& intake, const std::string& folder);

// Where a recorded file is: <intake>/<folder>/<path>, or "" when the folder or path could leave
// the intake (a part "..", an absolute path).
std::string RecordedFilePath(const std::string& intake, const VersionFile& f);

// The file's bytes when its size and SHA-256 are still those recorded; nullopt when it changed
// or is gone. A file of a dossier sent as one archive (<intake>/<folder> is the .zip, .7z or
// .rar) is read from the archive by its entry name.
std::optional<std::string> ReadRecordedFile(const std::string& path, const VersionFile& f);

// How a file is shown: "pdf" and "image" inline (with their content type in `type`), "office"
// as its extracted text (docx, xlsx), "archive" as the list of its entries (zip), "download"
// otherwise.
std::string ViewKind(const std::string& path, std::string* type);

// One file in a zip: its index among the zip's entries, its decoded name and size.
struct ZipEntry {
  std::size_t index = 0;
  std::string name;
  std::uint64_t bytes = 0;
};

// The files (not folders) of a zip, names decoded as ingest decodes them; none when the zip
// cannot be read within `limits`.
std::vector<ZipEntry> ZipEntries(const std::string& zip, const ingest::Limits& limits);

// Entry `index` of a zip: {decoded name, bytes}; nullopt for a folder, an index past the end
// or an entry that cannot be read within `limits`.
std::optional<std::pair<std::string, std::string>> ReadZipEntry(const std::string& zip,
                                                                std::size_t index,
                                                                const ingest::Limits& limits);

// The text of a .docx (paragraphs, one a line; table cells separated by tabs) or the cells of
// an .xlsx's first sheet (tab-separated rows), read within the intake limits.
Result<std::string> OfficeText(const std::string& bytes, const std::string& path,
                               const ingest::Limits& limits);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_FILES_H_
