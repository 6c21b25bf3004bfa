// RoleTable: which role may do which action, and at which stages the action's form is shown
// (templates/web/roles.tsv; data, not code).
#ifndef PIPELINE_WEB_ROLES_H_
#define PIPELINE_WEB_ROLES_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::web {

inline constexpr const char* kRoles[] = {"clerk", "reviewer", "archivist", "admin"};
bool IsRole(const std::string& role);

class RoleTable {
 public:
  // Reads the table; an unknown role or a malformed row is an error naming file and line.
  static Result<RoleTable> Load(const FileSystem& fs, const std::string& path);

  // Whether `role` may do `action` (decide.preliminary, issue, ...).
  bool Allows(const std::string& role, const std::string& action) const;
  // The case actions `role` may do at `stage`, in the table's order.
  std::vector<std::string> ActionsAt(const std::string& role, const std::string& stage) const;
  bool Known(const std::string& action) const { return rows_.count(action) != 0; }

 private:
  struct Row {
    std::set<std::string> stages;  // "*" = any; empty = not a case action
    std::set<std::string> roles;
  };
  std::map<std::string, Row> rows_;
  std::vector<std::string> order_;
};

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_ROLES_H_
