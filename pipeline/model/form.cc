#include "pipeline/model/form.h"

#include "pipeline/core/enum_names.h"

namespace pipeline::model {
namespace {

constexpr EnumName<FormField> kNames[] = {
#define PIPELINE_FORM_FIELD_NAME(id, name) {FormField::id, name},
    PIPELINE_FORM_FIELDS(PIPELINE_FORM_FIELD_NAME)
#undef PIPELINE_FORM_FIELD_NAME
};

}  // namespace

const char* FormFieldName(FormField f) { return NameOf(kNames, f, ""); }

std::optional<FormField> FormFieldFromName(std::string_view name) { return ValueOf(kNames, name); }

const std::vector<FormField>& AllFormFields() {
  static const std::vector<FormField> all = [] {
    std::vector<FormField> v;
    for (const auto& e : kNames) v.push_back(e.value);
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
