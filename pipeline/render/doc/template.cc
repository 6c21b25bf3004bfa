#include "pipeline/render/doc/template.h"

#include <cassert>
#include <cctype>
#include <charconv>
#include <cstring>
#include <set>
#include <sstream>
#include <vector>

#include "pipeline/core/xml.h"

namespace pipeline::render {
namespace {

using nlohmann::json;

const std::set<std::string>& BlockElements() {
  static const std::set<std::string> kNames = {
      "issuer-mark", "doc-number", "title",     "addressee",  "p",           "h1",        "h2",
      "blank",       "attachment", "note",      "page-break", "table",       "signature", "banji",
      "if",          "for",        "watermark", "lookup",     "choice-slots"};
  return kNames;
}

// The numeric attributes a template may set, and the range the typesetter accepts for each. A
// value outside its range (or not a plain decimal) is refused when the template is loaded, so
// instantiation never meets one.
struct NumericAttribute {
  const char* name;
  double min;
  double max;
  bool integer;
};

constexpr NumericAttribute kNumericAttributes[] = {
    {"lines", 0, 20, true},         // <blank>: blank lines
    {"size", 1, 72, false},         // font size in points (paragraphs and tables)
    {"indent", 0, 20, false},       // first-line indent in characters
    {"rest-indent", 0, 20, false},  // indent of the following lines in characters
    {"width", 1, 500, false},       // <column>: width in millimetres
};

bool IsKnownFilter(const std::string& name) {
  return name == "lookup" || name == "join" || name == "default" || name == "count" ||
         name == "date";
}

// Splits "a|b:c|d" at '|'.
std::vector<std::string> SplitFilters(const std::string& expr) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : expr) {
    if (c == '|') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Removes whitespace runs that contain a line break (XML indentation inside Chinese text).
std::string StripLayoutWhitespace(const char* text) {
  std::string out;
  std::size_t n = std::strlen(text);
  for (std::size_t i = 0; i < n;) {
    if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
      std::size_t j = i;
      bool newline = false;
      while (j < n && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) {
        newline = newline || text[j] == '\n';
        ++j;
      }
      if (!newline) out.append(text + i, j - i);
      i = j;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string ScalarText(const json& v) {
  switch (v.type()) {
    case json::value_t::string:
      return v.get<std::string>();
    case json::value_t::number_integer:
      return std::to_string(v.get<long long>());
    case json::value_t::number_unsigned:
      return std::to_string(v.get<unsigned long long>());
    case json::value_t::number_float: {
      double d = v.get<double>();
      if (d == static_cast<double>(static_cast<long long>(d))) {
        return std::to_string(static_cast<long long>(d));
      }
      char buf[64];
      auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), d);
      return ec == std::errc() ? std::string(buf, ptr) : std::string();
    }
    case json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case json::value_t::array: {
      std::string out;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ",";
        out += ScalarText(v[i]);
      }
      return out;
    }
    default:
      return "";
  }
}

bool Truthy(const json* v) {
  if (v == nullptr || v->is_null()) return false;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) return !v->get_ref<const std::string&>().empty();
  if (v->is_array() || v->is_object()) return !v->empty();
  return true;
}

std::vector<std::string> SplitAt(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (std::size_t next = s.find(sep); next != std::string::npos; next = s.find(sep, at)) {
    out.push_back(Trim(s.substr(at, next - at)));
    at = next + 1;
  }
  out.push_back(Trim(s.substr(at)));
  return out;
}

std::vector<std::string> SplitList(const std::string& s) { return SplitAt(s, ','); }

Align ParseAlign(const std::string& s, Align fallback) {
  if (s == "left") return Align::kLeft;
  if (s == "center") return Align::kCenter;
  if (s == "right") return Align::kRight;
  if (s == "justify") return Align::kJustify;
  return fallback;
}

double AttrNumber(const pugi::xml_node& node, const char* name, double fallback) {
  pugi::xml_attribute a = node.attribute(name);
  if (!a) return fallback;
  const char* v = a.value();
  double out = fallback;
  std::from_chars(v, v + std::strlen(v), out);
  return out;
}

}  // namespace

int Template::LineOf(const pugi::xml_node& node) const {
  return LineAtOffset(text_, node.offset_debug());
}

