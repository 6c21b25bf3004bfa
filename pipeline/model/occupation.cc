#include "pipeline/model/occupation.h"

#include <vector>

#include "pipeline/core/enum_names.h"
#include "pipeline/core/text.h"

namespace pipeline::model {
namespace {

constexpr EnumName<OccupationStatus> kOccupationStatusNames[] = {
    {OccupationStatus::kOk, "ok"},
    {OccupationStatus::kUnknownCode, "unknown_code"},
    {OccupationStatus::kNameMismatch, "name_mismatch"},
    {OccupationStatus::kIneligibleGroup, "ineligible_group"},
    {OccupationStatus::kNoNationalStandard, "no_national_standard"},
    {OccupationStatus::kInvalidLevel, "invalid_level"},
};

}  // namespace

const char* OccupationStatusName(OccupationStatus s) {
  return NameOf(kOccupationStatusNames, s, "ok");
}

std::optional<std::string> NormaliseOccupationCode(std::string_view text) {
  std::string s = UnifyDashes(NormaliseCompact(text));
  for (char& c : s) {
    if (c == '.' || c == '_') c = '-';
  }
  if (s.empty()) return std::nullopt;
  for (char c : s) {
    if ((c < '0' || c > '9') && c != '-') return std::nullopt;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dash = s.find('-', start);
    parts.push_back(s.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  if (parts.size() == 1) {
    // Undelimited "4030201" or "4030201014".
    const std::string d = parts[0];  // a copy: `parts` is reassigned below
    if (d.size() != 7 && d.size() != 10) return std::nullopt;
    parts = {d.substr(0, 1), d.substr(1, 2), d.substr(3, 2), d.substr(5, 2)};
    if (d.size() == 10) parts.push_back(d.substr(7, 3));
  }
  if (parts.size() != 4 && parts.size() != 5) return std::nullopt;
  if (parts[0].size() != 1) return std::nullopt;
  for (std::size_t i = 1; i < 4; ++i) {
    if (parts[i].size() != 2) return std::nullopt;
  }
  if (parts.size() == 5 && (parts[4].size() < 2 || parts[4].size() > 3)) return std::nullopt;
  std::string out = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) out += "-" + parts[i];
  return out;
}

}  // namespace pipeline::model
