#include "pipeline/ingest/form_labels.h"

#include <algorithm>
#include <cstring>
#include <pugixml.hpp>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/core/xml.h"

namespace pipeline::ingest {
namespace {

template <typename Map, typename V>
bool AddTo(Map& map, std::string_view label, V value) {
  std::string key = NormalizeLabel(label);
  if (key.empty()) return false;
  auto [it, inserted] = map.emplace(key, value);
  return inserted || it->second == value;
}

template <typename Map>
auto LookupIn(const Map& map, std::string_view label) -> std::optional<typename Map::mapped_type> {
  std::string key = NormalizeLabel(label);
  while (!key.empty()) {
    auto it = map.find(key);
    if (it != map.end()) return it->second;
    // Retry without a trailing "(...)" hint, e.g. a list of the allowed values.
    if (key.back() != ')') break;
    std::size_t open = key.rfind('(');
    if (open == std::string::npos || open == 0) break;
    key.resize(open);
    while (!key.empty() && key.back() == ':') key.pop_back();
  }
  return std::nullopt;
}

// <blanks>: <blank-char> (one character), <signature> and <placeholder> words.
template <typename Fail>
Status ParseBlanks(const pugi::xml_node& node, FormLabels& labels, Fail&& fail) {
  for (pugi::xml_node c : node.children()) {
    if (c.type() != pugi::node_element) continue;
    std::string name = c.name();
    std::string text = c.text().get();
    if (NormalizeLabel(text).empty()) return fail(c, "empty <" + name + ">");
    if (name == "blank-char") {
      if (!labels.AddBlankChar(text)) return fail(c, "<blank-char> must be one character");
    } else if (name == "signature") {
      labels.AddSignatureWord(text);
    } else if (name == "placeholder") {
      labels.AddPlaceholder(text);
    } else {
      return fail(c, "unexpected element <" + name + "> in <blanks>");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string NormalizeLabel(std::string_view label) {
  std::string kept;
  for (char32_t c : DecodeUtf8(Nfkc(label))) {
    if (!IsWhiteSpace(c)) AppendUtf8(c, kept);
  }
  // Required-field marks and trailing colons.
  std::size_t b = 0;
  while (b < kept.size() && kept[b] == '*') ++b;
  std::size_t e = kept.size();
  while (e > b && (kept[e - 1] == ':' || kept[e - 1] == '*')) --e;
  return kept.substr(b, e - b);
}

std::optional<model::FormField> FormLabels::Lookup(std::string_view label) const {
  return LookupIn(fields_, label);
}

std::optional<OccupationColumn> FormLabels::LookupOccupationColumn(std::string_view h) const {
  return LookupIn(occupation_, h);
}

std::optional<ChangeColumn> FormLabels::LookupChangeColumn(std::string_view h) const {
  return LookupIn(change_, h);
}

bool FormLabels::IsFormFileName(std::string_view file_name) const {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext = AsciiLower(file_name.substr(dot + 1));
  return (ext == "docx" || ext == "xml") && NamesForm(file_name);
}

bool FormLabels::NamesForm(std::string_view file_name) const {
  std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  std::string stem = NormalizeLabel(file_name.substr(0, dot));
  return std::any_of(form_stems_.begin(), form_stems_.end(),
                     [&](const std::string& s) { return stem.find(s) != std::string::npos; });
}

std::optional<int> FormLabels::LookupLevelColumn(std::string_view header) const {
  return LookupIn(level_columns_, header);
}

bool FormLabels::IsSkipRow(std::string_view cell) const {
  std::string key = NormalizeLabel(cell);
  for (const std::string& s : skip_rows_) {
    if (key.compare(0, s.size(), s) == 0) return true;
  }
  return false;
}

namespace {
// A caption's words without the brackets around them: （续表） and 续表 read the same.
std::string CaptionKey(std::string_view text) {
  std::string key = NormalizeLabel(text);
  std::string out;
  for (char c : key) {
    if (c != '(' && c != ')' && c != '[' && c != ']') out += c;
  }
  return out;
}
}  // namespace

bool FormLabels::IsContinuedCaption(std::string_view paragraph) const {
  std::string key = CaptionKey(paragraph);
  return !key.empty() && std::find(continued_captions_.begin(), continued_captions_.end(), key) !=
                             continued_captions_.end();
}

void FormLabels::AddContinuedCaption(std::string_view text) {
  std::string key = CaptionKey(text);
  if (!key.empty()) continued_captions_.push_back(key);
}

bool FormLabels::IsTicked(std::string_view cell) const {
  std::string key = NormalizeLabel(cell);
  if (key.empty()) return false;
  return std::find(unticked_.begin(), unticked_.end(), key) == unticked_.end();
}

bool FormLabels::IsBlankChar(char32_t folded) const {
  return std::find(blank_chars_.begin(), blank_chars_.end(), folded) != blank_chars_.end();
}

bool FormLabels::NamesSignature(std::string_view text) const {
  std::string key = NormalizeLabel(text);
  return std::any_of(signature_words_.begin(), signature_words_.end(),
                     [&](const std::string& w) { return key.find(w) != std::string::npos; });
}

std::string FormLabels::PlaceholderKey(std::string_view text) const {
  std::string key;
  for (char32_t c : DecodeUtf8(NormalizeLabel(text))) {
    if (!IsBlankChar(c)) AppendUtf8(c, key);
  }
  std::string stop;
  AppendUtf8(0x3002, stop);  // the ideographic full stop ending Word's placeholder sentence
  while (!key.empty() && key.back() == '.') key.pop_back();
  while (key.size() >= stop.size() && key.compare(key.size() - stop.size(), stop.size(), stop) == 0)
    key.resize(key.size() - stop.size());
  return key;
}

bool FormLabels::IsPlaceholder(std::string_view value) const {
  if (placeholders_.empty()) return false;
  std::string key = PlaceholderKey(value);
  return !key.empty() &&
         std::find(placeholders_.begin(), placeholders_.end(), key) != placeholders_.end();
}

bool FormLabels::AddBlankChar(std::string_view text) {
  std::vector<char32_t> raw = DecodeUtf8(TrimSpace(text));
  if (raw.size() != 1) return false;
  std::vector<char32_t> folded = DecodeUtf8(Nfkc(TrimSpace(text)));
  blank_chars_.push_back(folded.size() == 1 ? folded.front() : raw.front());  // as Fold does
  return true;
}
void FormLabels::AddSignatureWord(std::string_view text) {
  std::string key = NormalizeLabel(text);
  if (!key.empty()) signature_words_.push_back(key);
}
void FormLabels::AddPlaceholder(std::string_view text) {
  std::string key = PlaceholderKey(text);
  if (!key.empty()) placeholders_.push_back(key);
}

bool FormLabels::AddLevelColumn(std::string_view label, int level) {
  return AddTo(level_columns_, label, level);
}
void FormLabels::AddSkipRow(std::string_view text) {
  std::string key = NormalizeLabel(text);
  if (!key.empty()) skip_rows_.push_back(key);
}
void FormLabels::AddUnticked(std::string_view text) {
  std::string key = NormalizeLabel(text);
  if (!key.empty()) unticked_.push_back(key);
}

bool FormLabels::AddLabel(std::string_view label, model::FormField field) {
  return AddTo(fields_, label, field);
}
bool FormLabels::AddOccupationHeader(std::string_view label, OccupationColumn column) {
  return AddTo(occupation_, label, column);
}
bool FormLabels::AddChangeHeader(std::string_view label, ChangeColumn column) {
  return AddTo(change_, label, column);
}
void FormLabels::AddFormFileStem(std::string_view stem) {
  std::string key = NormalizeLabel(stem);
  if (!key.empty()) form_stems_.push_back(key);
}

Result<FormLabels> LoadFormLabels(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, 4u << 20);
  if (!text) return text.error().WithContext("reading form labels");
  return ParseFormLabels(*text, path);
}

Result<FormLabels> ParseFormLabels(const std::string& xml, const std::string& path) {
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(path, xml, doc));
  auto fail = [&](const pugi::xml_node& node, const std::string& msg) {
    return Status::InvalidData(msg, path, LineAtOffset(xml, node.offset_debug()));
  };
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(root.name(), "form-labels") != 0) {
    return fail(root,
                std::string("root element must be <form-labels>, found <") + root.name() + ">");
  }
  FormLabels labels;
  auto each_label = [&](pugi::xml_node parent, auto&& add) -> Status {
    bool any = false;
    for (pugi::xml_node child : parent.children()) {
      if (child.type() != pugi::node_element) continue;
      if (std::strcmp(child.name(), "label") != 0) {
        return fail(child, std::string("unexpected element <") + child.name() + ">, want <label>");
      }
      std::string text = child.text().get();
      if (NormalizeLabel(text).empty()) return fail(child, "empty label");
      if (!add(text)) return fail(child, "label \"" + text + "\" is already mapped elsewhere");
      any = true;
    }
    if (!any) return fail(parent, "no <label> given");
    return Status::Ok();
  };
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    std::string kind = node.name();
    if (kind == "form-file") {
      std::string stem = node.text().get();
      if (NormalizeLabel(stem).empty()) return fail(node, "empty <form-file>");
      labels.AddFormFileStem(stem);
    } else if (kind == "field") {
      std::string name = node.attribute("name").value();
      std::optional<model::FormField> field = model::FormFieldFromName(name);
      if (!field) return fail(node, "unknown form field name \"" + name + "\"");
      PIPELINE_RETURN_IF_ERROR(
          each_label(node, [&](const std::string& t) { return labels.AddLabel(t, *field); }));
    } else if (kind == "blanks") {
      PIPELINE_RETURN_IF_ERROR(ParseBlanks(node, labels, fail));
    } else if (kind == "occupation-table" || kind == "change-table") {
      for (pugi::xml_node col : node.children()) {
        if (col.type() != pugi::node_element) continue;
        const std::string what = col.name();
        if (kind == "occupation-table" &&
            (what == "skip-row" || what == "unticked" || what == "continued-caption")) {
          std::string text = col.text().get();
          if (NormalizeLabel(text).empty()) return fail(col, "empty <" + what + ">");
          if (what == "skip-row") {
            labels.AddSkipRow(text);
          } else if (what == "unticked") {
            labels.AddUnticked(text);
          } else {
            labels.AddContinuedCaption(text);
          }
          continue;
        }
        if (kind == "occupation-table" && std::strcmp(col.name(), "level-column") == 0) {
          int level = col.attribute("level").as_int(0);
          if (level < 1 || level > 5) return fail(col, "<level-column> level must be 1..5");
          PIPELINE_RETURN_IF_ERROR(each_label(
              col, [&](const std::string& t) { return labels.AddLevelColumn(t, level); }));
          continue;
        }
        if (std::strcmp(col.name(), "column") != 0) {
          return fail(col, std::string("unexpected element <") + col.name() + ">, want <column>");
        }
        std::string name = col.attribute("name").value();
        Status st;
        if (kind == "occupation-table") {
          std::optional<OccupationColumn> c;
          if (name == "seq") c = OccupationColumn::kSeq;
          if (name == "code") c = OccupationColumn::kCode;
          if (name == "name") c = OccupationColumn::kName;
          if (name == "levels") c = OccupationColumn::kLevels;
          if (!c) return fail(col, "unknown occupation column \"" + name + "\"");
          st = each_label(col,
                          [&](const std::string& t) { return labels.AddOccupationHeader(t, *c); });
        } else {
          std::optional<ChangeColumn> c;
          if (name == "item") c = ChangeColumn::kItem;
          if (name == "before") c = ChangeColumn::kBefore;
          if (name == "after") c = ChangeColumn::kAfter;
          if (!c) return fail(col, "unknown change column \"" + name + "\"");
          st = each_label(col, [&](const std::string& t) { return labels.AddChangeHeader(t, *c); });
        }
        PIPELINE_RETURN_IF_ERROR(st);
      }
    } else {
      return fail(node, "unexpected element <" + kind + ">");
    }
  }
  if (labels.label_count() == 0) return fail(root, "no <field> labels defined");
  return labels;
}

}  // namespace pipeline::ingest
