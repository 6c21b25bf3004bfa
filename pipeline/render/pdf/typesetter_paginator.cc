#include "pipeline/render/pdf/typesetter_paginator.h"

#include <algorithm>

namespace pipeline::render::pdf {
namespace {

class Paginator {
 public:
  Paginator(const std::vector<Unit>& units, const std::vector<Unit>& headers, std::size_t lines)
      : units_(units), headers_(headers), lines_(lines) {
    result_.pages.resize(1);
  }

  Pagination Run() {
    while (i_ < units_.size()) Step();
    if (result_.pages.size() > 1 && result_.pages.back().empty()) result_.pages.pop_back();
    result_.used_on_last = used_;
    return std::move(result_);
  }

 private:
  std::vector<Placement>& page() { return result_.pages.back(); }

  // Starts a page whose first unit is units_[next]; a table row continuing there gets its
  // table's header row first.
  void NewPage(std::size_t next) {
    result_.pages.emplace_back();
    used_ = 0;
    page_first_unit_ = next;
    const Unit& unit = units_[next];
    if (unit.table >= 0 && !unit.header) {
      const Unit& header = headers_[static_cast<std::size_t>(unit.table)];
      if (!header.slots.empty() && header.slots.size() < lines_) {
        page().push_back(
            Placement{&header, Placement::kRepeatedHeader, 0, header.slots.size(), false});
        used_ = header.slots.size();
      }
    }
  }

  // Places units_[i_] (from resume_slot_ on), or decides where it goes instead.
  void Step() {
    const Unit& u = units_[i_];
    if (u.page_break_before && resume_slot_ == 0 && used_ > 0) NewPage(i_);
    if (u.drop_at_top && used_ == 0) {
      ++i_;
      return;
    }
    const std::size_t need = u.slots.size() - resume_slot_;
    if (used_ + need <= lines_) {
      page().push_back(Placement{&u, i_, resume_slot_, u.slots.size(), false});
      used_ += need;
      Next();
      return;
    }
    if (u.drop_at_top && !BlanksPullTextAlong()) {
      NewPage(i_);
      return;
    }
    if (u.splittable && (need > lines_ / 2 || resume_slot_ > 0) && used_ < lines_) {
      const std::size_t take = lines_ - used_;
      page().push_back(Placement{&u, i_, resume_slot_, resume_slot_ + take, true});
      resume_slot_ += take;
      NewPage(i_);
      return;
    }
    if (MoveKeptGroup()) return;
    if (used_ == 0) {  // taller than a page and not splittable: place what fits
      page().push_back(Placement{&u, i_, resume_slot_, std::min(u.slots.size(), lines_), false});
      Next();
      if (i_ < units_.size()) NewPage(i_);
      return;
    }
    NewPage(i_);
  }

  void Next() {
    ++i_;
    resume_slot_ = 0;
  }

  // A blank line at the foot of a page vanishes on the next one, unless what follows the
  // blanks must stay with the text above it (the signature block: GB/T 9704 7.3.5 forbids a
  // page holding only the signature); then that text is pulled along (MoveKeptGroup).
  bool BlanksPullTextAlong() const {
    std::size_t next = i_;
    while (next < units_.size() && units_[next].drop_at_top) ++next;
    return next < units_.size() && units_[next].keep_with_prev;
  }

  // Moves units_[i_] together with the units it must stay with to a new page; false when the
  // group starts the page already.
  bool MoveKeptGroup() {
    std::size_t start = i_;
    while (start > page_first_unit_ &&
           (units_[start].keep_with_prev || units_[start - 1].keep_with_next ||
            units_[start].drop_at_top)) {
      --start;
    }
    if (start <= page_first_unit_ || resume_slot_ != 0) return false;
    std::vector<Placement>& current = page();
    current.erase(std::remove_if(current.begin(), current.end(),
                                 [&](const Placement& p) {
                                   return p.unit_index != Placement::kRepeatedHeader &&
                                          p.unit_index >= start;
                                 }),
                  current.end());
    NewPage(start);
    i_ = start;
    return true;
  }

  const std::vector<Unit>& units_;
  const std::vector<Unit>& headers_;
  const std::size_t lines_;
  Pagination result_;
  std::size_t used_ = 0;             // grid lines taken on the current page
  std::size_t page_first_unit_ = 0;  // first unit that began on the current page
  std::size_t i_ = 0;                // the unit being placed
  std::size_t resume_slot_ = 0;      // first slot of units_[i_] still to place (split rows)
};

}  // namespace

Pagination Paginate(const std::vector<Unit>& units, const std::vector<Unit>& headers,
                    std::size_t lines) {
  return Paginator(units, headers, lines).Run();
}

}  // namespace pipeline::render::pdf