Status Template::ValidateText(const char* text, const pugi::xml_node& where) const {
  std::string s = text;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') {
      if (i + 1 < s.size() && s[i + 1] == '{') {
        ++i;
        continue;
      }
      std::size_t close = s.find('}', i);
      if (close == std::string::npos) {
        return Status::InvalidData("unclosed placeholder \"" + s.substr(i, 40) + "\"", path_,
                                   LineOf(where));
      }
      std::vector<std::string> parts = SplitFilters(s.substr(i + 1, close - i - 1));
      if (Trim(parts[0]).empty()) {
        return Status::InvalidData("empty placeholder {}", path_, LineOf(where));
      }
      for (std::size_t f = 1; f < parts.size(); ++f) {
        std::string filter = parts[f];
        std::string arg;
        std::size_t colon = filter.find(':');
        if (colon != std::string::npos) {
          arg = filter.substr(colon + 1);
          filter = filter.substr(0, colon);
        }
        filter = Trim(filter);
        if (!IsKnownFilter(filter)) {
          return Status::InvalidData(
              "unknown filter \"" + filter + "\" in {" + s.substr(i + 1, close - i - 1) + "}",
              path_, LineOf(where));
        }
        if (filter == "lookup" && lookups_.find(Trim(arg)) == lookups_.end()) {
          return Status::InvalidData("unknown lookup table \"" + Trim(arg) + "\"", path_,
                                     LineOf(where));
        }
      }
      i = close;
    } else if (s[i] == '}') {
      if (i + 1 < s.size() && s[i + 1] == '}') ++i;
    }
  }
  return Status::Ok();
}

Status Template::ValidateNumbers(const pugi::xml_node& node) const {
  for (const NumericAttribute& spec : kNumericAttributes) {
    pugi::xml_attribute a = node.attribute(spec.name);
    // A value with a placeholder ({table.widths_mm.0}) is checked when it is filled in.
    if (!a || std::strchr(a.value(), '{') != nullptr) continue;
    PIPELINE_RETURN_IF_ERROR(CheckNumber(node, spec.name, a.value()).status());
  }
  return Status::Ok();
}

Result<double> Template::CheckNumber(const pugi::xml_node& node, const char* name,
                                     const std::string& value) const {
  const NumericAttribute* spec = nullptr;
  for (const NumericAttribute& s : kNumericAttributes) {
    if (std::strcmp(s.name, name) == 0) spec = &s;
  }
  assert(spec != nullptr);
  double v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  const bool number = ec == std::errc() && end == value.data() + value.size();
  const bool in_range = number && v >= spec->min && v <= spec->max;  // false for NaN
  if (!in_range || (spec->integer && v != static_cast<double>(static_cast<int>(v)))) {
    std::ostringstream range;
    range << spec->min << " to " << spec->max;
    return Status::InvalidData(
        "<" + std::string(node.name()) + " " + name + "=\"" + value + "\"> must be " +
            (spec->integer ? "a whole number" : "a number") + " from " + range.str(),
        path_, LineOf(node));
  }
  return v;
}

Status Template::Validate(const pugi::xml_node& node, int depth) const {
  for (pugi::xml_attribute a : node.attributes()) {
    PIPELINE_RETURN_IF_ERROR(ValidateText(a.value(), node));
  }
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      PIPELINE_RETURN_IF_ERROR(ValidateText(child.value(), node));
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    std::string name = child.name();
    std::string parent = node.name();
    static const std::set<std::string> kInner = {"column", "row",  "cell", "signer", "date",
                                                 "entry",  "else", "left", "right",  "choice"};
    if (BlockElements().count(name) == 0 && kInner.count(name) == 0) {
      return Status::InvalidData("unknown element <" + name + ">", path_, LineOf(child));
    }
    if ((name == "if" || name == "for") && !child.attribute(name == "if" ? "path" : "each")) {
      return Status::InvalidData("<" + name + "> needs " + (name == "if" ? "path=" : "each="),
                                 path_, LineOf(child));
    }
    if (name == "choice-slots") {
      for (const char* needed : {"name", "values", "each", "slot"}) {
        if (!child.attribute(needed)) {
          return Status::InvalidData("<choice-slots> needs " + std::string(needed) + "=", path_,
                                     LineOf(child));
        }
      }
    }
    if (name == "choice" && choice_sets_.count(child.attribute("of").value()) == 0) {
      return Status::InvalidData("<choice of=\"" + std::string(child.attribute("of").value()) +
                                     "\"> names no <choice-slots name=...>",
                                 path_, LineOf(child));
    }
    if (name == "choice" && !child.attribute("slot")) {
      return Status::InvalidData("<choice> needs slot=", path_, LineOf(child));
    }
    if (name == "column" && !child.attribute("width")) {
      return Status::InvalidData("<column> needs width= (mm)", path_, LineOf(child));
    }
    if (depth > 64) return Status::InvalidData("template nested too deeply", path_, LineOf(child));
    PIPELINE_RETURN_IF_ERROR(ValidateNumbers(child));
    PIPELINE_RETURN_IF_ERROR(Validate(child, depth + 1));
  }
  return Status::Ok();
}

