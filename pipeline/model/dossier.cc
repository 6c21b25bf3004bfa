#include "pipeline/model/dossier.h"

namespace pipeline::model {

const char* FileFormatName(FileFormat f) {
  switch (f) {
    case FileFormat::kPdf: return "pdf";
    case FileFormat::kJpeg: return "jpeg";
    case FileFormat::kPng: return "png";
    case FileFormat::kDocx: return "docx";
    case FileFormat::kXlsx: return "xlsx";
    case FileFormat::kXml: return "xml";
    case FileFormat::kOther: return "other";
    case FileFormat::kOfd: return "ofd";
    case FileFormat::kTiff: return "tiff";
    case FileFormat::kHeic: return "heic";
    case FileFormat::kWebp: return "webp";
    case FileFormat::kDoc: return "doc";
    case FileFormat::kXls: return "xls";
    case FileFormat::kPpt: return "ppt";
  }
  return "other";
}

const char* FileHealthName(FileHealth h) {
  switch (h) {
    case FileHealth::kOk: return "ok";
    case FileHealth::kEmpty: return "empty";
    case FileHealth::kCorrupt: return "corrupt";
    case FileHealth::kTruncated: return "truncated";
    case FileHealth::kWrongFormat: return "wrong_format";
    case FileHealth::kEncrypted: return "encrypted";
    case FileHealth::kTooLarge: return "too_large";
    case FileHealth::kUnsupported: return "unsupported";
  }
  return "ok";
}

}  // namespace pipeline::model
