// Values as people type them on a printed form, tidied before anything reads them: the blank
// line a value was typed on (＿＿5222…＿＿＿＿, ____), the seal and signature placeholders
// beside a value (2025年10月15日（盖章）, （单位盖章）), a date left as its printed blank
// (____年__月__日) and content-control placeholder text (单击或点击此处输入文字。) are not
// part of the value; a value made only of them is not filled. Signature lines at the foot of a
// form (法定代表人（签字）：…（单位盖章）) are not a second copy of the field they name.
//
// The characters and words are data (<blanks> in checklists/form_labels.xml, FormLabels).
#ifndef PIPELINE_INGEST_FORM_VALUES_H_
#define PIPELINE_INGEST_FORM_VALUES_H_

#include <string>
#include <string_view>

#include "pipeline/ingest/form_labels.h"
#include "pipeline/model/form.h"

namespace pipeline::ingest {

// `value` without leading/trailing whitespace and blank-line characters, without bracketed
// groups naming a seal or signature (（盖章）, (单位盖章)), and empty when what is left is only
// a printed placeholder (年月日, 单击或点击此处输入文字). Otherwise as written.
std::string TidyValue(std::string_view value, const FormLabels& labels);

// Tidies every value of `form` (cells, occupation and change rows) and drops the cells of
// signature lines: a cell whose label names a signature or seal (法定代表人（签字）,
// 单位（盖章）) when the same field was already given by an earlier cell; the first mention
// of a field is its value whatever its hint says (申请单位（盖章）｜吉林省…中心).
void TidyFormValues(model::FormData& form, const FormLabels& labels);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_FORM_VALUES_H_
