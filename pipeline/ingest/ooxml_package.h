// Which part of an OOXML package (docx, xlsx) is the main document, read the way Office reads
// it: the officeDocument relationship of _rels/.rels, else the [Content_Types].xml override of a
// main-document content type, else the usual name (word/document.xml, xl/workbook.xml). Other
// suites and converters save the main part under other names (word/document2.xml).
#ifndef PIPELINE_INGEST_OOXML_PACKAGE_H_
#define PIPELINE_INGEST_OOXML_PACKAGE_H_

#include <string>

#include "pipeline/ingest/zip_reader.h"
#include "pipeline/model/dossier.h"

namespace pipeline::ingest {

struct OoxmlPackage {
  model::FileFormat kind = model::FileFormat::kOther;  // kDocx, kXlsx, or kOther (not OOXML)
  std::string main_part;                               // zip entry name, "" for kOther
};

// The package's kind and main part. kOther when [Content_Types].xml is absent or no main part
// of a known kind exists in the zip.
OoxmlPackage FindMainPart(const ZipReader& zip);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_OOXML_PACKAGE_H_
