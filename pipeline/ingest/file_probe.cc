#include "pipeline/ingest/file_probe.h"

#include <algorithm>
#include <cstdint>
#include <pugixml.hpp>

#include "pipeline/core/text.h"
#include "pipeline/ingest/ooxml_package.h"
#include "pipeline/ingest/pdf_inspect.h"
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
enum class Magic { kUnknown, kPdf, kJpeg, kPng, kZip, kOle, kXml, kTiff, kWebp, kHeic };

std::string_view Tail(std::string_view s, std::size_t n) {
  return s.size() <= n ? s : s.substr(s.size() - n);
}

Magic SniffMagic(std::string_view b) {
  if (b.substr(0, 1024).find(kPdfMagic) != std::string_view::npos) return Magic::kPdf;
  if (b.size() >= 3 && b.starts_with(std::string_view("\xFF\xD8\xFF", 3))) return Magic::kJpeg;
  if (b.starts_with(kPngMagic)) return Magic::kPng;
  if (b.starts_with(kZipMagic) || b.starts_with(kZipEmptyMagic)) return Magic::kZip;
  if (b.starts_with(kOleMagic)) return Magic::kOle;
  if (b.starts_with(std::string_view("II*\0", 4)) || b.starts_with(std::string_view("MM\0*", 4))) {
    return Magic::kTiff;
  }
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return Magic::kWebp;
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
    const std::string_view brand = b.substr(8, 4);
    for (std::string_view h : {"heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"}) {
      if (brand == h) return Magic::kHeic;
    }
  }
  std::string_view rest = b;
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  std::size_t first = rest.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && rest[first] == '<') return Magic::kXml;
  return Magic::kUnknown;
}

FileFormat FormatOfMagic(Magic m) {
  switch (m) {
    case Magic::kPdf:
      return FileFormat::kPdf;
    case Magic::kJpeg:
      return FileFormat::kJpeg;
    case Magic::kPng:
      return FileFormat::kPng;
    case Magic::kXml:
      return FileFormat::kXml;
    case Magic::kTiff:
      return FileFormat::kTiff;
    case Magic::kWebp:
      return FileFormat::kWebp;
    case Magic::kHeic:
      return FileFormat::kHeic;
    default:
      return FileFormat::kOther;
  }
}

bool IsLegacyOffice(FileFormat f) {
  return f == FileFormat::kDoc || f == FileFormat::kXls || f == FileFormat::kPpt;
}

std::uint32_t Le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::uint32_t Be16(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1]));
}

// The UTF-16LE name `name` as an OLE2 directory entry writes it (with the terminating NUL).
std::string Utf16Name(std::string_view name) {
  std::string out;
  for (char c : name) {
    out += c;
    out += '\0';
  }
  out += std::string(2, '\0');
  return out;
}

// True when an OLE2 directory entry named `name` exists: directory entries are 128-byte
// records (sector sizes are multiples of 128), the name in UTF-16LE at the start, its byte
// length at offset 64 and the object type (1 storage, 2 stream, 5 root) at 66.
bool HasOleEntry(std::string_view b, std::string_view name) {
  const std::string needle = Utf16Name(name);
  for (std::size_t at = b.find(needle); at != std::string_view::npos; at = b.find(needle, at + 1)) {
    if (at % 128 != 0 || at < 512 || at + 68 > b.size()) continue;
    const unsigned char type = static_cast<unsigned char>(b[at + 66]);
    if (Le16(b, at + 64) == needle.size() && (type == 1 || type == 2 || type == 5)) return true;
  }
  return false;
}

// What an OLE2 compound file holds, by its streams; kOther when none is known.
enum class OleKind { kOther, kWord, kExcel, kPowerPoint, kEncryptedOoxml };
OleKind OleKindOf(std::string_view b) {
  if (HasOleEntry(b, "EncryptedPackage")) return OleKind::kEncryptedOoxml;
  if (HasOleEntry(b, "WordDocument")) return OleKind::kWord;
  if (HasOleEntry(b, "Workbook") || HasOleEntry(b, "Book")) return OleKind::kExcel;
  if (HasOleEntry(b, "PowerPoint Document")) return OleKind::kPowerPoint;
  return OleKind::kOther;
}

