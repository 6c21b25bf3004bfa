#include "pipeline/report/provenance.h"

#include "pipeline/version.h"

namespace pipeline::report {

void AddProvenance(const Provenance& p, nlohmann::json& j) {
  j["schema_version"] = kReportSchemaVersion;
  j["generator"] = {{"name", kProgramName}, {"version", kVersion}};
  j["parameters"] = {
      {"date", p.date},
      {"authority", p.authority ? nlohmann::json(*p.authority) : nlohmann::json(nullptr)},
      {"settings_hash", p.settings_hash},
  };
}

}  // namespace pipeline::report
