#include "pipeline/ingest/ooxml_package.h"

#include <pugixml.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/ingest/xml_text.h"

namespace pipeline::ingest {
namespace {

using model::FileFormat;

bool ParsePart(const ZipReader& zip, const char* name, pugi::xml_document& doc) {
  Result<std::string> xml = zip.Read(name);
  if (!xml) return false;
  Result<std::string> text = XmlToUtf8(*xml);
  return text && ParseXmlText(*text, "", doc).ok();
}

std::string_view Attr(const pugi::xml_node& n, std::string_view want) {
  for (pugi::xml_attribute a : n.attributes()) {
    if (LocalName(a.name()) == want) return a.value();
  }
  return {};
}

std::string PartName(std::string_view target) {
  while (!target.empty() && target.front() == '/') target.remove_prefix(1);
  return std::string(target);
}

// The kind of main part a content type names.
FileFormat KindOfContentType(std::string_view ct) {
  if (ct.find("wordprocessingml.document.main+xml") != std::string_view::npos ||
      ct.find("wordprocessingml.template.main+xml") != std::string_view::npos ||
      ct.find("ms-word.document.macroEnabled.main+xml") != std::string_view::npos) {
    return FileFormat::kDocx;
  }
  if (ct.find("spreadsheetml.sheet.main+xml") != std::string_view::npos ||
      ct.find("spreadsheetml.template.main+xml") != std::string_view::npos ||
      ct.find("ms-excel.sheet.macroEnabled.main+xml") != std::string_view::npos) {
    return FileFormat::kXlsx;
  }
  return FileFormat::kOther;
}

}  // namespace

OoxmlPackage FindMainPart(const ZipReader& zip) {
  if (!zip.Has("[Content_Types].xml")) return {};
  // Content types: part name -> kind, for the main-document overrides.
  pugi::xml_document types;
  std::vector<std::pair<std::string, FileFormat>> mains;
  if (ParsePart(zip, "[Content_Types].xml", types)) {
    for (pugi::xml_node o : types.document_element().children()) {
      if (LocalName(o.name()) != "Override") continue;
      FileFormat kind = KindOfContentType(Attr(o, "ContentType"));
      if (kind != FileFormat::kOther) mains.emplace_back(PartName(Attr(o, "PartName")), kind);
    }
  }
  auto kind_of = [&](const std::string& part) {
    for (const auto& [name, kind] : mains) {
      if (name == part) return kind;
    }
    if (part == "word/document.xml") return FileFormat::kDocx;
    if (part == "xl/workbook.xml") return FileFormat::kXlsx;
    return FileFormat::kOther;
  };
  pugi::xml_document rels;
  if (ParsePart(zip, "_rels/.rels", rels)) {
    for (pugi::xml_node r : rels.document_element().children()) {
      std::string_view type = Attr(r, "Type");
      constexpr std::string_view kOffice = "/officeDocument";
      if (type.size() < kOffice.size() || type.substr(type.size() - kOffice.size()) != kOffice) {
        continue;
      }
      std::string part = PartName(Attr(r, "Target"));
      FileFormat kind = kind_of(part);
      if (kind != FileFormat::kOther && zip.Has(part)) return {kind, part};
    }
  }
  for (const auto& [name, kind] : mains) {
    if (zip.Has(name)) return {kind, name};
  }
  if (zip.Has("word/document.xml")) return {FileFormat::kDocx, "word/document.xml"};
  if (zip.Has("xl/workbook.xml")) return {FileFormat::kXlsx, "xl/workbook.xml"};
  return {};
}

}  // namespace pipeline::ingest
