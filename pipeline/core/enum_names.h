// The one table form for enum <-> name mappings: each enum has one constexpr table of
// {value, name} rows, and these two lookups serve every enum. The names are stable identifiers
// (report.json, checklists, the registry), never display text.
//
//   constexpr EnumName<Severity> kSeverityNames[] = {
//       {Severity::kBlocking, "blocking"}, {Severity::kReview, "review"}, ...};
//   const char* SeverityName(Severity s) { return NameOf(kSeverityNames, s, "info"); }
#ifndef PIPELINE_CORE_ENUM_NAMES_H_
#define PIPELINE_CORE_ENUM_NAMES_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace pipeline {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// The name of `value` in `table`; `absent` when the table has no row for it (an enum's
// "unknown" value is usually left out of the table, so that ValueOf never yields it).
template <typename E, std::size_t N>
constexpr const char* NameOf(const EnumName<E> (&table)[N], E value, const char* absent) {
  for (const EnumName<E>& row : table) {
    if (row.value == value) return row.name;
  }
  return absent;
}

// The value named `name` in `table`; nullopt when no row has that name.
template <typename E, std::size_t N>
constexpr std::optional<E> ValueOf(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& row : table) {
    if (name == row.name) return row.value;
  }
  return std::nullopt;
}

}  // namespace pipeline

#endif  // PIPELINE_CORE_ENUM_NAMES_H_