// Zip containers told apart by their parts: OOXML documents and OFD e-documents.
bool IsOoxml(FileFormat f) {
  return f == FileFormat::kDocx || f == FileFormat::kXlsx || f == FileFormat::kOfd;
}

FileHealth HealthOfZipProblem(ZipProblem p) {
  switch (p) {
    case ZipProblem::kNone:
      return FileHealth::kOk;
    case ZipProblem::kTruncated:
      return FileHealth::kTruncated;
    case ZipProblem::kEncrypted:
      return FileHealth::kEncrypted;
    case ZipProblem::kTooLarge:
      return FileHealth::kTooLarge;
    case ZipProblem::kNotZip:
    case ZipProblem::kCorrupt:
      return FileHealth::kCorrupt;
  }
  return FileHealth::kCorrupt;
}

// The kind a healthy zip holds, from its parts; `main_part` gets the part to check. An OFD
// package is named by OFD.xml; an OOXML one as Office reads it (FindMainPart).
FileFormat ZipKind(const ZipReader& zip, std::string* main_part) {
  if (zip.Has("OFD.xml")) {
    *main_part = "OFD.xml";
    return FileFormat::kOfd;
  }
  OoxmlPackage package = FindMainPart(zip);
  *main_part = std::move(package.main_part);
  return package.kind;
}

FileFormat OoxmlKind(const ZipReader& zip) {
  std::string part;
  return ZipKind(zip, &part);
}

Probe Make(FileFormat f, FileHealth h, std::string detail) {
  return Probe{f, h, std::move(detail), 0};
}

// A PDF as a viewer opens it, read by qpdf (pdf_inspect.h): an /Encrypt dictionary locks it
// only when the empty user password does not open it (an owner password alone restricts
// printing or copying; every viewer opens such a file); what qpdf cannot read, or a page tree
// without pages, is corrupt.
Probe ProbePdf(std::string_view b, const Limits& limits) {
  // Readers take the last %%EOF; bytes after it (scanner padding, appended data) are ignored.
  if (b.rfind("%%EOF") == std::string_view::npos) {
    return Make(FileFormat::kPdf, FileHealth::kTruncated, "no %%EOF marker");
  }
  PdfInspection pdf = InspectPdf(b, limits.max_pdf_pages);
  Probe p = Make(FileFormat::kPdf, FileHealth::kOk, std::move(pdf.detail));
  p.pages = pdf.pages;
  switch (pdf.verdict) {
    case PdfVerdict::kOpens:
      p.detail.clear();
      break;
    case PdfVerdict::kNeedsPassword:
      p.health = FileHealth::kEncrypted;
      p.detail = "/Encrypt: " + p.detail;
      break;
    case PdfVerdict::kDamaged:
      p.health = FileHealth::kCorrupt;
      break;
    case PdfVerdict::kTooManyPages:
      p.health = FileHealth::kTooLarge;
      p.detail += ", cap max_pdf_pages";
      break;
  }
  return p;
}

// Walks the JPEG markers from SOI: segments with a length up to each SOS, then the entropy-coded
// data up to the next marker, until EOI. Data after EOI (a phone's "motion photo" video) is
// not part of the image and is fine.
bool JpegHasEnd(std::string_view b) {
  std::size_t i = 2;
  while (i + 1 < b.size()) {
    if (static_cast<unsigned char>(b[i]) != 0xFF) return false;
    const unsigned char marker = static_cast<unsigned char>(b[i + 1]);
    if (marker == 0xFF) {  // fill byte
      ++i;
      continue;
    }
    if (marker == 0xD9) return true;
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      i += 2;
      continue;
    }
    if (i + 4 > b.size()) return false;
    i += 2 + Be16(b, i + 2);
    if (marker != 0xDA) continue;
    // Entropy-coded data: FF 00 is a stuffed byte, FF D0-D7 a restart; any other FF xx is
    // the next marker.
    while (i + 1 < b.size()) {
      if (static_cast<unsigned char>(b[i]) == 0xFF) {
        const unsigned char next = static_cast<unsigned char>(b[i + 1]);
        if (next != 0x00 && next != 0xFF && !(next >= 0xD0 && next <= 0xD7)) break;
      }
      ++i;
    }
  }
  return false;
}

