#include "pipeline/ingest/file_probe.h"

#include <algorithm>
#include <pugixml.hpp>

#include "pipeline/ingest/ooxml_package.h"
#include "pipeline/ingest/zip_reader.h"

namespace pipeline::ingest {
namespace {

using model::FileFormat;
using model::FileHealth;

constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kPngMagic("\x89PNG\r\n\x1a\n", 8);
constexpr std::string_view kOleMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
constexpr std::string_view kZipMagic("PK\x03\x04", 4);
constexpr std::string_view kZipEmptyMagic("PK\x05\x06", 4);

// What the first bytes say, before looking inside a zip.
enum class Magic { kUnknown, kPdf, kJpeg, kPng, kZip, kOle, kXml };

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view Tail(std::string_view s, std::size_t n) {
  return s.size() <= n ? s : s.substr(s.size() - n);
}

Magic SniffMagic(std::string_view b) {
  if (b.substr(0, 1024).find(kPdfMagic) != std::string_view::npos) return Magic::kPdf;
  if (b.size() >= 3 && StartsWith(b, std::string_view("\xFF\xD8\xFF", 3))) return Magic::kJpeg;
  if (StartsWith(b, kPngMagic)) return Magic::kPng;
  if (StartsWith(b, kZipMagic) || StartsWith(b, kZipEmptyMagic)) return Magic::kZip;
  if (StartsWith(b, kOleMagic)) return Magic::kOle;
  std::string_view rest = b;
  if (StartsWith(rest, "\xEF\xBB\xBF")) rest.remove_prefix(3);
  std::size_t first = rest.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && rest[first] == '<') return Magic::kXml;
  return Magic::kUnknown;
}

FileFormat FormatOfMagic(Magic m) {
  switch (m) {
    case Magic::kPdf: return FileFormat::kPdf;
    case Magic::kJpeg: return FileFormat::kJpeg;
    case Magic::kPng: return FileFormat::kPng;
    case Magic::kXml: return FileFormat::kXml;
    default: return FileFormat::kOther;
  }
}

bool IsOoxml(FileFormat f) { return f == FileFormat::kDocx || f == FileFormat::kXlsx; }

FileHealth HealthOfZipProblem(ZipProblem p) {
  switch (p) {
    case ZipProblem::kNone: return FileHealth::kOk;
    case ZipProblem::kTruncated: return FileHealth::kTruncated;
    case ZipProblem::kEncrypted: return FileHealth::kEncrypted;
    case ZipProblem::kTooLarge: return FileHealth::kTooLarge;
    case ZipProblem::kNotZip:
    case ZipProblem::kCorrupt: return FileHealth::kCorrupt;
  }
  return FileHealth::kCorrupt;
}

// The OOXML kind a healthy zip holds, from its parts.
FileFormat OoxmlKind(const ZipReader& zip) { return FindMainPart(zip).kind; }

Probe Make(FileFormat f, FileHealth h, std::string detail) {
  return Probe{f, h, std::move(detail)};
}

Probe ProbePdf(std::string_view b) {
  if (Tail(b, 1024).find("%%EOF") == std::string_view::npos) {
    return Make(FileFormat::kPdf, FileHealth::kTruncated, "no %%EOF marker near the end");
  }
  // An /Encrypt entry in a trailer or cross-reference stream dictionary; those are never
  // compressed, so a byte search finds them. /EncryptMetadata is a different key.
  std::size_t pos = 0;
  while ((pos = b.find("/Encrypt", pos)) != std::string_view::npos) {
    pos += 8;
    if (b.substr(pos, 8) != "Metadata") {
      return Make(FileFormat::kPdf, FileHealth::kEncrypted, "trailer has /Encrypt");
    }
  }
  return Make(FileFormat::kPdf, FileHealth::kOk, "");
}

Probe ProbeJpeg(std::string_view b) {
  // Some cameras append data after EOI, so look for it near the end, not only at the end.
  if (b.size() < 4 ||
      Tail(b.substr(2), 4096).find(std::string_view("\xFF\xD9", 2)) == std::string_view::npos) {
    return Make(FileFormat::kJpeg, FileHealth::kTruncated, "no JPEG end-of-image marker");
  }
  return Make(FileFormat::kJpeg, FileHealth::kOk, "");
}

Probe ProbePng(std::string_view b) {
  if (b.size() < 16 || b.substr(12, 4) != "IHDR") {
    return Make(FileFormat::kPng, FileHealth::kCorrupt, "PNG without IHDR chunk");
  }
  if (Tail(b, 64).find("IEND") == std::string_view::npos) {
    return Make(FileFormat::kPng, FileHealth::kTruncated, "no PNG IEND chunk");
  }
  return Make(FileFormat::kPng, FileHealth::kOk, "");
}

Probe ProbeXml(std::string_view b) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(b.data(), b.size());
  if (!r) {
    return Make(FileFormat::kXml, FileHealth::kCorrupt,
                std::string("malformed XML at offset ") + std::to_string(r.offset) + ": " +
                    r.description());
  }
  return Make(FileFormat::kXml, FileHealth::kOk, "");
}

