#include "pipeline/ingest/archives.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/findings.h"
#include "pipeline/ingest/ingest.h"
#include "pipeline/ingest/libarchive_reader.h"
#include "pipeline/ingest/name_decoding.h"
#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {
namespace {

using model::Dossier;
using model::DossierFile;
using model::Severity;

// Shown between an archive and a file inside it: `附件.zip › 3、场地证明.pdf`.
constexpr const char kInside[] = " \u203a ";

std::string LowerExtension(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  const std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return {};
  return AsciiLower(name.substr(dot + 1));
}

// `附件.zip` -> `附件`: the archive read like the folder it would unpack into.
std::string FolderOf(const DossierFile& archive) {
  const std::string& name = archive.title_path();
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

// True when a component of the entry's name is one ingest skips (`__MACOSX/`, `Thumbs.db`).
bool IgnoredEntry(const std::string& name) {
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t slash = name.find('/', start);
    if (slash == std::string::npos) slash = name.size();
    if (slash > start && IsIgnoredName(name.substr(start, slash - start))) return true;
    start = slash + 1;
  }
  return false;
}

// An opened archive's entries, whichever reader opened it: raw names, whether each is known to
// be UTF-8 (the zip flag, or libarchive's Unicode name), declared sizes.
struct Listing {
  std::vector<std::string> names;
  std::vector<bool> utf8;
  std::vector<std::uint64_t> sizes;
};

// The listing of a ZipReader or a LibarchiveReader (the same accessors).
template <typename Reader>
Listing ListingOf(const Reader& reader) {
  Listing l{reader.names(), {}, {}};
  for (std::size_t i = 0; i < l.names.size(); ++i) {
    l.utf8.push_back(reader.NameFlaggedUtf8(i));
    l.sizes.push_back(reader.SizeOf(i));
  }
  return l;
}

// The listing of the archive `f` when it opens cleanly (zip through ZipReader, 7z and RAR
// through libarchive); nullopt otherwise, with `encrypted` set for a zip that opens but has
// an encrypted entry (its health probe sees a zip archive, not a damaged file).
std::optional<Listing> ListArchive(DossierFileReader& reader, const DossierFile& f,
                                   const std::string& format, const Limits& limits,
                                   bool& encrypted) {
  encrypted = false;
  if (f.size > limits.max_file_bytes) return std::nullopt;
  Result<std::string> bytes = reader.Read(f);
  if (!bytes) return std::nullopt;
  if (format == "zip") {
    ZipReader zip(*bytes, limits);
    if (zip.problem() == ZipProblem::kNone) return ListingOf(zip);
    encrypted = zip.problem() == ZipProblem::kEncrypted;
    return std::nullopt;
  }
  LibarchiveReader lib(*bytes, format, limits);
  // A .7z or .rar without a file in it is no better than a damaged one (the probe does not
  // look inside either).
  if (lib.problem() == ZipProblem::kNone && !lib.names().empty()) return ListingOf(lib);
  return std::nullopt;
}

// The files of one healthy archive, in archive order; nested archives are reported, not listed.
std::vector<DossierFile> ArchiveEntries(const Listing& zip, const DossierFile& archive,
                                        Dossier& d) {
  std::vector<DossierFile> out;
  for (std::size_t i = 0; i < zip.names.size(); ++i) {
    const std::string& raw = zip.names[i];
    if (raw.empty() || raw.back() == '/' || raw.back() == '\\') continue;  // a folder
    DecodedName decoded = DecodeZipName(raw, zip.utf8[i]);
    std::replace(decoded.text.begin(), decoded.text.end(), '\\', '/');  // Windows tools
    if (IgnoredEntry(decoded.text)) continue;
    DossierFile f;
    f.path = archive.path + "/" + raw;
    f.archive = archive.path;
    f.entry = raw;
    f.entry_name = decoded.text;
    f.name = FolderOf(archive) + "/" + decoded.text;
    f.display_path = archive.display_path + kInside + DisplayPath(decoded.text);
    f.name_encoding = decoded.encoding;
    f.size = zip.sizes[i];
    if (!ArchiveFormatOf(decoded.text).empty()) {
      AddFinding(d, "ING-009", Severity::kReview, "ingest.archive_nested",
                 {{"file", f.display_path}}, f.display_path);
      continue;
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

std::string ArchiveFormatOf(std::string_view name) {
  const std::string ext = LowerExtension(name);
  if (ext == "zip") return "zip";
  if (ext == "7z") return "7z";
  if (ext == "rar") return "rar";
  return {};
}

Status DossierFileReader::OpenArchive(const std::string& path) {
  if ((zip_ != nullptr || other_ != nullptr) && path == archive_path_) return Status::Ok();
  zip_.reset();
  other_.reset();
  archive_path_.clear();
  Result<std::string> bytes = fs_.ReadFile(JoinPath(root_, path), limits_.max_file_bytes);
  if (!bytes) return bytes.error();
  archive_path_ = path;
  archive_bytes_ = std::move(*bytes);
  const std::string format = ArchiveFormatOf(path);
  if (format == "zip") {
    zip_ = std::make_unique<ZipReader>(archive_bytes_, limits_);
  } else {
    other_ = std::make_unique<LibarchiveReader>(archive_bytes_, format, limits_);
  }
  return Status::Ok();
}

Result<std::string> DossierFileReader::Read(const DossierFile& f) {
  if (f.archive.empty()) return fs_.ReadFile(JoinPath(root_, f.path), limits_.max_file_bytes);
  PIPELINE_RETURN_IF_ERROR(OpenArchive(f.archive));
  return zip_ != nullptr ? zip_->Read(f.entry) : other_->Read(f.entry);
}

namespace {

// Cuts `entries` to what the listing cap (Limits::max_listed_files, which counts the archives'
// files too) leaves room for, besides `kept` files and `pending` ones still to come; reported
// once (ING-006, as for a crowded folder).
void CapEntries(std::vector<DossierFile>& entries, std::size_t kept, std::size_t pending,
                const Limits& limits, Dossier& d) {
  const std::size_t used = kept + pending;
  const std::size_t room = limits.max_listed_files > used ? limits.max_listed_files - used : 0;
  if (entries.size() <= room) return;
  const bool reported = std::any_of(d.findings.begin(), d.findings.end(), [](const auto& f) {
    return f.message == "ingest.walk_limit" && f.args.size() > 1 &&
           f.args[1].second == "max_listed_files";
  });
  if (!reported) {
    const std::string& first = entries[room].display_path;
    AddFinding(d, "ING-006", Severity::kReview, "ingest.walk_limit",
               {{"file", first},
                {"limit", "max_listed_files"},
                {"value", std::to_string(limits.max_listed_files)}},
               first);
  }
  entries.resize(room);
}

}  // namespace

void OpenArchives(DossierFileReader& reader, Dossier& d, const Limits& limits) {
  std::vector<DossierFile> files;
  bool opened = false;
  for (std::size_t i = 0; i < d.files.size(); ++i) {
    DossierFile& f = d.files[i];
    const std::string format = ArchiveFormatOf(f.path);
    std::vector<DossierFile> entries;
    if (!format.empty()) {
      bool encrypted = false;
      std::optional<Listing> listing = ListArchive(reader, f, format, limits, encrypted);
      if (listing) entries = ArchiveEntries(*listing, f, d);
      if (!listing && format != "zip") {  // a damaged zip: its probe says why (ING-031..035)
        AddFinding(d, "ING-037", Severity::kReview, "ingest.archive_unsupported",
                   {{"file", f.display_path}, {"format", format == "rar" ? "RAR" : "7z"}},
                   f.display_path);
      } else if (format == "zip" && (encrypted || (listing && entries.empty()))) {
        // A zip whose structure is sound (its probe finds nothing wrong) but which gives no
        // file: a password on an entry, or only folders, system files and nested archives.
        AddFinding(
            d, "ING-037", Severity::kReview, "ingest.archive_unread",
            {{"file", f.display_path}, {"archive_problem", encrypted ? "encrypted" : "empty"}},
            f.display_path);
      }
    }
    if (entries.empty()) {
      files.push_back(std::move(f));
      continue;
    }
    const std::string shown = f.display_path;
    const std::size_t count = entries.size();
    CapEntries(entries, files.size(), d.files.size() - i - 1, limits, d);
    AddFinding(d, "ING-008", Severity::kInfo, "ingest.archive_opened",
               {{"file", shown}, {"count", std::to_string(count)}}, shown);
    for (DossierFile& e : entries) files.push_back(std::move(e));
    opened = true;
  }
  d.files = std::move(files);
  if (opened) {
    std::sort(d.files.begin(), d.files.end(),
              [](const DossierFile& a, const DossierFile& b) { return a.path < b.path; });
  }
}

namespace {

template <typename Reader>
Result<std::vector<ArchiveFile>> FilesOf(const Reader& reader, const std::string& shown) {
  std::vector<ArchiveFile> out;
  for (std::size_t i = 0; i < reader.names().size(); ++i) {
    const std::string& raw = reader.names()[i];
    if (raw.empty() || raw.back() == '/' || raw.back() == '\\') continue;  // a folder
    DecodedName decoded = DecodeZipName(raw, reader.NameFlaggedUtf8(i));
    std::replace(decoded.text.begin(), decoded.text.end(), '\\', '/');
    if (IgnoredEntry(decoded.text) || !ArchiveFormatOf(decoded.text).empty()) continue;
    Result<std::string> bytes = reader.Read(raw);
    if (!bytes) return bytes.error().WithContext(shown + kInside + decoded.text);
    out.push_back({DisplayPath(decoded.text), std::move(*bytes)});
  }
  std::sort(out.begin(), out.end(),
            [](const ArchiveFile& a, const ArchiveFile& b) { return a.name < b.name; });
  return out;
}

}  // namespace

Result<std::vector<ArchiveFile>> ReadArchiveFiles(std::string_view bytes, const std::string& format,
                                                  const std::string& shown, const Limits& limits) {
  if (format == "zip") {
    ZipReader zip(bytes, limits);
    if (zip.problem() != ZipProblem::kNone) return Status::InvalidData(zip.detail(), shown);
    return FilesOf(zip, shown);
  }
  LibarchiveReader lib(bytes, format, limits);
  if (lib.problem() != ZipProblem::kNone)
    return Status::InvalidData("archive does not open", shown);
  return FilesOf(lib, shown);
}

std::vector<model::ReportedFile> ReportedFiles(const Dossier& d) {
  std::vector<model::ReportedFile> out;
  for (const DossierFile& f : d.files) {
    model::ReportedFile r;
    r.display = f.display_path;
    if (!f.archive.empty()) {
      r.entry = DisplayPath(f.entry_name);
      const std::size_t tail = r.entry.size() + std::string_view(kInside).size();
      r.archive = f.display_path.substr(0, f.display_path.size() - tail);
    }
    r.name_encoding = f.name_encoding;
    r.pages = f.pages;
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pipeline::ingest
