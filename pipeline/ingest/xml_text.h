// XML as applicants' tools write it: any encoding the declaration names, namespace prefixes
// anywhere, nesting that must be bounded before anything walks it recursively.
#ifndef PIPELINE_INGEST_XML_TEXT_H_
#define PIPELINE_INGEST_XML_TEXT_H_

#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace pipeline::ingest {

// `bytes` (an XML document) as UTF-8 text. The encoding comes from the byte-order mark, else
// from the XML declaration (`encoding="GBK"`, GB2312, GB18030, UTF-16LE/BE, ...; any name ICU
// knows), else UTF-8 (UTF-16 without a mark is recognised by its zero bytes). The result has no
// byte-order mark and must be parsed as UTF-8 (pugi::encoding_utf8), since its declaration may
// still name the old encoding. Fails (InvalidData) for an encoding ICU does not know or bytes
// that are not valid in it.
Result<std::string> XmlToUtf8(std::string_view bytes);

// Parses UTF-8 XML text (from XmlToUtf8) into `doc`; on failure an InvalidData naming the byte
// offset, prefixed with `what` ("word/document.xml").
Status ParseXmlText(const std::string& text, const std::string& what, pugi::xml_document& doc);

// True when elements under `root` nest deeper than `max_depth` levels (root = level 1). Walks
// without recursion and stops at the first element past the cap.
bool NestsDeeperThan(const pugi::xml_node& root, int max_depth);

// `name` without its namespace prefix ("w:tc" -> "tc", "ns0:application" -> "application").
std::string_view LocalName(std::string_view name);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_XML_TEXT_H_
