#include "pipeline/evaluation/standard.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <pugixml.hpp>
#include <set>

#include "pipeline/core/text.h"
#include "pipeline/core/xml.h"

namespace pipeline::evaluation {
namespace {

std::string Trimmed(const std::string& s) { return TrimSpace(s); }

// Text of an element without its child elements, whitespace runs with a line break removed
// (so Chinese text can be wrapped in the XML).
std::string OwnText(const pugi::xml_node& n) {
  std::string out;
  for (pugi::xml_node c : n.children()) {
    if (c.type() != pugi::node_pcdata && c.type() != pugi::node_cdata) continue;
    out += c.value();
  }
  std::string joined;
  std::size_t i = 0;
  while (i < out.size()) {
    if (out[i] == ' ' || out[i] == '\t' || out[i] == '\r' || out[i] == '\n') {
      std::size_t j = i;
      bool newline = false;
      while (j < out.size() &&
             (out[j] == ' ' || out[j] == '\t' || out[j] == '\r' || out[j] == '\n')) {
        newline = newline || out[j] == '\n';
        ++j;
      }
      if (!newline) joined.append(out, i, j - i);
      i = j;
    } else {
      joined += out[i++];
    }
  }
  return Trimmed(joined);
}

class Parser {
 public:
  Parser(const std::string& xml, const std::string& path) : xml_(xml), path_(path) {}

  Result<Standard> Run() {
    pugi::xml_document doc;
    PIPELINE_RETURN_IF_ERROR(ParseXml(path_, xml_, doc));
    pugi::xml_node root = doc.child("standard");
    if (!root) return Status::InvalidData("missing <standard> root element", path_, 1);
    Standard s;
    s.path = path_;
    s.version = Trimmed(root.attribute("version").value());
    s.title = Trimmed(root.attribute("title").value());
    if (s.version.empty()) return Error(root, "<standard> needs a version attribute");
    if (s.title.empty()) return Error(root, "<standard> needs a title attribute");
    s.to_confirm = std::string(root.attribute("to-confirm").value()) != "false";
    bool have_pass = false;
    for (pugi::xml_node n : root.children()) {
      if (n.type() != pugi::node_element) continue;
      const std::string name = n.name();
      if (name == "pass-line") {
        PIPELINE_RETURN_IF_ERROR(Percent(n, "total", &s.pass_total_percent));
        PIPELINE_RETURN_IF_ERROR(Percent(n, "occupation", &s.pass_occupation_percent));
        have_pass = true;
      } else if (name == "group") {
        PIPELINE_RETURN_IF_ERROR(Group(n, &s));
      } else if (name == "opinion-wording") {
        s.opinion_basis = OwnText(n);
        s.opinion_name = Trimmed(n.attribute("name").value());
        s.opinion_veto = Trimmed(n.attribute("veto").value());
        if (s.opinion_basis.empty() || s.opinion_name.empty() || s.opinion_veto.empty()) {
          return Error(n, "<opinion-wording> needs name, veto and its sentence");
        }
      } else {
        return Error(n, "unknown element <" + name +
                            "> (expected <pass-line>, <opinion-wording> or <group>)");
      }
    }
    if (!have_pass) return Error(root, "missing <pass-line total=\"..\" occupation=\"..\"/>");
    for (Scope scope : {Scope::kCommon, Scope::kOccupation}) {
      bool any = false;
      for (const Item& i : s.items) any = any || i.scope == scope;
      if (!any) {
        return Error(root, std::string("no item with scope=\"") +
                               (scope == Scope::kCommon ? "common" : "occupation") + "\"");
      }
    }
    if (s.opinion_basis.empty()) {
      return Error(root,
                   "missing <opinion-wording name=\"..\" veto=\"..\">sentence</opinion-wording>");
    }
    return s;
  }

 private:
  Status Error(const pugi::xml_node& n, const std::string& msg) const {
    return Status::InvalidData(msg, path_, LineAtOffset(xml_, n.offset_debug()));
  }

  Status Percent(const pugi::xml_node& n, const char* attr, int* out) const {
    const std::string v = Trimmed(n.attribute(attr).value());
    char* end = nullptr;
    const long p = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || p < 1 || p > 100) {
      return Error(n, std::string("<pass-line ") + attr + "=\"" + v +
                          "\">: expected a whole percentage 1..100");
    }
    *out = static_cast<int>(p);
    return Status::Ok();
  }

