// Form readers: the application form (申请表.docx or 申请表.xml) -> model::FormData.
//
// Word form. Every table is read row by row. A row whose cells name at least two occupation
// columns (序号 | 职业编码 | 职业（工种）名称 | 申报等级, including the name) starts the
// occupations table; one naming 变更前 and 变更后 starts the change table; other rows are
// label/value pairs, any number per row ("label | value | label | value"). A cell holding
// "label：value" is split at the colon, and so is a body paragraph outside any table
// (`申请日期：2025年6月1日`). Labels are matched through FormLabels (normalised; synonyms).
// Cell text is all w:t of the cell's paragraphs (runs concatenated, paragraphs joined by
// '\n'), excluding nested tables, which are read as tables of their own. gridSpan counts once;
// a vMerge continuation cell repeats the text of the cell it continues, and a label merged
// over several rows collects the values of those rows (joined by '\n').
//
// Locations (SourceRef::location), all 1-based:
//   "T2R3C4"         table 2 (top-level tables in document order), row 3, cell 4 (w:tc order)
//   "T1R1C1/T1R3C2"  a table nested in cell T1R1C1, its row 3, cell 2
//   "T2R3"           a whole row (occupation and change rows)
//   "P5"             body paragraph 5 (top-level paragraphs in document order)
// XML form (schema: templates/forms/application-schema.md): element paths such as
//   "/application/institution_name", "/application/occupations/occupation[2]".
#ifndef PIPELINE_INGEST_FORM_READER_H_
#define PIPELINE_INGEST_FORM_READER_H_

#include <string>
#include <string_view>

#include "pipeline/core/status.h"
#include "pipeline/ingest/form_labels.h"
#include "pipeline/ingest/limits.h"
#include "pipeline/model/form.h"

namespace pipeline::ingest {

// Reads a .docx held in memory. `file` is the display path recorded in FormData::file and every
// SourceRef. Fails (InvalidData) when the zip or word/document.xml cannot be read or parsed;
// an unrecognised layout is not a failure (FormData with few or no cells).
Result<model::FormData> ReadDocxForm(std::string_view docx_bytes, const std::string& file,
                                     const FormLabels& labels, const Limits& limits);

// Same, from word/document.xml text (for tests and tools).
Result<model::FormData> ParseDocumentXml(std::string_view document_xml, const std::string& file,
                                         const FormLabels& labels);

// Reads an 申请表.xml. Fails (InvalidData, message with the byte offset) on malformed XML or a
// root other than <application>. Unknown child elements go to FormData::unknown_labels.
Result<model::FormData> ReadXmlForm(std::string_view xml, const std::string& file);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FORM_READER_H_