Result<std::unique_ptr<Template>> Template::Parse(const std::string& path, std::string text) {
  std::unique_ptr<Template> t(new Template());
  t->path_ = path;
  t->text_ = std::move(text);
  PIPELINE_RETURN_IF_ERROR(ParseXml(path, t->text_, t->doc_));
  pugi::xml_node root = t->doc_.child("document");
  if (!root) return Status::InvalidData("root element must be <document>", path, 1);
  t->name_ = root.attribute("name").value();
  if (t->name_.empty()) t->name_ = path;
  t->date_format_ = root.attribute("date-format").as_string("{year}-{mm}-{dd}");
  for (pugi::xml_node lookup : root.children("lookup")) {
    std::string name = lookup.attribute("name").value();
    if (name.empty()) {
      return Status::InvalidData("<lookup> needs name=", path, t->LineOf(lookup));
    }
    auto& table = t->lookups_[name];
    for (pugi::xml_node entry : lookup.children("entry")) {
      table[entry.attribute("key").value()] = StripLayoutWhitespace(entry.child_value());
    }
  }
  for (pugi::xml_node set : root.children("choice-slots")) {
    ChoiceSet c;
    for (const std::string& v : SplitAt(set.attribute("values").value(), '|')) {
      if (!v.empty()) c.values.push_back(v);
    }
    if (c.values.empty()) {
      return Status::InvalidData("<choice-slots> needs values=\"a|b\"", path, t->LineOf(set));
    }
    c.box = set.attribute("box").value();
    c.separator = set.attribute("separator").as_string(" ");
    auto [it, added] = t->choice_sets_.emplace(set.attribute("name").value(), c);
    if (!added && it->second.values != c.values) {
      return Status::InvalidData(
          "<choice-slots name=\"" + it->first + "\"> declared with other values", path,
          t->LineOf(set));
    }
  }
  PIPELINE_RETURN_IF_ERROR(t->Validate(root, 0));
  return t;
}

// One instantiation: the data, the scope chain of loop variables, and the document being built.
class TemplateInstance {
 public:
  TemplateInstance(const Template& t, const json& data, const Date& date)
      : t_(t), data_(data), date_(date), today_(FormatDate(date, t.date_format_)) {}

  Result<Document> Run() {
    pugi::xml_node root = t_.doc_.child("document");
    doc_.name = t_.name_;
    doc_.date = date_;
    doc_.title = Text(root.attribute("title").value());
    doc_.subject = Text(root.attribute("subject").value());
    doc_.author = Text(root.attribute("author").value());
    std::string format = root.attribute("page-number").as_string("{page}");
    // "{page}" must survive placeholder expansion: escape it first.
    doc_.page_number_format = format;
    CountChoices();
    PIPELINE_RETURN_IF_ERROR(Blocks(root));
    return std::move(doc_);
  }

  // The choice slots the template declares for the data (<choice-slots>).
  std::vector<ChoiceSlot> DeclaredChoices() {
    std::vector<ChoiceSlot> out;
    for (pugi::xml_node set : t_.doc_.child("document").children("choice-slots")) {
      const std::vector<std::string>& values =
          t_.choice_sets_.at(set.attribute("name").value()).values;
      (void)ForEach(set, [&]() {
        ChoiceSlot c{Trim(Text(set.attribute("slot").value())),
                     Trim(Text(StripLayoutWhitespace(set.attribute("label").value()))), values};
        if (!c.name.empty()) out.push_back(std::move(c));
        return Status::Ok();
      });
    }
    return out;
  }

