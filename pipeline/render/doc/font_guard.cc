#include "pipeline/render/doc/font_guard.h"

#include <filesystem>
#include <set>

#include "pipeline/core/text.h"
#include "pipeline/render/pdf/font_set.h"

namespace pipeline::render {
namespace {

// The file a path names, with links and `..` resolved where the file exists.
std::string SameFile(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? std::filesystem::path(path).lexically_normal().string() : p.string();
}

}  // namespace

Result<std::vector<RoleFont>> DocumentFonts(const FileSystem& fs, const std::string& data_dir,
                                            const std::string& fonts_path) {
  const std::string shipped_path = JoinPath(data_dir, "templates/fonts.xml");
  Result<pdf::FontConfig> shipped = pdf::LoadFontConfig(fs, shipped_path);
  if (!shipped) return shipped.error();
  Result<pdf::FontConfig> used = shipped;
  if (!fonts_path.empty() && SameFile(fonts_path) != SameFile(shipped_path)) {
    used = pdf::LoadFontConfig(fs, fonts_path);
    if (!used) return used.error();
  }
  std::set<std::string> stand_ins;
  for (const pdf::FontConfig* config : {&*shipped, &*used}) {
    for (const pdf::FontSpec& s : config->substitutes) stand_ins.insert(SameFile(s.path));
  }
  std::vector<RoleFont> out;
  for (const char* role : {"title", "body"}) {
    auto it = used->roles.find(role);
    if (it == used->roles.end()) continue;
    const std::string& path = it->second.path;
    out.push_back(RoleFont{role, BaseName(path), path, stand_ins.count(SameFile(path)) > 0});
  }
  return out;
}

std::string StandInRoles(const std::vector<RoleFont>& fonts, const std::string& pattern,
                         const std::string& separator) {
  std::string out;
  for (const RoleFont& f : fonts) {
    if (!f.stand_in) continue;
    if (!out.empty()) out += separator;
    out += ReplaceAll(ReplaceAll(pattern, "{role}", f.role), "{file}", f.file);
  }
  return out;
}

}  // namespace pipeline::render
