#include "pipeline/web/views.h"

#include <kainjow/mustache.hpp>

#include "pipeline/core/utf8.h"
#include "pipeline/core/xml.h"

namespace pipeline::web {
namespace {

namespace mus = kainjow::mustache;

mus::data ToData(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      mus::data d{mus::data::type::object};
      for (auto it = j.begin(); it != j.end(); ++it) d.set(it.key(), ToData(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mus::data d{mus::data::type::list};
      for (const nlohmann::json& e : j) d.push_back(ToData(e));
      return d;
    }
    case nlohmann::json::value_t::boolean:
      return mus::data(j.get<bool>());
    case nlohmann::json::value_t::string:
      return mus::data(j.get<std::string>());
    case nlohmann::json::value_t::null:
      return mus::data(false);
    default:
      return mus::data(j.dump());  // numbers
  }
}

constexpr std::string_view kSuffix = ".mustache";

}  // namespace

std::string EscapeHtml(std::string_view s) {
  // core's markup escaping of the text a terminal would show safely, plus the backtick (an
  // attribute delimiter in old browsers).
  std::string out;
  for (char c : EscapeMarkup(TerminalSafe(s), /*apostrophe=*/true)) {
    if (c == '`') {
      out += "&#96;";
    } else {
      out += c;
    }
  }
  return out;
}

Result<Views> Views::Load(const FileSystem& fs, const std::string& dir) {
  Result<std::vector<DirEntry>> entries = fs.ListDir(dir);
  if (!entries) return entries.error();
  Views views;
  for (const DirEntry& e : *entries) {
    if (e.name.size() <= kSuffix.size() ||
        e.name.compare(e.name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
      continue;
    }
    const std::string path = JoinPath(dir, e.name);
    Result<std::string> text = fs.ReadFile(path, 1 << 20);
    if (!text) return text.error();
    mus::mustache parsed(*text);
    if (!parsed.is_valid()) return Status::InvalidData(parsed.error_message(), path);
    views.templates_[e.name.substr(0, e.name.size() - kSuffix.size())] = *text;
  }
  if (views.templates_.count("layout") == 0) {
    return Status::NotFound("no layout.mustache", dir);
  }
  return views;
}

Result<std::string> Views::Render(const std::string& name, const nlohmann::json& data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return Status::NotFound("no template " + name + ".mustache");
  mus::mustache tmpl(it->second);
  tmpl.set_custom_escape([](const std::string& s) { return EscapeHtml(s); });
  std::string out = tmpl.render(ToData(data));
  if (!tmpl.is_valid()) return Status::InvalidData(tmpl.error_message(), name + ".mustache");
  return out;
}

Result<std::string> Views::Page(const std::string& name, const nlohmann::json& data) const {
  Result<std::string> body = Render(name, data);
  if (!body) return body.error();
  nlohmann::json with_body = data;
  with_body["body"] = *body;
  return Render("layout", with_body);
}

}  // namespace pipeline::web