// A zip with the extension promising `expected`.
Probe ProbeZip(std::string_view b, FileFormat expected, const Limits& limits) {
  ZipReader zip(b, limits);
  if (zip.problem() != ZipProblem::kNone && zip.problem() != ZipProblem::kEncrypted) {
    FileFormat f = IsOoxml(expected) ? expected : FileFormat::kOther;
    return Make(f, HealthOfZipProblem(zip.problem()), zip.detail());
  }
  FileFormat kind = OoxmlKind(zip);
  if (!IsOoxml(expected)) {
    if (expected == FileFormat::kOther) {
      if (kind == FileFormat::kOther) {
        return Make(kind, FileHealth::kUnsupported, "zip archive");
      }
    }
    return Make(kind, FileHealth::kWrongFormat,
                std::string("content is ") + model::FileFormatName(kind) + " (zip)");
  }
  if (zip.problem() == ZipProblem::kEncrypted) {
    return Make(expected, FileHealth::kEncrypted, zip.detail());
  }
  if (kind == FileFormat::kOther) {
    return Make(expected, FileHealth::kCorrupt,
                expected == FileFormat::kDocx
                    ? "zip lacks [Content_Types].xml or word/document.xml"
                    : "zip lacks [Content_Types].xml or xl/workbook.xml");
  }
  if (kind != expected) {
    return Make(kind, FileHealth::kWrongFormat,
                std::string("content is ") + model::FileFormatName(kind));
  }
  // Inflate the required parts: catches bad CRCs and sizes that lie about a bomb.
  const std::string main_part = FindMainPart(zip).main_part;  // not always word/document.xml
  for (const char* part : {"[Content_Types].xml", main_part.c_str()}) {
    ZipProblem why = ZipProblem::kCorrupt;
    Result<std::string> data = zip.Read(part, &why);
    if (!data) return Make(kind, HealthOfZipProblem(why), data.error().message());
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(data->data(), data->size());
    if (!r) {
      return Make(kind, FileHealth::kCorrupt,
                  std::string(part) + ": malformed XML: " + r.description());
    }
  }
  return Make(kind, FileHealth::kOk, "");
}

}  // namespace

FileFormat FormatFromExtension(std::string_view file_name) {
  std::size_t slash = file_name.rfind('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return FileFormat::kOther;
  std::string ext(file_name.substr(dot + 1));
  for (char& c : ext) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (ext == "pdf") return FileFormat::kPdf;
  if (ext == "jpg" || ext == "jpeg") return FileFormat::kJpeg;
  if (ext == "png") return FileFormat::kPng;
  if (ext == "docx") return FileFormat::kDocx;
  if (ext == "xlsx") return FileFormat::kXlsx;
  if (ext == "xml") return FileFormat::kXml;
  return FileFormat::kOther;
}

FileFormat SniffFormat(std::string_view bytes, const Limits& limits) {
  Magic m = SniffMagic(bytes);
  if (m != Magic::kZip) return FormatOfMagic(m);
  ZipReader zip(bytes, limits);
  if (zip.problem() != ZipProblem::kNone && zip.problem() != ZipProblem::kEncrypted) {
    return FileFormat::kOther;
  }
  return OoxmlKind(zip);
}

Probe ProbeFile(std::string_view file_name, std::string_view bytes, const Limits& limits) {
  FileFormat expected = FormatFromExtension(file_name);
  if (bytes.empty()) return Make(expected, FileHealth::kEmpty, "0 bytes");
  Magic magic = SniffMagic(bytes);

  if (magic == Magic::kZip) return ProbeZip(bytes, expected, limits);
  if (magic == Magic::kOle) {
    // Password-protected OOXML is stored as an OLE2 compound file (EncryptedPackage).
    if (IsOoxml(expected)) return Make(expected, FileHealth::kEncrypted, "OLE2 encrypted package");
    if (expected == FileFormat::kOther) {
      return Make(FileFormat::kOther, FileHealth::kUnsupported, "OLE2 file (legacy .doc/.xls)");
    }
    return Make(FileFormat::kOther, FileHealth::kWrongFormat, "content is an OLE2 file");
  }
  FileFormat actual = FormatOfMagic(magic);
  if (expected == FileFormat::kOther) {
    if (actual == FileFormat::kOther) {
      return Make(FileFormat::kOther, FileHealth::kUnsupported, "unrecognised file type");
    }
    return Make(actual, FileHealth::kWrongFormat,
                std::string("extension does not match content ") + model::FileFormatName(actual));
  }
  if (actual == FileFormat::kOther) {
    // The extension promises a format the bytes do not start like.
    switch (expected) {
      case FileFormat::kPdf: return Make(expected, FileHealth::kCorrupt, "no %PDF- header");
      case FileFormat::kXml: return ProbeXml(bytes);
      default:
        return Make(expected, FileHealth::kCorrupt,
                    std::string("content is not ") + model::FileFormatName(expected));
    }
  }
  if (actual != expected) {
    return Make(actual, FileHealth::kWrongFormat,
                std::string("extension says ") + model::FileFormatName(expected) +
                    ", content is " + model::FileFormatName(actual));
  }
  switch (actual) {
    case FileFormat::kPdf: return ProbePdf(bytes);
    case FileFormat::kJpeg: return ProbeJpeg(bytes);
    case FileFormat::kPng: return ProbePng(bytes);
    case FileFormat::kXml: return ProbeXml(bytes);
    default: return Make(actual, FileHealth::kOk, "");
  }
}

}  // namespace pipeline::ingest
