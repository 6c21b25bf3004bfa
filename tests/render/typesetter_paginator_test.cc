// The paginator on its own: units of grid lines in, placements per page out.
#include "pipeline/render/pdf/typesetter_paginator.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pipeline::render::pdf {
namespace {

Unit Lines(std::size_t n) {
  Unit u;
  u.slots.resize(n);
  return u;
}

// "page: unit[first,last) ..." with 'h' for a repeated header and '|' for a closed split row.
std::string Describe(const Pagination& p) {
  std::string out;
  for (std::size_t i = 0; i < p.pages.size(); ++i) {
    if (i > 0) out += " / ";
    for (const Placement& pl : p.pages[i]) {
      out += pl.unit_index == Placement::kRepeatedHeader ? "h" : std::to_string(pl.unit_index);
      out += "[" + std::to_string(pl.first) + "," + std::to_string(pl.last) + ")";
      if (pl.close_bottom) out += "|";
      out += " ";
    }
  }
  return out;
}

TEST(PaginatorTest, FillsPagesInOrder) {
  std::vector<Unit> units = {Lines(2), Lines(1), Lines(2)};
  Pagination p = Paginate(units, {}, 4);
  EXPECT_EQ(Describe(p), "0[0,2) 1[0,1)  / 2[0,2) ");
  EXPECT_EQ(p.used_on_last, 2u);
}

TEST(PaginatorTest, BlankLinesVanishAtThePageTop) {
  Unit blank = Lines(1);
  blank.drop_at_top = true;
  std::vector<Unit> units = {Lines(3), blank, blank, Lines(1)};
  EXPECT_EQ(Describe(Paginate(units, {}, 4)), "0[0,3) 1[0,1)  / 3[0,1) ");
}

TEST(PaginatorTest, AHeadingMovesWithTheLineAfterIt) {
  Unit heading = Lines(1);
  heading.keep_with_next = true;
  std::vector<Unit> units = {Lines(3), heading, Lines(1)};
  EXPECT_EQ(Describe(Paginate(units, {}, 4)), "0[0,3)  / 1[0,1) 2[0,1) ");
}

TEST(PaginatorTest, TheSignatureIsNeverAlone) {
  Unit blank = Lines(1);
  blank.drop_at_top = true;
  Unit signature = Lines(2);
  signature.keep_with_prev = true;
  std::vector<Unit> units = {Lines(2), Lines(1), blank, signature};
  EXPECT_EQ(Describe(Paginate(units, {}, 4)), "0[0,2)  / 1[0,1) 2[0,1) 3[0,2) ");
}

TEST(PaginatorTest, ATallRowIsSplitAndTheHeaderRepeated) {
  Unit header = Lines(1);
  header.header = true;
  header.keep_with_next = true;
  header.table = 0;
  Unit row = Lines(5);
  row.splittable = true;
  row.table = 0;
  std::vector<Unit> headers = {header};
  std::vector<Unit> units = {header, row};
  EXPECT_EQ(Describe(Paginate(units, headers, 4)), "0[0,1) 1[0,3)|  / h[0,1) 1[3,5) ");
}

TEST(PaginatorTest, APageBreakStartsANewPage) {
  Unit after = Lines(1);
  after.page_break_before = true;
  std::vector<Unit> units = {Lines(1), after};
  EXPECT_EQ(Describe(Paginate(units, {}, 4)), "0[0,1)  / 1[0,1) ");
}

}  // namespace
}  // namespace pipeline::render::pdf
