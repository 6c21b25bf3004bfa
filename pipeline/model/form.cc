#include "pipeline/model/form.h"

namespace pipeline::model {
namespace {

struct NameEntry {
  FormField field;
  const char* name;
};

constexpr NameEntry kNames[] = {
#define PIPELINE_FORM_FIELD_NAME(id, name) {FormField::id, name},
    PIPELINE_FORM_FIELDS(PIPELINE_FORM_FIELD_NAME)
#undef PIPELINE_FORM_FIELD_NAME
};

}  // namespace

const char* FormFieldName(FormField f) {
  for (const auto& e : kNames) {
    if (e.field == f) return e.name;
  }
  return "";
}

std::optional<FormField> FormFieldFromName(std::string_view name) {
  for (const auto& e : kNames) {
    if (name == e.name) return e.field;
  }
  return std::nullopt;
}

const std::vector<FormField>& AllFormFields() {
  static const std::vector<FormField> all = [] {
    std::vector<FormField> v;
    for (const auto& e : kNames) v.push_back(e.field);
    return v;
  }();
  return all;
}

const FormCell* FormData::Find(FormField f) const {
  for (const auto& c : cells) {
    if (c.field == f) return &c;
  }
  return nullptr;
}

}  // namespace pipeline::model
