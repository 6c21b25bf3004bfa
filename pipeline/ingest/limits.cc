#include "pipeline/ingest/limits.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

#include "pipeline/core/utf8.h"

namespace pipeline::ingest {
namespace {

// One settable limit: its key in the `limits` section and where it lives in Limits.
struct Key {
  const char* name;
  std::uint64_t* u64 = nullptr;
  std::size_t* size = nullptr;
  int* integer = nullptr;
};

std::vector<Key> KeysOf(Limits& l) {
  return {
      {"max_file_bytes", &l.max_file_bytes},
      {"max_inflated_bytes", &l.max_inflated_bytes},
      {"max_entry_bytes", &l.max_entry_bytes},
      {"max_ratio", &l.max_ratio},
      {"ratio_min_bytes", &l.ratio_min_bytes},
      {"max_zip_entries", &l.max_zip_entries},
      {"max_pdf_pages", nullptr, &l.max_pdf_pages},
      {"max_folder_depth", nullptr, nullptr, &l.max_depth},
      {"max_files", nullptr, &l.max_files},
      {"max_name_chars", nullptr, &l.max_name_chars},
      {"max_form_bytes", &l.max_form_bytes},
      {"max_xml_depth", nullptr, nullptr, &l.max_xml_depth},
      {"max_table_nesting", nullptr, nullptr, &l.max_table_nesting},
      {"max_inline_nesting", nullptr, nullptr, &l.max_inline_nesting},
      {"max_occupations", nullptr, &l.max_occupations},
      {"max_value_chars", nullptr, &l.max_value_chars},
  };
}

}  // namespace

Result<Limits> ParseLimits(const std::string& json_text, const std::string& path) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false,
                                           /*ignore_comments=*/true);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidData("not a JSON object", path);
  Limits limits;
  if (!j.contains("limits")) return limits;
  const nlohmann::json& section = j["limits"];
  if (!section.is_object()) return Status::InvalidData("key \"limits\" must be an object", path);
  std::vector<Key> keys = KeysOf(limits);
  for (const auto& [name, value] : section.items()) {
    if (!name.empty() && name[0] == '_') continue;  // "_comment"
    const Key* key = nullptr;
    for (const Key& k : keys) {
      if (name == k.name) key = &k;
    }
    if (key == nullptr) return Status::InvalidData("limits: unknown key \"" + name + "\"", path);
    if (!value.is_number_unsigned() || value.get<std::uint64_t>() < 1) {
      return Status::InvalidData("limits: \"" + name + "\" must be a whole number >= 1", path);
    }
    const std::uint64_t v = value.get<std::uint64_t>();
    if (key->u64 != nullptr) *key->u64 = v;
    if (key->size != nullptr) *key->size = static_cast<std::size_t>(v);
    if (key->integer != nullptr) {
      if (v > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        return Status::InvalidData("limits: \"" + name + "\" is too large", path);
      }
      *key->integer = static_cast<int>(v);
    }
  }
  return limits;
}

Result<Limits> LoadLimits(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error().WithContext("reading limits");
  return ParseLimits(*text, path);
}

void RecordLimitHit(model::FormData& form, const char* limit, std::size_t value,
                    const std::string& where, bool fatal) {
  for (const model::LimitHit& h : form.limit_hits) {
    if (h.limit == limit) return;
  }
  form.limit_hits.push_back({limit, std::to_string(value), where, fatal});
}

std::string CapValue(std::string text, const Limits& limits, model::FormData& form,
                     const std::string& where) {
  if (text.size() <= limits.max_value_chars) return text;  // bytes >= code points
  std::vector<char32_t> cps = DecodeUtf8(text);
  if (cps.size() <= limits.max_value_chars) return text;
  RecordLimitHit(form, "max_value_chars", limits.max_value_chars, where);
  std::string out;
  for (std::size_t i = 0; i < limits.max_value_chars; ++i) AppendUtf8(cps[i], out);
  return out;
}

}  // namespace pipeline::ingest
