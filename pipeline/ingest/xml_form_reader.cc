// The XML half of form_reader.h (schema: templates/forms/application-schema.md).
//
// Bounded like the Word reader: the text is parsed only below max_form_bytes (pugixml parses
// without recursion) and read only when it nests no deeper than max_xml_depth; values are cut at
// max_value_chars and rows after max_occupations dropped, each a LimitHit.
#include <pugixml.hpp>
#include <string>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/form_reader.h"
#include "pipeline/ingest/xml_text.h"

namespace pipeline::ingest {
namespace {

class XmlFormWalker {
 public:
  XmlFormWalker(const std::string& file, const Limits& limits, model::FormData& out)
      : file_(file), limits_(limits), out_(out) {}

  void Root(const pugi::xml_node& root) {
    for (pugi::xml_node node : root.children()) {
      if (node.type() != pugi::node_element) continue;
      std::string name(LocalName(node.name()));
      std::string path = "/application/" + name;
      if (name == "occupations") {
        Rows(node, "occupation", path, [&](const pugi::xml_node& o, model::SourceRef where) {
          model::OccupationRow row;
          row.seq = Attr(o, "seq", where.location);
          row.code = Attr(o, "code", where.location);
          row.name = Attr(o, "name", where.location);
          row.levels = Attr(o, "levels", where.location);
          row.where = std::move(where);
          out_.occupations.push_back(std::move(row));
        });
      } else if (name == "changes") {
        Rows(node, "change", path, [&](const pugi::xml_node& c, model::SourceRef where) {
          model::ChangeRow row;
          row.item = Attr(c, "item", where.location);
          row.before = Attr(c, "before", where.location);
          row.after = Attr(c, "after", where.location);
          row.where = std::move(where);
          out_.changes.push_back(std::move(row));
        });
      } else if (std::optional<model::FormField> field = model::FormFieldFromName(name)) {
        if (out_.cells.size() >= limits_.max_occupations) {
          Hit("max_occupations", limits_.max_occupations, path);
          continue;
        }
        out_.cells.push_back(model::FormCell{*field, name, Capped(node.text().get(), path),
                                             model::SourceRef{file_, path}});
      } else if (out_.unknown_labels.size() < 100) {
        out_.unknown_labels.push_back(Capped(name, path));
      }
    }
  }

 private:
  template <typename Add>
  void Rows(const pugi::xml_node& parent, std::string_view element, const std::string& path,
            Add add) {
    std::size_t k = 0;
    for (pugi::xml_node o : parent.children()) {
      if (o.type() != pugi::node_element || LocalName(o.name()) != element) continue;
      if (k >= limits_.max_occupations) {
        Hit("max_occupations", limits_.max_occupations, path);
        return;
      }
      add(o, model::SourceRef{file_,
                              path + "/" + std::string(element) + "[" + std::to_string(++k) + "]"});
    }
  }

  std::string Attr(const pugi::xml_node& n, std::string_view name, const std::string& path) {
    for (pugi::xml_attribute a : n.attributes()) {
      if (LocalName(a.name()) == name) return Capped(a.value(), path);
    }
    return {};
  }

  std::string Capped(std::string_view raw, const std::string& path) {
    std::string text = TrimSpace(raw.size() > limits_.max_value_chars * 4 + 16
                                     ? raw.substr(0, limits_.max_value_chars * 4 + 16)
                                     : raw);
    return CapValue(std::move(text), limits_, out_, path);
  }

  void Hit(const char* limit, std::size_t value, const std::string& path) {
    RecordLimitHit(out_, limit, value, path);
  }

  const std::string& file_;
  const Limits& limits_;
  model::FormData& out_;
};

}  // namespace

Result<model::FormData> ReadXmlForm(std::string_view xml, const std::string& file,
                                    const Limits& limits) {
  model::FormData data;
  data.file = file;
  data.source = model::FormSource::kXml;
  if (xml.size() > limits.max_form_bytes) {
    data.limit_hits.push_back({"max_form_bytes", std::to_string(limits.max_form_bytes), "", true});
    return data;
  }
  Result<std::string> text = XmlToUtf8(xml);
  if (!text) return Status::InvalidData(text.error().message(), file);
  pugi::xml_document doc;
  if (Status s = ParseXmlText(*text, "", doc); !s.ok())
    return Status::InvalidData(s.message(), file);
  pugi::xml_node root = doc.document_element();
  if (LocalName(root.name()) != "application") {
    return Status::InvalidData(
        std::string("root element must be <application>, found <") + root.name() + ">", file);
  }
  if (NestsDeeperThan(root, limits.max_xml_depth)) {
    data.limit_hits.push_back({"max_xml_depth", std::to_string(limits.max_xml_depth), "", true});
    return data;
  }
  XmlFormWalker(file, limits, data).Root(root);
  return data;
}

}  // namespace pipeline::ingest
