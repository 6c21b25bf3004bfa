// The text `beian catalogue QUERY` prints: one block per matching occupation with its major
// group, whether Art. 6 allows it (groups 3-6) and its national skill standards. Wording comes
// from the message catalogue (keys catalogue.*).
#ifndef PIPELINE_REPORT_CATALOGUE_LISTING_H_
#define PIPELINE_REPORT_CATALOGUE_LISTING_H_

#include <string>
#include <vector>

#include "pipeline/model/catalogue.h"
#include "pipeline/report/messages.h"

namespace pipeline::report {

// Lines for `matches` in order, each ending in a newline; "" for no matches.
std::string CatalogueListing(const std::vector<model::CatalogueMatch>& matches,
                             const MessageCatalog& messages);

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_CATALOGUE_LISTING_H_
