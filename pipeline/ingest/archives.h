// Archives in a dossier (issue 22): a whole dossier sent as one .zip, or the form outside and
// the attachments in `附件.zip` (or .7z, .rar). Each healthy archive is opened one level deep,
// a .zip through ZipReader, a .7z or .rar through libarchive (LibarchiveReader; the same caps
// apply), and its entries take its place among the dossier's files; their names are read raw
// and decoded (name_decoding.h). An archive inside an archive is not opened (a finding); a .7z
// or .rar that does not open (damaged, encrypted, over a cap) is named and asked for again.
//
// Findings (messages in templates/messages.zh-CN.tsv):
//   ING-008 info     ingest.archive_opened      {file, count}  the archive's files were read
//   ING-009 review   ingest.archive_nested      {file}  an archive inside an archive: not opened
//   ING-037 review   ingest.archive_unsupported {file, format}  a .7z/.rar that does not open
//   ING-037 review   ingest.archive_unread {file, archive_problem}  a sound zip that gives no
//                    file: `encrypted` (a password on an entry) or `empty` (only folders,
//                    system files, nested archives); a damaged zip has its health finding
#ifndef PIPELINE_INGEST_ARCHIVES_H_
#define PIPELINE_INGEST_ARCHIVES_H_

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/libarchive_reader.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/ingest/zip_reader.h"
#include "pipeline/model/dossier.h"
#include "pipeline/model/report.h"

namespace pipeline::ingest {

// The archive format a file name's extension announces: "zip", "7z", "rar", or "" (none).
std::string ArchiveFormatOf(std::string_view name);

// The bytes of a dossier's files: read from disk, or inflated from the archive holding them
// (the last archive opened is kept, so an archive's entries cost one read and one parse of it).
class DossierFileReader {
 public:
  DossierFileReader(const FileSystem& fs, std::string root, const Limits& limits)
      : fs_(fs), root_(std::move(root)), limits_(limits) {}
  Result<std::string> Read(const model::DossierFile& f);
  const std::string& root() const { return root_; }
  // Files taken as unreadable without reading them (IntakeEntry::unreadable).
  void SetUnreadable(std::vector<std::string> paths) { unreadable_ = std::move(paths); }
  bool IsUnreadable(const std::string& path) const {
    return std::find(unreadable_.begin(), unreadable_.end(), path) != unreadable_.end();
  }

 private:
  // The archive at `path` opened into zip_ or other_ (or the one kept); an error when it
  // cannot be read.
  Status OpenArchive(const std::string& path);

  const FileSystem& fs_;
  std::string root_;
  const Limits& limits_;
  std::string archive_path_;
  std::string archive_bytes_;
  std::unique_ptr<ZipReader> zip_;           // a .zip, over archive_bytes_
  std::unique_ptr<LibarchiveReader> other_;  // a .7z or .rar, over archive_bytes_
  std::vector<std::string> unreadable_;
};

// Replaces every .zip in `d.files` that opens cleanly by its files (sorted by path again);
// one that does not open stays a file and its probe says why. Adds ING-008, ING-009, ING-037.
void OpenArchives(DossierFileReader& reader, model::Dossier& d, const Limits& limits);

// A file of an archive dossier as the registry keeps it (issue 22): `name` is the entry's
// decoded name as shown (`申请材料/附件1 申请表.docx`), `bytes` its content.
struct ArchiveFile {
  std::string name;
  std::string bytes;
};

// The files of the archive `bytes` (format "zip", "7z" or "rar") as ingest reads them (folders,
// ignored names and nested archives left out), sorted by name; an error naming `shown` when the
// archive or an entry does not open. The registry hashes an archive dossier's files with it,
// and the workbench serves them by name.
Result<std::vector<ArchiveFile>> ReadArchiveFiles(std::string_view bytes, const std::string& format,
                                                  const std::string& shown, const Limits& limits);

// The dossier's files as report.json lists them (archive and entry apart).
std::vector<model::ReportedFile> ReportedFiles(const model::Dossier& d);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_ARCHIVES_H_
