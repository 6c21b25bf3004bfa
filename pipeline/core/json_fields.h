// Reading fields of JSON written by beian itself (journals, spools, stored rows) where a
// missing or mistyped field reads as empty rather than failing.
#ifndef PIPELINE_CORE_JSON_FIELDS_H_
#define PIPELINE_CORE_JSON_FIELDS_H_

#include <nlohmann/json.hpp>
#include <string>

namespace pipeline {

// The string `key` of the object `j`; "" when `j` has no such key or it is not a string.
inline std::string StringAt(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace pipeline

#endif  // PIPELINE_CORE_JSON_FIELDS_H_
