// Views: the workbench's pages from the mustache templates of templates/web/ (data an office
// can change, as the document templates are). Every {{value}} is escaped: HTML's special
// characters, and control and bidirectional characters shown as \xNN / \uNNNN as the CLI shows
// them (core/utf8.h TerminalSafe), so a name or note can neither inject markup nor hide text.
#ifndef PIPELINE_WEB_VIEWS_H_
#define PIPELINE_WEB_VIEWS_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::web {

// The escape of every {{value}}.
std::string EscapeHtml(std::string_view s);

class Views {
 public:
  // Reads every NAME.mustache of `dir`; a template mustache cannot parse is an error naming it.
  static Result<Views> Load(const FileSystem& fs, const std::string& dir);

  // Page `name` rendered with `data`, inside layout.mustache (as {{{body}}}, with the same data).
  Result<std::string> Page(const std::string& name, const nlohmann::json& data) const;

 private:
  Result<std::string> Render(const std::string& name, const nlohmann::json& data) const;
  std::map<std::string, std::string> templates_;
};

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_VIEWS_H_
