// Document templates: XML files in templates/documents/ that describe an official document's
// structure, filled from a JSON data model (a dossier's report.json plus a `document` object).
// Adding a document type takes a template, no C++. The syntax:
//
//   <document name="..." title="{...}" subject="..." author="{document.issuer}"
//             date-format=`{year}年{month}月{day}日` page-number=`— {page} —`>
//     <lookup name="status"><entry key="met">...</entry></lookup>
//     <watermark if="document.draft">...</watermark>
//     <issuer-mark/> <doc-number [signer='签发人：…']/> <title/> <addressee/> <p/> <h1/> <h2/>
//     <blank lines="1"/> <title keep="{institution.name}"> (a span the title's lines never break
//     inside) <attachment/> <note/> <page-break/>
//     (<p keep-with-next="true"> never ends a page; <p keep-with-previous="true"> stays whole on
//     the page of the line above it, e.g. the 签字 lines above the 署名)
//     <table><column width="12" align="center">...</column><row><cell>...</cell></row></table>
//     <signature><signer>...</signer><date>...</date></signature>
//     <banji><row left="..." right="..."/></banji>
//     <if path="a.b" [equals="v" | not-equals="v" | in="v1,v2" | empty="true"]> ...
//     <else>...</else></if> <for each="a.items" as="item" [where="item.status" equals=... |
//     in=...]> ... </for>
//     <choice-slots name="SET" values="a|b" each="a.items" as="x" [where=... equals=...]
//                   slot="{x.slot}" label="..." box="..." separator="..."/>
//       declares, for each element of the array, a slot whose text is one of `values` (`beian
//       edit` accepts nothing else); several declarations may share one SET (same values).
//     <choice of="SET" slot="{x.slot}"/> (inline) prints the slot's value, or while it is
//       blank every value behind `box`, joined by `separator` (boxes to tick by hand).
//     `choices.SET.count`, `choices.SET.unset` and `choices.SET.chosen.VALUE` count the SET's
//     slots, blank ones and those set to VALUE (for <if>, e.g. a conclusion that follows them).
//   </document>
//
// An <if path=...> may itself hold placeholders (`slots.{x.slot}`: the slot an element names).
// Text holds placeholders {path|filter:arg|...}: path segments name a loop variable, `loop`
// (index, number, count, first, last of the innermost <for>), `today` (the render date in the
// template's date format) or a key of the data; filters are lookup:TABLE, join:SEP, default:TEXT,
// count, date (ISO date -> date-format). Missing keys render as empty text, and a paragraph,
// heading or table that comes out empty is left out, so templates work on partial data.
// `{{` and `}}` are literal braces. Whitespace runs that contain a line break are removed from
// text, so Chinese text can be wrapped freely in the XML.
//
// Template errors (bad XML, unknown element, unknown filter or lookup table, unclosed
// placeholder) name the template file and line, and are reported when the template is parsed.
#ifndef PIPELINE_RENDER_DOC_TEMPLATE_H_
#define PIPELINE_RENDER_DOC_TEMPLATE_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/render/pdf/document.h"

namespace pipeline::render {

// A slot whose text is one of a fixed set of values, as a template declares it for its data.
struct ChoiceSlot {
  std::string name;   // the slot (`slots.NAME`)
  std::string label;  // what it decides, for forms and messages
  std::vector<std::string> values;
};

class Template {
 public:
  // Parses and validates `text`, read from `path` (used in messages).
  static Result<std::unique_ptr<Template>> Parse(const std::string& path, std::string text);

  // Fills the template from `data`. `date` is the 成文日期 and PDF creation date. Fails only on
  // template problems discovered with data (e.g. a <for> over a value that is not an array is
  // NOT an error: it repeats zero times).
  Result<Document> Instantiate(const nlohmann::json& data, const Date& date) const;

  // The choice slots the template declares for `data` (<choice-slots>), in document order.
  std::vector<ChoiceSlot> ChoiceSlots(const nlohmann::json& data) const;

  const std::string& path() const { return path_; }
  const std::string& name() const { return name_; }

 private:
  Template() = default;
  Status Validate(const pugi::xml_node& node, int depth) const;
  Status ValidateText(const char* text, const pugi::xml_node& where) const;
  Status ValidateNumbers(const pugi::xml_node& node) const;
  // `value` of the numeric attribute `name` of `node`, or an error naming the file and line
  // when it is not a number in the attribute's range.
  Result<double> CheckNumber(const pugi::xml_node& node, const char* name,
                             const std::string& value) const;
  int LineOf(const pugi::xml_node& node) const;

  friend class TemplateInstance;

  std::string path_;
  std::string name_;
  std::string text_;  // kept so that line numbers can be computed
  pugi::xml_document doc_;
  std::string date_format_;
  std::map<std::string, std::map<std::string, std::string>> lookups_;
  // <choice-slots> sets: name -> values, box, separator.
  struct ChoiceSet {
    std::vector<std::string> values;
    std::string box, separator;
  };
  std::map<std::string, ChoiceSet> choice_sets_;
};

// The reviewer's free-text slots a template prints: every NAME of `slots.NAME` in its text
// (placeholders and conditions alike), sorted, once each. Slots are filled by `beian edit`.
std::vector<std::string> SlotNames(std::string_view template_text);

}  // namespace pipeline::render

#endif  // PIPELINE_RENDER_DOC_TEMPLATE_H_