 private:
  struct Binding {
    std::string name;
    const json* value;
  };

  // The text of slot `name` (empty while blank).
  std::string SlotValue(const std::string& name) const {
    auto slots = data_.find("slots");
    if (slots == data_.end() || !slots->is_object()) return "";
    auto v = slots->find(name);
    return v == slots->end() ? "" : ScalarText(*v);
  }

  // choices.SET.{count, unset, chosen.VALUE} over the declared choice slots.
  void CountChoices() {
    pugi::xml_node root = t_.doc_.child("document");
    for (pugi::xml_node set : root.children("choice-slots")) {
      json& counts = choices_[set.attribute("name").value()];
      if (counts.is_null()) counts = {{"count", 0}, {"unset", 0}, {"chosen", json::object()}};
      (void)ForEach(set, [&]() {
        const std::string name = Trim(Text(set.attribute("slot").value()));
        if (name.empty()) return Status::Ok();
        counts["count"] = counts["count"].get<int>() + 1;
        const std::string value = SlotValue(name);
        if (value.empty()) {
          counts["unset"] = counts["unset"].get<int>() + 1;
        } else {
          json& n = counts["chosen"][value];
          n = n.is_null() ? 1 : n.get<int>() + 1;
        }
        return Status::Ok();
      });
    }
    // A zero count is no count (`<if path="choices.SET.unset">` is false).
    for (auto& [set, counts] : choices_.items()) {
      for (const char* key : {"count", "unset"}) {
        if (counts[key].get<int>() == 0) counts.erase(key);
      }
    }
  }