Probe ProbeJpeg(std::string_view b) {
  // Short or odd files the marker walk cannot follow: an end marker near the end will do.
  const bool end_near_tail =
      b.size() >= 4 &&
      Tail(b.substr(2), 4096).find(std::string_view("\xFF\xD9", 2)) != std::string_view::npos;
  if (b.size() < 4 || !(JpegHasEnd(b) || end_near_tail)) {
    return Make(FileFormat::kJpeg, FileHealth::kTruncated, "no JPEG end-of-image marker");
  }
  return Make(FileFormat::kJpeg, FileHealth::kOk, "");
}

// TIFF: the first IFD must lie inside the file. WebP: the RIFF size must fit. HEIC: the ftyp
// box is enough (its codec is not decoded here).
Probe ProbePicture(FileFormat f, std::string_view b) {
  if (f == FileFormat::kTiff) {
    if (b.size() < 8) return Make(f, FileHealth::kTruncated, "TIFF header cut");
    const bool le = b[0] == 'I';
    auto byte = [&](std::size_t k) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(b[k]));
    };
    const std::uint32_t ifd = le ? byte(4) | byte(5) << 8 | byte(6) << 16 | byte(7) << 24
                                 : byte(7) | byte(6) << 8 | byte(5) << 16 | byte(4) << 24;
    if (ifd < 8 || ifd >= b.size())
      return Make(f, FileHealth::kTruncated, "TIFF IFD beyond the end");
  } else if (f == FileFormat::kWebp) {
    const std::uint64_t riff = Le16(b, 4) | static_cast<std::uint64_t>(Le16(b, 6)) << 16;
    if (riff + 8 > b.size())
      return Make(f, FileHealth::kTruncated, "WebP RIFF size beyond the end");
  }
  return Make(f, FileHealth::kOk, "");
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
  std::string main_part;
  FileFormat kind = ZipKind(zip, &main_part);
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
                expected == FileFormat::kOfd ? "zip lacks OFD.xml"
                                             : "zip lacks [Content_Types].xml or a main document "
                                               "part (_rels/.rels officeDocument)");
  }
  if (kind != expected) {
    return Make(kind, FileHealth::kWrongFormat,
                std::string("content is ") + model::FileFormatName(kind));
  }
  // Inflate the required parts: catches bad CRCs and sizes that lie about a bomb.
  std::vector<std::string> parts = {main_part};
  if (kind != FileFormat::kOfd) parts.insert(parts.begin(), "[Content_Types].xml");
  for (const std::string& part : parts) {
    ZipProblem why = ZipProblem::kCorrupt;
    Result<std::string> data = zip.Read(part, &why);
    if (!data) return Make(kind, HealthOfZipProblem(why), data.error().message());
    pugi::xml_document doc;
    pugi::xml_parse_result r = doc.load_buffer(data->data(), data->size());
    if (!r) {
      return Make(kind, FileHealth::kCorrupt, part + ": malformed XML: " + r.description());
    }
  }
  return Make(kind, FileHealth::kOk, "");
}

