#include "pipeline/report/catalogue_listing.h"

namespace pipeline::report {

std::string CatalogueListing(const std::vector<model::CatalogueMatch>& matches,
                             const MessageCatalog& messages) {
  std::string out;
  for (const model::CatalogueMatch& m : matches) {
    const model::CatalogueOccupation& o = *m.occupation;
    const std::string group = std::to_string(o.major_group);
    out += o.code + "  " + o.name + "  " +
           messages.Format(o.eligible_group() ? "catalogue.eligible" : "catalogue.ineligible",
                           {{"group", group}}) +
           "\n";
    if (m.standards.empty()) out += "    " + messages.Format("catalogue.no_standard") + "\n";
    for (const model::CatalogueStandard* s : m.standards) {
      out += "    " +
             messages.Format("catalogue.standard", {{"code", s->published_code},
                                                    {"name", s->published_name},
                                                    {"year", std::to_string(s->edition_year)},
                                                    {"doc_number", s->doc_number}}) +
             "\n";
    }
  }
  return out;
}

}  // namespace pipeline::report
