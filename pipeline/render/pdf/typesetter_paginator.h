// The typesetter's paginator: assigns units (or parts of split table rows) to pages of a fixed
// number of grid lines. Headings stay with the next line, the signature block stays with the
// line above it, blank lines vanish at the top of a page, a table's header row is repeated on
// every page its rows reach, and a row taller than half a page is split at a line boundary.
#ifndef PIPELINE_RENDER_PDF_TYPESETTER_PAGINATOR_H_
#define PIPELINE_RENDER_PDF_TYPESETTER_PAGINATOR_H_

#include <cstddef>
#include <vector>

#include "pipeline/render/pdf/typesetter_units.h"

namespace pipeline::render::pdf {

// Slots [first, last) of one unit on one page.
struct Placement {
  static constexpr std::size_t kRepeatedHeader = static_cast<std::size_t>(-1);
  const Unit* unit;
  std::size_t unit_index;   // index in the units; kRepeatedHeader for a repeated header
  std::size_t first, last;  // slot range [first, last)
  bool close_bottom;        // a split row: draw its bottom border on this page
};

struct Pagination {
  std::vector<std::vector<Placement>> pages;  // at least one page
  std::size_t used_on_last = 0;               // grid lines taken on the last page
};

// Pages of `lines` grid lines holding `units` in order. `headers[t]` is the header row of table
// t (no slots when it has none). The placements point into `units` and `headers`, which must
// outlive the result.
Pagination Paginate(const std::vector<Unit>& units, const std::vector<Unit>& headers,
                    std::size_t lines);

}  // namespace pipeline::render::pdf

#endif  // PIPELINE_RENDER_PDF_TYPESETTER_PAGINATOR_H_