// An OLE2 compound file with the extension promising `expected`.
Probe ProbeOle(std::string_view b, FileFormat expected) {
  const OleKind kind = OleKindOf(b);
  if (kind == OleKind::kEncryptedOoxml || (kind == OleKind::kOther && IsOoxml(expected))) {
    // Password-protected OOXML is stored as an OLE2 file with an EncryptedPackage stream.
    return Make(IsOoxml(expected) ? expected : FileFormat::kOther, FileHealth::kEncrypted,
                "OLE2 encrypted package");
  }
  const FileFormat actual = kind == OleKind::kWord         ? FileFormat::kDoc
                            : kind == OleKind::kExcel      ? FileFormat::kXls
                            : kind == OleKind::kPowerPoint ? FileFormat::kPpt
                                                           : FileFormat::kOther;
  if (IsLegacyOffice(expected)) {
    if (actual == FileFormat::kOther || actual == expected) {
      return Make(expected, FileHealth::kOk, "");  // legacy Office (also WPS): readable
    }
    return Make(actual, FileHealth::kWrongFormat,
                std::string("content is ") + model::FileFormatName(actual));
  }
  if (expected == FileFormat::kOther) {
    if (actual == FileFormat::kOther) {
      return Make(FileFormat::kOther, FileHealth::kUnsupported, "OLE2 compound file");
    }
    return Make(actual, FileHealth::kWrongFormat,
                std::string("extension does not match content ") + model::FileFormatName(actual));
  }
  return Make(actual, FileHealth::kWrongFormat,
              std::string("content is an OLE2 file (") + model::FileFormatName(actual) + ")");
}

}  // namespace

FileFormat FormatFromExtension(std::string_view file_name) {
  std::size_t slash = file_name.rfind('/');
  if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return FileFormat::kOther;
  const std::string ext = AsciiLower(file_name.substr(dot + 1));
  if (ext == "pdf") return FileFormat::kPdf;
  if (ext == "jpg" || ext == "jpeg") return FileFormat::kJpeg;
  if (ext == "png") return FileFormat::kPng;
  if (ext == "docx") return FileFormat::kDocx;
  if (ext == "xlsx") return FileFormat::kXlsx;
  if (ext == "xml") return FileFormat::kXml;
  if (ext == "ofd") return FileFormat::kOfd;
  if (ext == "tif" || ext == "tiff") return FileFormat::kTiff;
  if (ext == "heic" || ext == "heif") return FileFormat::kHeic;
  if (ext == "webp") return FileFormat::kWebp;
  if (ext == "doc" || ext == "wps") return FileFormat::kDoc;
  if (ext == "xls" || ext == "et") return FileFormat::kXls;
  if (ext == "ppt" || ext == "dps") return FileFormat::kPpt;
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
  if (magic == Magic::kOle) return ProbeOle(bytes, expected);
  FileFormat actual = FormatOfMagic(magic);
  if (expected == FileFormat::kOther) {
    if (actual == FileFormat::kOther) {
      return Make(FileFormat::kOther, FileHealth::kUnsupported, "unrecognised file type");
    }
    return Make(actual, FileHealth::kWrongFormat,
                std::string("extension does not match content ") + model::FileFormatName(actual));
  }
  if (actual == FileFormat::kOther && IsLegacyOffice(expected) && bytes.starts_with("{\\rtf")) {
    return Make(expected, FileHealth::kOk, "");  // RTF saved as .doc (Word and WPS do this)
  }
  if (actual == FileFormat::kOther) {
    // The extension promises a format the bytes do not start like.
    switch (expected) {
      case FileFormat::kPdf:
        return Make(expected, FileHealth::kCorrupt, "no %PDF- header");
      case FileFormat::kXml:
        return ProbeXml(bytes);
      default:
        return Make(expected, FileHealth::kCorrupt,
                    std::string("content is not ") + model::FileFormatName(expected));
    }
  }
  if (actual != expected) {
    return Make(actual, FileHealth::kWrongFormat,
                std::string("extension says ") + model::FileFormatName(expected) + ", content is " +
                    model::FileFormatName(actual));
  }
  switch (actual) {
    case FileFormat::kPdf:
      return ProbePdf(bytes, limits);
    case FileFormat::kJpeg:
      return ProbeJpeg(bytes);
    case FileFormat::kPng:
      return ProbePng(bytes);
    case FileFormat::kXml:
      return ProbeXml(bytes);
    case FileFormat::kTiff:
    case FileFormat::kWebp:
    case FileFormat::kHeic:
      return ProbePicture(actual, bytes);
    default:
      return Make(actual, FileHealth::kOk, "");
  }
}

}  // namespace pipeline::ingest
