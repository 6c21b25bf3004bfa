// The one prologue of every XML loader (checklists, templates, settings): parse, and on failure
// report FILE:LINE; turn a pugixml byte offset into a 1-based line number; read typed attributes
// with a Status that names the file and line.
#ifndef PIPELINE_CORE_XML_H_
#define PIPELINE_CORE_XML_H_

#include <cstddef>
#include <pugixml.hpp>
#include <string>
#include <string_view>

#include "pipeline/core/status.h"

namespace pipeline {

// 1-based line of byte `offset` in `text` (offsets past the end give the last line).
int LineAtOffset(std::string_view text, std::ptrdiff_t offset);

// Parses `text` (read from `path`) into `doc`; on failure the Status names path:line and the
// pugixml description.
Status ParseXml(const std::string& path, const std::string& text, pugi::xml_document& doc);

// Escapes & < > " (and, with `apostrophe`, ') for XML or HTML text and attribute values.
std::string EscapeMarkup(std::string_view s, bool apostrophe = false);

// Reads a decimal attribute (locale-independent). Missing attribute -> `fallback`. A present but
// malformed value -> InvalidData naming path and the line of `node`.
Result<double> NumberAttribute(const pugi::xml_node& node, const char* name, double fallback,
                               const std::string& path, std::string_view text);

}  // namespace pipeline

#endif  // PIPELINE_CORE_XML_H_
