// Ingest: the intake directory -> one model::Dossier per entry.
//
// ScanIntake lists what is in the intake; LoadDossier turns one entry into a Dossier: every
// file (recursively, symlinks never followed) with its content-probed health, the application
// form read into FormData, and ingest findings. Nothing in the intake is ever modified.
//
// Contract: ScanIntake fails only when the intake itself cannot be listed. LoadDossier never
// fails: a stray file, an empty folder, a missing/duplicate/broken form, an unreadable or
// suspicious file all become Findings (rule ids below) or a FileHealth on the file.
//
// Paths: DossierFile::path is relative to the dossier folder, raw bytes (for opening);
// DossierFile::name is the same path with GBK names decoded (name_decoding.h), and every
// SourceRef and finding arg uses its DisplayPath form (undecodable bytes shown as \xAB).
#ifndef PIPELINE_INGEST_INGEST_H_
#define PIPELINE_INGEST_INGEST_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/form_labels.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/model/dossier.h"

namespace pipeline::ingest {

// Ingest rule ids, their severity and message key (templates/messages.zh-CN.tsv). Finding args
// are named in braces; {file} is always the display path relative to the dossier folder.
// NOTE: do not renumber; rule IDs appear in issued reports.
//   ING-001 blocking ingest.not_a_folder        {entry}  intake entry is a file, not a folder
//                                               (nor an archive: IsArchiveDossier)
//   ING-002 blocking ingest.intake_symlink      {entry}  intake entry is a symlink (not followed)
//   ING-003 blocking ingest.empty_folder        {entry}  no files (ignored ones aside)
//   ING-004 blocking ingest.unreadable          {file, detail}  folder or file the OS refused
//   ING-005 review   ingest.special_file        {file}   fifo, socket, device
//   ING-006 review   ingest.walk_limit          {file, limit}  too deep / too many files listed
//                                               (max_listed_files; once per limit; form files
//                                               are kept anyway)
//   ING-006 review   ingest.probe_limit         {folder, count, value, skipped}  more files than
//                                               the content-probing cap (max_files): the rest
//                                               are listed by name only (shallow files first)
//   ING-007 info     ingest.files_ignored       {files}  system/temporary files skipped
//                                               (Thumbs.db, desktop.ini, *.lnk, ~$ lock files)
//   ING-008, ING-009, ING-037: archives (archives.h).
//   ING-038 blocking ingest.dossier_archive_unreadable {entry}  a dossier sent as one archive
//                                               (IsArchiveDossier) that does not open or
//                                               holds no file: nothing in it was checked
//   ING-010 blocking ingest.form_missing        {}       no file named as the form at all
//   ING-011 blocking ingest.form_multiple       {files, used}  two or more different filled
//                                               forms (identical copies are one form)
//   ING-016 blocking ingest.form_format_not_readable {file, format}  the form exists only as
//                                               .doc/.wps/.pdf/a picture: ask for .docx/.xml
//   ING-017 info     ingest.form_blank_ignored  {file, used}  an untouched blank form next to
//                                               the filled one
//   ING-012 blocking ingest.form_unreadable     {file, health, detail}
//   ING-013 blocking ingest.form_no_fields      {file}   read, but no known label found
//   ING-014 review   ingest.form_unknown_labels {file, labels}
//   ING-014 review   ingest.occupation_table_unrecognised {file, rows}  rows holding occupation
//                    codes outside any occupations table beian recognised (its header unknown)
//   ING-015 review   ingest.form_field_conflict {file, field, first, second}
//   ING-018 blocking ingest.form_over_limit     {file, limit, value}  the form is too big or
//                                               nested too deep to read (Limits; not read)
//   ING-019 review   ingest.form_part_over_limit {file, limit, value}  part of the form was
//                                               skipped or cut at a limit (once per limit)
//   ING-020 review   ingest.symlink_not_followed {file}
//   ING-021 review   ingest.name_not_utf8       {file}  neither UTF-8 nor clean GB18030 (a GBK
//                                               name is decoded, name_decoding.h)
//   ING-022 review   ingest.name_too_long       {file, length, limit}
//   ING-030 review   ingest.file_empty          {file}
//   ING-031 review   ingest.file_corrupt        {file, detail}
//   ING-032 review   ingest.file_truncated      {file, detail}
//   ING-033 review   ingest.file_wrong_format   {file, format, detail}
//   ING-034 review   ingest.file_encrypted      {file}
//   ING-035 review   ingest.file_too_large      {file, detail}
//   ING-036 review   ingest.file_unsupported    {file}
// ({detail} is English developer text; render may show it as a technical note.)
// ING-03x are review-level: ingest does not know whether the file matters; completeness
// raises a blocking material_unreadable finding when a required material is unhealthy.

// One entry directly inside the intake directory.
struct IntakeEntry {
  std::string name;          // raw bytes, as the OS gave it
  std::string display_name;  // DossierDisplayName(name, type)
  std::string path;          // intake_dir joined with name
  EntryType type = EntryType::kOther;
  // Dossier-relative paths (DossierFile::path) of files a reader died on in an earlier attempt
  // (service::WorkerPool): each is corrupt ("a reader died on it"), never read again.
  std::vector<std::string> unreadable;
};

// True for names ingest skips everywhere: hidden ('.' prefix, .DS_Store), Office lock and temp
// files ('~' prefix such as `~$申请表.docx`, `*.tmp`), Thumbs.db, desktop.ini, __MACOSX,
// Windows shortcuts (*.lnk).
//
// The form: every .docx/.xml whose name contains a <form-file> word of form_labels.xml
// (`申请表(1).docx`, `附件1 申请表.docx`, `申请表.docx.docx`) is read; the first filled one
// (shallowest, then by path) is the form.
bool IsIgnoredName(std::string_view name);

// True for a whole dossier sent as one archive and dropped directly into the intake
// (`某某学校.zip`, .7z, .rar): a dossier of its own, its files the archive's (archives.h: the
// same caps, one level deep, names decoded), never unpacked into the intake.
bool IsArchiveDossier(const IntakeEntry& entry);

// What reports call the dossier of the intake entry named `raw_name` (raw bytes): the name
// decoded as a file name on disk is (DecodeDiskName: a GBK folder name from a Windows zip
// unpacked on Linux is shown as the Chinese it is), in DisplayPath form; an archive dossier's
// without its extension (`某某学校.zip` -> `某某学校`). The raw bytes stay the entry's name:
// the case id, watch's fingerprint and opening use them.
std::string DossierDisplayName(std::string_view raw_name, EntryType type);

// Every non-ignored entry directly inside `intake_dir` (folders, stray files, symlinks, others),
// sorted by name (bytes). Fails (NotFound/IoError) only when the intake cannot be listed.
Result<std::vector<IntakeEntry>> ScanIntake(const FileSystem& fs, const std::string& intake_dir);

// In a worker process (service::WorkerPool): `observer` is told the dossier-relative path of
// each file before ingest reads and parses it, and "" once done with it, so that the parent
// knows which file a reader died on. Unset (the default): nobody is told.
void SetOpeningObserver(std::function<void(const std::string& path)> observer);

// Loads one intake entry. `labels` and `limits` must outlive the call only. Never fails.
model::Dossier LoadDossier(const FileSystem& fs, const IntakeEntry& entry, const FormLabels& labels,
                           const Limits& limits);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_INGEST_H_
