// Which fonts a document's title and body are drawn in, and whether those are the shipped
// stand-ins. Debian has neither 仿宋 nor 小标宋, so the shipped templates/fonts.xml draws the body
// in a 宋体-like face and the title in a bold serif, and lists those files as <substitute>.
// `beian issue` refuses a document whose body or title role still uses one unless the office
// sets allow_fallback_fonts (docs/user-guide.md "Settings"), `beian config` warns, and the draft's
// worksheet names the fonts it used.
#ifndef PIPELINE_RENDER_DOC_FONT_GUARD_H_
#define PIPELINE_RENDER_DOC_FONT_GUARD_H_

#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::render {

struct RoleFont {
  std::string role;  // "title" or "body"
  std::string file;  // the font file's name (no folder)
  std::string path;  // the font file as configured
  bool stand_in = false;
};

// The title and body roles of the font configuration `fonts_path` ("" = the shipped
// <data_dir>/templates/fonts.xml), each marked stand_in when its file is listed as <substitute>
// in that configuration or in the shipped one. Errors name the configuration file.
Result<std::vector<RoleFont>> DocumentFonts(const FileSystem& fs, const std::string& data_dir,
                                            const std::string& fonts_path);

// The roles drawn in a stand-in, each worded by `pattern` ({role}, {file}) and joined by
// `separator` (both from the message catalogue); empty when there is none.
std::string StandInRoles(const std::vector<RoleFont>& fonts, const std::string& pattern,
                         const std::string& separator);

}  // namespace pipeline::render

#endif  // PIPELINE_RENDER_DOC_FONT_GUARD_H_