  Status Points(const pugi::xml_node& n, const char* attr, int* out) const {
    const std::string v = n.attribute(attr).value();
    std::optional<int> t = ParsePoints(v);
    if (!t || *t <= 0 || *t % 5 != 0) {
      return Error(n, std::string("<item ") + attr + "=\"" + v +
                          "\">: expected a positive number of whole or half points");
    }
    *out = *t;
    return Status::Ok();
  }

  Status Group(const pugi::xml_node& g, Standard* s) {
    Item proto;
    proto.group_id = Trimmed(g.attribute("id").value());
    proto.condition = Trimmed(g.attribute("condition").value());
    proto.group_title = Trimmed(g.attribute("title").value());
    proto.applies = Trimmed(g.attribute("applies").value());
    const std::string scope = g.attribute("scope").value();
    if (proto.group_id.empty() || proto.group_title.empty() || proto.condition.empty()) {
      return Error(g, "<group> needs id, condition and title");
    }
    if (!groups_.insert(proto.group_id).second) {
      return Error(g, "duplicate group id \"" + proto.group_id + "\"");
    }
    if (scope == "common") {
      proto.scope = Scope::kCommon;
    } else if (scope == "occupation") {
      proto.scope = Scope::kOccupation;
    } else {
      return Error(g, "<group scope=\"" + scope + "\">: expected common or occupation");
    }
    if (!proto.applies.empty() && proto.applies != "employer" && proto.applies != "social_org") {
      return Error(g, "<group applies=\"" + proto.applies + "\">: expected employer or social_org");
    }
    bool any = false;
    for (pugi::xml_node n : g.children()) {
      if (n.type() != pugi::node_element) continue;
      if (std::string(n.name()) != "item") {
        return Error(n, std::string("unknown element <") + n.name() + "> in <group>");
      }
      Item item = proto;
      item.line = LineAtOffset(xml_, n.offset_debug());
      item.id = Trimmed(n.attribute("id").value());
      if (item.id.empty()) return Error(n, "<item> needs an id");
      if (!ids_.insert(item.id).second) return Error(n, "duplicate item id \"" + item.id + "\"");
      PIPELINE_RETURN_IF_ERROR(Points(n, "max", &item.max_tenths));
      if (n.attribute("veto-below")) {
        int veto = 0;
        PIPELINE_RETURN_IF_ERROR(Points(n, "veto-below", &veto));
        if (veto > item.max_tenths) {
          return Error(n, "<item id=\"" + item.id + "\">: veto-below is above max");
        }
        item.veto_below_tenths = veto;
      }
      item.title = OwnText(n);
      item.guidance = OwnText(n.child("guidance"));
      if (item.title.empty()) return Error(n, "<item id=\"" + item.id + "\"> has no title text");
      for (pugi::xml_node c : n.children()) {
        if (c.type() == pugi::node_element && std::string(c.name()) != "guidance") {
          return Error(c, std::string("unknown element <") + c.name() + "> in <item>");
        }
      }
      s->items.push_back(std::move(item));
      any = true;
    }
    if (!any) return Error(g, "<group id=\"" + proto.group_id + "\"> has no <item>");
    return Status::Ok();
  }

  const std::string& xml_;
  const std::string& path_;
  std::set<std::string> ids_, groups_;
};

}  // namespace

std::vector<const Item*> Standard::ItemsFor(Scope scope, model::ApplicantType type) const {
  std::vector<const Item*> out;
  for (const Item& i : items) {
    if (i.scope != scope) continue;
    if (!i.applies.empty() && i.applies != model::ApplicantTypeName(type)) continue;
    out.push_back(&i);
  }
  return out;
}

const Item* Standard::Find(const std::string& id) const {
  for (const Item& i : items) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

Result<Standard> ParseStandard(const std::string& xml, const std::string& path) {
  return Parser(xml, path).Run();
}

Result<Standard> LoadStandard(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error();
  return ParseStandard(*text, path);
}

std::string FormatPoints(int tenths) {
  const int whole = tenths / 10, frac = tenths % 10;
  if (frac == 0) return std::to_string(whole);
  std::string sign = tenths < 0 && whole == 0 ? "-" : "";
  return sign + std::to_string(whole) + "." + std::to_string(frac < 0 ? -frac : frac);
}

std::optional<int> ParsePoints(const std::string& raw) {
  const std::string text = Trimmed(raw);
  if (text.empty() || text.size() > 12) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(v) || std::fabs(v) > 1e6) {
    return std::nullopt;
  }
  const double tenths = v * 10.0;
  const double rounded = std::round(tenths);
  if (std::fabs(tenths - rounded) > 1e-6) return std::nullopt;
  return static_cast<int>(rounded);
}

}  // namespace pipeline::evaluation
