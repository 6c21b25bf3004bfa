#include "pipeline/web/files.h"

#include <algorithm>
#include <fstream>
#include <pugixml.hpp>

#include "pipeline/core/sha256.h"
#include "pipeline/ingest/archives.h"
#include "pipeline/ingest/name_decoding.h"
#include "pipeline/ingest/ooxml_package.h"
#include "pipeline/ingest/xlsx_reader.h"
#include "pipeline/ingest/xml_text.h"
#include "pipeline/ingest/zip_reader.h"
#include "pipeline/registry/run_recorder.h"
#include "pipeline/web/intake.h"
#include "pipeline/web/password.h"

namespace pipeline::web {
namespace {

// Size and SHA-256 of a file, read in pieces; nullopt when it cannot be read.
std::optional<std::pair<std::int64_t, std::string>> HashFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 hash;
  std::int64_t bytes = 0;
  std::string buf(1 << 16, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    hash.Update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    bytes += n;
  }
  if (in.bad()) return std::nullopt;
  return std::make_pair(bytes, hash.HexDigest());
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Extension(const std::string& path) {
  const std::size_t slash = path.rfind('/'), dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "";
  return Lower(path.substr(dot + 1));
}

// A docx's text: w:t runs, w:tab as a tab, a paragraph per line, cells of a row on one line
// separated by tabs. pugixml's traverse walks without recursion.
class DocxText : public pugi::xml_tree_walker {
 public:
  bool for_each(pugi::xml_node& node) override {
    const std::string_view name = ingest::LocalName(node.name());
    if (node.type() == pugi::node_pcdata && ingest::LocalName(node.parent().name()) == "t") {
      text += node.value();
    } else if (name == "tab") {
      text += '\t';
    } else if (name == "p" && !text.empty() && text.back() != '\n' && text.back() != '\t') {
      text += '\n';
    } else if (name == "tc" && !text.empty() && text.back() != '\n') {
      text += '\t';
    } else if (name == "tr" && !text.empty() && text.back() != '\n') {
      text += '\n';
    }
    return true;
  }
  std::string text;
};

}  // namespace

bool IsArchiveDossier(const std::string& path) {
  if (ingest::ArchiveFormatOf(path).empty()) return false;
  Result<DirEntry> st = RealFileSystem().Stat(path);
  return st && st->type == EntryType::kFile;
}

Result<std::optional<std::vector<VersionFile>>> HashVersionFiles(const std::string& dir,
                                                                 const std::string& case_id,
                                                                 int version,
                                                                 const std::string& content_hash) {
  RealFileSystem fs;
  std::vector<std::string> paths;
  Result<std::string> hash = registry::DossierContentHash(fs, dir, &paths);
  if (!hash) return hash.error();
  if (*hash != content_hash) return std::optional<std::vector<VersionFile>>();
  std::vector<VersionFile> out;
  if (IsArchiveDossier(dir)) {  // a dossier sent as one archive: its entries, by name
    Result<std::vector<ingest::ArchiveFile>> entries = registry::ArchiveDossierFiles(fs, dir);
    if (!entries) return entries.error();
    for (const ingest::ArchiveFile& e : *entries) {
      out.push_back(VersionFile{"F" + RandomToken(12), case_id, version,
                                static_cast<int>(out.size()) + 1, e.name,
                                static_cast<std::int64_t>(e.bytes.size()), Sha256Hex(e.bytes), ""});
    }
    return std::optional<std::vector<VersionFile>>(std::move(out));
  }
  for (const std::string& p : paths) {
    std::optional<std::pair<std::int64_t, std::string>> h = HashFile(JoinPath(dir, p));
    if (!h) return Status::IoError("cannot read", JoinPath(dir, p));
    out.push_back(VersionFile{"F" + RandomToken(12), case_id, version,
                              static_cast<int>(out.size()) + 1, p, h->first, h->second, ""});
  }
  return std::optional<std::vector<VersionFile>>(std::move(out));
}

std::string VersionFolderPath(const std::string& intake, const std::string& folder) {
  if (intake.empty() || CleanUploadName(folder) != folder ||
      folder.find('/') != std::string::npos) {
    return "";
  }
  return JoinPath(intake, folder);
}

std::string RecordedFilePath(const std::string& intake, const VersionFile& f) {
  const std::string dir = VersionFolderPath(intake, f.folder);
  if (dir.empty() || CleanUploadName(f.path) != f.path) return "";
  return JoinPath(dir, f.path);
}

std::optional<std::string> ReadRecordedFile(const std::string& path, const VersionFile& f) {
  // A file of a dossier sent as one archive has no path on disk: its bytes are read from the
  // archive (<intake>/<folder> is the archive), never unpacked.
  const std::size_t cut = path.size() - std::min(path.size(), f.path.size() + 1);
  const std::string archive = path.substr(0, cut);
  if (!archive.empty() && IsArchiveDossier(archive)) {
    Result<std::vector<ingest::ArchiveFile>> entries =
        registry::ArchiveDossierFiles(RealFileSystem(), archive);
    if (!entries) return std::nullopt;
    for (ingest::ArchiveFile& e : *entries) {
      if (e.name == f.path && static_cast<std::int64_t>(e.bytes.size()) == f.bytes &&
          Sha256Hex(e.bytes) == f.sha256) {
        return std::move(e.bytes);
      }
    }
    return std::nullopt;
  }
  Result<std::string> bytes =
      RealFileSystem().ReadFile(path, static_cast<std::uint64_t>(f.bytes) + 1);
  if (!bytes || static_cast<std::int64_t>(bytes->size()) != f.bytes ||
      Sha256Hex(*bytes) != f.sha256) {
    return std::nullopt;
  }
  return std::move(*bytes);
}

std::string ViewKind(const std::string& path, std::string* type) {
  const std::string ext = Extension(path);
  if (ext == "pdf") {
    *type = "application/pdf";
    return "pdf";
  }
  if (ext == "png" || ext == "gif" || ext == "webp" || ext == "bmp") {
    *type = "image/" + ext;
    return "image";
  }
  if (ext == "jpg" || ext == "jpeg") {
    *type = "image/jpeg";
    return "image";
  }
  if (ext == "docx" || ext == "xlsx") return "office";
  if (ext == "zip") return "archive";
  *type = "application/octet-stream";
  return "download";
}

std::vector<ZipEntry> ZipEntries(const std::string& zip, const ingest::Limits& limits) {
  std::vector<ZipEntry> out;
  ingest::ZipReader reader(zip, limits);
  if (reader.problem() != ingest::ZipProblem::kNone) return out;
  for (std::size_t i = 0; i < reader.names().size(); ++i) {
    const std::string& raw = reader.names()[i];
    if (raw.empty() || raw.back() == '/') continue;
    out.push_back(
        {i, ingest::DecodeZipName(raw, reader.NameFlaggedUtf8(i)).text, reader.SizeOf(i)});
  }
  return out;
}

std::optional<std::pair<std::string, std::string>> ReadZipEntry(const std::string& zip,
                                                                std::size_t index,
                                                                const ingest::Limits& limits) {
  ingest::ZipReader reader(zip, limits);
  if (reader.problem() != ingest::ZipProblem::kNone || index >= reader.names().size()) {
    return std::nullopt;
  }
  const std::string& raw = reader.names()[index];
  if (raw.empty() || raw.back() == '/') return std::nullopt;
  Result<std::string> bytes = reader.Read(raw);
  if (!bytes) return std::nullopt;
  return std::make_pair(ingest::DecodeZipName(raw, reader.NameFlaggedUtf8(index)).text,
                        std::move(*bytes));
}

Result<std::string> OfficeText(const std::string& bytes, const std::string& path,
                               const ingest::Limits& limits) {
  if (Extension(path) == "xlsx") {
    Result<std::vector<ingest::XlsxRow>> rows = ingest::ReadXlsxSheet(bytes, path, limits);
    if (!rows) return rows.error();
    std::string text;
    for (const ingest::XlsxRow& r : *rows) {
      for (std::size_t i = 0; i < r.cells.size(); ++i) text += (i ? "\t" : "") + r.cells[i];
      text += '\n';
    }
    return text;
  }
  ingest::ZipReader zip(bytes, limits);
  if (zip.problem() != ingest::ZipProblem::kNone) {
    return Status::InvalidData("not a readable docx: " + zip.detail(), path);
  }
  const ingest::OoxmlPackage package = ingest::FindMainPart(zip);
  if (package.kind != model::FileFormat::kDocx) return Status::InvalidData("not a docx", path);
  Result<std::string> xml = zip.Read(package.main_part);
  if (!xml) return xml.error();
  if (xml->size() > limits.max_form_bytes) return Status::InvalidData("too large", path);
  Result<std::string> utf8 = ingest::XmlToUtf8(*xml);
  if (!utf8) return utf8.error();
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ingest::ParseXmlText(*utf8, package.main_part, doc));
  if (ingest::NestsDeeperThan(doc, limits.max_xml_depth)) {
    return Status::InvalidData("nested too deeply", path);
  }
  DocxText walker;
  doc.traverse(walker);
  return walker.text;
}

}  // namespace pipeline::web
