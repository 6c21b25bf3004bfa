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

bool FormLabels::IsTicked(std::string_view cell) const {
  std::string key = NormalizeLabel(cell);
  if (key.empty()) return false;
  return std::find(unticked_.begin(), unticked_.end(), key) == unticked_.end();
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
    } else if (kind == "occupation-table" || kind == "change-table") {
      for (pugi::xml_node col : node.children()) {
        if (col.type() != pugi::node_element) continue;
        if (kind == "occupation-table" && (std::strcmp(col.name(), "skip-row") == 0 ||
                                           std::strcmp(col.name(), "unticked") == 0)) {
          std::string text = col.text().get();
          if (NormalizeLabel(text).empty())
            return fail(col, "empty <" + std::string(col.name()) + ">");
          if (col.name()[0] == 's')
            labels.AddSkipRow(text);
          else
            labels.AddUnticked(text);
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
