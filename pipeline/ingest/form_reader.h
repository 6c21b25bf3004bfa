// Form readers: the application form (申请表.docx or 申请表.xml) -> model::FormData.
//
// Word form. Every table is read row by row. A row whose cells name at least two occupation
// columns (序号 | 职业编码 | 职业（工种）名称 | 申报等级, including the name) starts the
// occupations table; one naming 变更前 and 变更后 starts the change table; other rows are
// label/value pairs, any number per row ("label | value | label | value"). A cell holding
// 「label：value」 is split at the colon, and so is a body paragraph outside any table
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

// The main part is the one the package names (_rels/.rels officeDocument relationship, else
// the [Content_Types].xml override), not always word/document.xml.

// Same, from the main part's XML text (for tests and tools); `part` names it in messages.
// Over limits.max_form_bytes or limits.max_xml_depth the form is not read: the result has no
// cells and a fatal LimitHit. Deeper tables and wrappers than allowed are skipped, values cut at
// max_value_chars, occupation rows after max_occupations dropped, each a LimitHit.
// Deleted tracked changes (w:del, w:moveFrom, deleted rows) and content controls still showing
// their placeholder (w:showingPlcHdr) are not read; legacy check-box fields read as ☑/☐.
Result<model::FormData> ParseDocumentXml(std::string_view document_xml, const std::string& file,
                                         const FormLabels& labels, const Limits& limits = {},
                                         const std::string& part = "word/document.xml");

// Reads an 申请表.xml in any encoding its declaration names (GBK, GB18030, UTF-16, …).
// Elements and attributes are matched by local name, so namespace prefixes do not matter.
// Fails (InvalidData, message with the byte offset) on malformed XML or a root other than
// <application>. Unknown child elements go to FormData::unknown_labels. The limits apply as for
// the Word form (LimitHit on the FormData).
Result<model::FormData> ReadXmlForm(std::string_view xml, const std::string& file,
                                    const Limits& limits = {});

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FORM_READER_H_