  const json* Lookup(const std::string& path) const {
    std::vector<std::string> segs;
    std::string cur;
    for (char c : path) {
      if (c == '.') {
        segs.push_back(cur);
        cur.clear();
      } else {
        cur += c;
      }
    }
    segs.push_back(cur);
    const json* v = nullptr;
    std::size_t start = 0;
    for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
      if (it->name == segs[0]) {
        v = it->value;
        start = 1;
        break;
      }
    }
    if (v == nullptr) {
      if (segs[0] == "today") return &today_json_;
      v = &data_;
      if (segs[0] == "choices" && !choices_.empty()) {
        v = &choices_;
        start = 1;
      }
    }
    for (std::size_t i = start; i < segs.size(); ++i) {
      const std::string& s = segs[i];
      if (v->is_object()) {
        auto f = v->find(s);
        if (f == v->end()) return nullptr;
        v = &*f;
      } else if (v->is_array()) {
        std::size_t idx = 0;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), idx);
        if (ec != std::errc() || ptr != s.data() + s.size() || idx >= v->size()) return nullptr;
        v = &(*v)[idx];
      } else {
        return nullptr;
      }
    }
    return v;
  }

  json ApplyFilter(const json& v, const std::string& filter, const std::string& arg) const {
    if (filter == "lookup") {
      const auto& table = t_.lookups_.at(arg);
      auto map_one = [&table](const json& x) -> json {
        auto f = table.find(ScalarText(x));
        return f == table.end() ? x : json(f->second);
      };
      if (v.is_array()) {
        json out = json::array();
        for (const json& x : v) out.push_back(map_one(x));
        return out;
      }
      return v.is_null() ? v : map_one(v);
    }
    if (filter == "join") {
      if (!v.is_array()) return v;
      std::string out;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += arg;
        out += ScalarText(v[i]);
      }
      return out;
    }
    if (filter == "default") return Truthy(&v) ? v : json(arg);
    if (filter == "count") {
      return (v.is_array() || v.is_object()) ? json(v.size()) : json(0);
    }
    if (filter == "date") {
      std::optional<Date> d = ParseIsoDate(ScalarText(v));
      return d ? json(FormatDate(*d, t_.date_format_)) : v;
    }
    return v;
  }

  std::string Evaluate(const std::string& expr) const {
    std::vector<std::string> parts = SplitFilters(expr);
    const json* found = Lookup(Trim(parts[0]));
    json v = found == nullptr ? json() : *found;
    for (std::size_t i = 1; i < parts.size(); ++i) {
      std::string filter = parts[i], arg;
      std::size_t colon = filter.find(':');
      if (colon != std::string::npos) {
        arg = filter.substr(colon + 1);
        filter = filter.substr(0, colon);
      }
      v = ApplyFilter(v, Trim(filter), filter == "join" ? arg : Trim(arg));
    }
    return ScalarText(v);
  }

  // Expands placeholders in one string.
  std::string Text(const std::string& s) const {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      char c = s[i];
      if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
        out += '{';
        ++i;
      } else if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
        out += '}';
        ++i;
      } else if (c == '{') {
        std::size_t close = s.find('}', i);
        std::string expr = s.substr(i + 1, close - i - 1);
        if (expr == "page") {
          out += "{page}";  // page numbers are filled in by the typesetter
        } else {
          out += Evaluate(expr);
        }
        i = close;
      } else {
        out += c;
      }
    }
    return out;
  }

  bool Condition(const pugi::xml_node& node, const char* path_attr) const {
    const json* v = Lookup(Text(node.attribute(path_attr).value()));
    if (pugi::xml_attribute a = node.attribute("equals")) {
      return v != nullptr && ScalarText(*v) == Text(a.value());
    }
    if (pugi::xml_attribute a = node.attribute("not-equals")) {
      return v == nullptr || ScalarText(*v) != Text(a.value());
    }
    if (pugi::xml_attribute a = node.attribute("in")) {
      if (v == nullptr) return false;
      std::string s = ScalarText(*v);
      for (const std::string& option : SplitList(a.value())) {
        if (s == option) return true;
      }
      return false;
    }
    if (node.attribute("empty").as_bool(false)) return !Truthy(v);
    return Truthy(v);
  }

  // if= / unless= shorthand on any element.
  bool Guard(const pugi::xml_node& node) const {
    if (pugi::xml_attribute a = node.attribute("if")) {
      if (!Truthy(Lookup(a.value()))) return false;
    }
    if (pugi::xml_attribute a = node.attribute("unless")) {
      if (Truthy(Lookup(a.value()))) return false;
    }
    return true;
  }

  // Runs `body` for each element of a <for>, binding the loop variables.
  template <typename Body>
  Status ForEach(const pugi::xml_node& node, Body body) {
    const json* list = Lookup(node.attribute("each").value());
    if (list == nullptr || !list->is_array()) return Status::Ok();
    std::string as = node.attribute("as").as_string("item");
    std::vector<const json*> items;
    for (const json& item : *list) {
      if (node.attribute("where")) {
        scope_.push_back(Binding{as, &item});
        bool keep = Condition(node, "where");
        scope_.pop_back();
        if (!keep) continue;
      }
      items.push_back(&item);
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      json loop = {{"index", i + 1},        {"number", i + 1}, {"index0", i},
                   {"count", items.size()}, {"first", i == 0}, {"last", i + 1 == items.size()}};
      loops_.push_back(std::make_unique<json>(std::move(loop)));
      scope_.push_back(Binding{as, items[i]});
      scope_.push_back(Binding{"loop", loops_.back().get()});
      Status s = body();
      scope_.pop_back();
      scope_.pop_back();
      loops_.pop_back();
      PIPELINE_RETURN_IF_ERROR(s);
    }
    return Status::Ok();
  }

  // Concatenated text of an element: text nodes, placeholders, inline <if>/<for>.
  std::string Inline(const pugi::xml_node& node) {
    std::string out;
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        out += Text(StripLayoutWhitespace(child.value()));
      } else if (child.type() == pugi::node_element) {
        out += InlineElement(child);
      }
    }
    return out;
  }

  std::string InlineElement(const pugi::xml_node& node) {
    // An inline <if>/<for>, or any other element whose text is taken as is.
    std::string name = node.name();
    if (name == "choice") return ChoiceText(node);
    if (name == "if" || name == "for") {
      std::string out;
      if (!Guard(node)) return out;
      if (name == "if") {
        bool cond = Condition(node, "path");
        for (pugi::xml_node part : node.children()) {
          bool is_else = part.type() == pugi::node_element && std::string(part.name()) == "else";
          if (is_else) {
            if (!cond) out += Inline(part);
          } else if (cond) {
            out += part.type() == pugi::node_element ? InlineElement(part)
                                                     : Text(StripLayoutWhitespace(part.value()));
          }
        }
      } else {
        (void)ForEach(node, [&]() {
          out += Inline(node);
          return Status::Ok();
        });
      }
      return out;
    }
    return Inline(node);
  }

  // An inline <choice>: the slot's value, or every value behind its box while it is blank.
  std::string ChoiceText(const pugi::xml_node& node) const {
    const std::string value = SlotValue(Trim(Text(node.attribute("slot").value())));
    if (!value.empty()) return value;
    const Template::ChoiceSet& set = t_.choice_sets_.at(node.attribute("of").value());
    std::string out;
    for (std::size_t i = 0; i < set.values.size(); ++i) {
      if (i > 0) out += set.separator;
      out += set.box + set.values[i];
    }
    return out;
  }

  void AddParagraph(const pugi::xml_node& node, Paragraph p) {
    p.text = Trim(Inline(node));
    if (p.text.empty()) return;
    p.role = node.attribute("role").as_string(p.role.c_str());
    p.size = AttrNumber(node, "size", p.size);
    p.indent_chars = AttrNumber(node, "indent", p.indent_chars);
    p.rest_indent_chars = AttrNumber(node, "rest-indent", p.rest_indent_chars);
    p.align = ParseAlign(node.attribute("align").value(), p.align);
    p.keep_with_next = node.attribute("keep-with-next").as_bool(p.keep_with_next);
    p.keep_with_prev = node.attribute("keep-with-previous").as_bool(p.keep_with_prev);
    doc_.blocks.push_back(std::move(p));
  }

  // Rows of a table (inside <table>, possibly under <if>/<for>).
  Status Rows(const pugi::xml_node& parent, Table& table) {
    for (pugi::xml_node child : parent.children()) {
      if (child.type() != pugi::node_element || !Guard(child)) continue;
      std::string name = child.name();
      if (name == "row") {
        std::vector<std::string> cells;
        for (pugi::xml_node cell : child.children("cell")) cells.push_back(Trim(Inline(cell)));
        table.rows.push_back(std::move(cells));
      } else if (name == "if") {
        PIPELINE_RETURN_IF_ERROR(
            IfBranch(child, [&](const pugi::xml_node& n) { return Rows(n, table); }));
      } else if (name == "for") {
        PIPELINE_RETURN_IF_ERROR(ForEach(child, [&]() { return Rows(child, table); }));
      }
    }
    return Status::Ok();
  }

  // Runs `body` on the <if> node itself (children before <else>) or on its <else>.
  template <typename Body>
  Status IfBranch(const pugi::xml_node& node, Body body) {
    bool cond = Condition(node, "path");
    if (cond) return body(node);  // body skips the <else> element itself
    pugi::xml_node other = node.child("else");
    return other ? body(other) : Status::Ok();
  }

  Status Blocks(const pugi::xml_node& parent) {
    for (pugi::xml_node node : parent.children()) {
      if (node.type() != pugi::node_element) continue;
      std::string name = node.name();
      if (name == "else" || name == "lookup" || name == "choice-slots") continue;
      if (!Guard(node)) continue;
      if (name == "if") {
        PIPELINE_RETURN_IF_ERROR(
            IfBranch(node, [&](const pugi::xml_node& n) { return Blocks(n); }));
      } else if (name == "for") {
        PIPELINE_RETURN_IF_ERROR(ForEach(node, [&]() { return Blocks(node); }));
      } else if (name == "issuer-mark") {
        std::string text = Trim(Inline(node));
        if (!text.empty()) doc_.blocks.push_back(IssuerMark{text});
      } else if (name == "doc-number") {
        std::string text = Trim(Inline(node));
        std::string signer = Trim(Text(node.attribute("signer").value()));
        if (!text.empty()) doc_.blocks.push_back(DocNumber{text, std::move(signer)});
      } else if (name == "title") {
        std::string text = Trim(Inline(node));
        Title title{text, {}};
        const std::string keep = Trim(Text(node.attribute("keep").value()));
        if (!keep.empty()) title.keep.push_back(keep);
        if (!text.empty()) doc_.blocks.push_back(std::move(title));
      } else if (name == "p" || name == "note") {
        AddParagraph(node, Paragraph{});
      } else if (name == "addressee") {
        Paragraph p;
        p.indent_chars = 0;
        p.align = Align::kLeft;
        AddParagraph(node, p);
      } else if (name == "h1" || name == "h2") {
        Paragraph p;
        p.role = name == "h1" ? "heading1" : "heading2";
        p.keep_with_next = true;
        p.align = Align::kLeft;
        AddParagraph(node, p);
      } else if (name == "attachment") {
        Paragraph p;
        p.rest_indent_chars = 5;
        AddParagraph(node, p);
      } else if (name == "blank") {
        doc_.blocks.push_back(Blank{static_cast<int>(AttrNumber(node, "lines", 1))});
      } else if (name == "page-break") {
        doc_.blocks.push_back(PageBreak{});
      } else if (name == "watermark") {
        doc_.watermark = Trim(Inline(node));
      } else if (name == "table") {
        Table table;
        table.role = node.attribute("role").as_string("body");
        table.header_role = node.attribute("header-role").as_string("heading1");
        table.size = AttrNumber(node, "size", 0);
        for (pugi::xml_node col : node.children("column")) {
          TableColumn c;
          Result<double> width = t_.CheckNumber(col, "width", Text(col.attribute("width").value()));
          if (!width) return width.status();
          c.width_mm = *width;
          c.align = ParseAlign(col.attribute("align").value(), Align::kCenter);
          table.columns.push_back(c);
          table.header.push_back(Trim(Inline(col)));
        }
        PIPELINE_RETURN_IF_ERROR(Rows(node, table));
        if (!table.rows.empty()) doc_.blocks.push_back(std::move(table));
      } else if (name == "signature") {
        Signature s;
        for (pugi::xml_node child : node.children()) {
          if (child.type() != pugi::node_element || !Guard(child)) continue;
          std::string text = Trim(Inline(child));
          if (text.empty()) continue;
          if (std::string(child.name()) == "signer") s.signers.push_back(text);
          if (std::string(child.name()) == "date") s.date = text;
        }
        if (!s.signers.empty() || !s.date.empty()) doc_.blocks.push_back(std::move(s));
      } else if (name == "banji") {
        for (pugi::xml_node row : node.children("row")) {
          if (!Guard(row)) continue;
          BanjiRow r{Trim(Text(StripLayoutWhitespace(row.attribute("left").value()))),
                     Trim(Text(StripLayoutWhitespace(row.attribute("right").value())))};
          if (!r.left.empty() || !r.right.empty()) doc_.banji.push_back(std::move(r));
        }
      }
    }
    return Status::Ok();
  }

  const Template& t_;
  const json& data_;
  Date date_;
  std::string today_;
  json today_json_ = json(today_);
  json choices_ = json::object();
  std::vector<Binding> scope_;
  std::vector<std::unique_ptr<json>> loops_;
  Document doc_;
};

