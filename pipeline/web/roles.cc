#include "pipeline/web/roles.h"

#include "pipeline/core/tsv.h"

namespace pipeline::web {
namespace {

std::set<std::string> SplitCommas(const std::string& s) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.insert(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

bool IsRole(const std::string& role) {
  for (const char* r : kRoles) {
    if (role == r) return true;
  }
  return false;
}

Result<RoleTable> RoleTable::Load(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, 1 << 20);
  if (!text) return text.error();
  Result<TsvTable> tsv = ParseTsv(*text, path, {"action", "stages", "roles"});
  if (!tsv) return tsv.error();
  const int action = tsv->Column("action"), stages = tsv->Column("stages"),
            roles = tsv->Column("roles");
  RoleTable table;
  for (const TsvTable::Row& r : tsv->rows) {
    const std::string& name = r.fields[static_cast<std::size_t>(action)];
    const std::string& stage_list = r.fields[static_cast<std::size_t>(stages)];
    Row row;
    if (stage_list != "-") row.stages = SplitCommas(stage_list);
    row.roles = SplitCommas(r.fields[static_cast<std::size_t>(roles)]);
    for (const std::string& role : row.roles) {
      if (!IsRole(role)) return Status::InvalidData("unknown role '" + role + "'", path, r.line);
    }
    if (!table.rows_.emplace(name, row).second) {
      return Status::InvalidData("action '" + name + "' listed twice", path, r.line);
    }
    table.order_.push_back(name);
  }
  return table;
}

bool RoleTable::Allows(const std::string& role, const std::string& action) const {
  auto it = rows_.find(action);
  return it != rows_.end() && it->second.roles.count(role) != 0;
}

std::vector<std::string> RoleTable::ActionsAt(const std::string& role,
                                              const std::string& stage) const {
  std::vector<std::string> out;
  for (const std::string& action : order_) {
    const Row& row = rows_.at(action);
    if (row.roles.count(role) == 0) continue;
    if (row.stages.count("*") != 0 || row.stages.count(stage) != 0) out.push_back(action);
  }
  return out;
}

}  // namespace pipeline::web
