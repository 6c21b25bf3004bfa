// The XML half of form_reader.h (schema: templates/forms/application-schema.md).
#include <cstring>
#include <pugixml.hpp>

#include "pipeline/ingest/form_reader.h"
#include "pipeline/ingest/text_util.h"

namespace pipeline::ingest {

Result<model::FormData> ReadXmlForm(std::string_view xml, const std::string& file) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed) {
    return Status::InvalidData("malformed XML at offset " + std::to_string(parsed.offset) + ": " +
                                   parsed.description(),
                               file);
  }
  pugi::xml_node root = doc.document_element();
  if (std::strcmp(root.name(), "application") != 0) {
    return Status::InvalidData(std::string("root element must be <application>, found <") +
                                   root.name() + ">",
                               file);
  }
  model::FormData data;
  data.file = file;
  data.source = model::FormSource::kXml;
  for (pugi::xml_node node : root.children()) {
    if (node.type() != pugi::node_element) continue;
    std::string name = node.name();
    std::string path = "/application/" + name;
    if (name == "occupations") {
      int k = 0;
      for (pugi::xml_node o : node.children("occupation")) {
        model::OccupationRow row;
        row.seq = TrimSpace(o.attribute("seq").value());
        row.code = TrimSpace(o.attribute("code").value());
        row.name = TrimSpace(o.attribute("name").value());
        row.levels = TrimSpace(o.attribute("levels").value());
        row.where = {file, path + "/occupation[" + std::to_string(++k) + "]"};
        data.occupations.push_back(std::move(row));
      }
    } else if (name == "changes") {
      int k = 0;
      for (pugi::xml_node c : node.children("change")) {
        model::ChangeRow row;
        row.item = TrimSpace(c.attribute("item").value());
        row.before = TrimSpace(c.attribute("before").value());
        row.after = TrimSpace(c.attribute("after").value());
        row.where = {file, path + "/change[" + std::to_string(++k) + "]"};
        data.changes.push_back(std::move(row));
      }
    } else if (std::optional<model::FormField> field = model::FormFieldFromName(name)) {
      data.cells.push_back(model::FormCell{*field, name, TrimSpace(node.text().get()),
                                           model::SourceRef{file, path}});
    } else {
      data.unknown_labels.push_back(name);
    }
  }
  return data;
}

}  // namespace pipeline::ingest