Result<Document> Template::Instantiate(const json& data, const Date& date) const {
  TemplateInstance instance(*this, data, date);
  return instance.Run();
}

std::vector<ChoiceSlot> Template::ChoiceSlots(const json& data) const {
  TemplateInstance instance(*this, data, Date{});
  return instance.DeclaredChoices();
}

std::vector<std::string> SlotNames(std::string_view template_text) {
  constexpr std::string_view kPrefix = "slots.";
  std::set<std::string> names;
  for (std::size_t at = template_text.find(kPrefix); at != std::string_view::npos;
       at = template_text.find(kPrefix, at + 1)) {
    const char before = at == 0 ? ' ' : template_text[at - 1];
    if (std::isalnum(static_cast<unsigned char>(before)) || before == '_' || before == '.') {
      continue;  // myslots.x, a.slots.x: not the document's slots
    }
    const std::size_t start = at + kPrefix.size();
    std::size_t end = start;
    while (end < template_text.size() &&
           (std::islower(static_cast<unsigned char>(template_text[end])) ||
            std::isdigit(static_cast<unsigned char>(template_text[end])) ||
            template_text[end] == '_')) {
      ++end;
    }
    if (end > start) names.emplace(template_text.substr(start, end - start));
  }
  return {names.begin(), names.end()};
}

}  // namespace pipeline::render
