#include "pipeline/report/messages.h"

#include <cstdio>

#include "pipeline/core/utf8.h"

namespace pipeline::report {

Result<MessageCatalog> MessageCatalog::Load(const FileSystem& fs, const std::string& path) {
  Result<std::string> data = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!data) return data.error();
  MessageCatalog cat;
  int line_no = 0;
  std::size_t pos = 0;
  const std::string& s = *data;
  while (pos <= s.size()) {
    std::size_t end = s.find('\n', pos);
    if (end == std::string::npos) end = s.size();
    std::string line = s.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') {
      if (end == s.size()) break;
      continue;
    }
    if (!IsValidUtf8(line)) return Status::InvalidData("invalid UTF-8", path, line_no);
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      return Status::InvalidData("expected key<TAB>text", path, line_no);
    }
    std::string key = line.substr(0, tab);
    if (key.empty()) return Status::InvalidData("empty message key", path, line_no);
    if (cat.texts_.count(key)) {
      return Status::InvalidData("duplicate message key \"" + key + "\"", path, line_no);
    }
    std::string text = line.substr(tab + 1);
    // "\n" in the data file stands for a line break in the text.
    for (std::size_t i = 0; (i = text.find("\\n", i)) != std::string::npos;) {
      text.replace(i, 2, "\n");
      ++i;
    }
    cat.texts_.emplace(std::move(key), std::move(text));
    if (end == s.size()) break;
  }
  return cat;
}

std::string MessageCatalog::Worded(const std::string& name, const std::string& value) const {
  auto worded = texts_.find("arg." + name + "." + value);
  if (worded != texts_.end()) return worded->second;
  if (!value.empty()) return value;
  // A value that is missing: never an empty hole (「第项职业编码“”」), always `not filled`.
  auto empty = texts_.find("arg.empty");
  return empty != texts_.end() ? empty->second : value;
}

namespace {

// `2025-12-20` -> the catalogue's format.date pattern ({year}年{month}月{day}日); anything that
// is not an ISO date stays as it is.
std::string WordDate(const std::string& v, const std::map<std::string, std::string>& texts) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  auto pattern = texts.find("format.date");
  if (pattern == texts.end() || v.size() != 10 ||
      std::sscanf(v.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) {
    return v;
  }
  std::string out = pattern->second;
  for (const auto& [tok, num] :
       {std::pair<std::string, int>{"{year}", y}, {"{month}", m}, {"{day}", d}}) {
    std::size_t at = out.find(tok);
    if (at != std::string::npos) out.replace(at, tok.size(), std::to_string(num));
  }
  return out;
}

// Applies a placeholder filter (see the header) to an arg's worded value.
std::string Filter(const std::string& filter, const std::string& v,
                   const std::map<std::string, std::string>& texts) {
  auto text = [&](const char* key) {
    auto it = texts.find(key);
    return it == texts.end() ? std::string() : it->second;
  };
  if (filter == "date") return WordDate(v, texts);
  if (filter == "q")
    return v.empty() ? text("format.empty")
                     : text("format.open_quote") + v + text("format.close_quote");
  if (filter == "list") {
    std::string out = v;
    const std::string sep = text("format.list_separator");
    for (std::size_t at = out.find("; "); at != std::string::npos;
         at = out.find("; ", at + sep.size())) {
      out.replace(at, 2, sep);
    }
    return out;
  }
  return v;
}

}  // namespace

std::string MessageCatalog::Format(
    const std::string& key, const std::vector<std::pair<std::string, std::string>>& args) const {
  auto it = texts_.find(key);
  if (it == texts_.end()) return "[" + key + "]";
  const std::string& t = it->second;
  std::string out;
  out.reserve(t.size());
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '{') {
      std::size_t close = t.find('}', i + 1);
      if (close != std::string::npos) {
        std::string name = t.substr(i + 1, close - i - 1);
        std::string filter;
        if (std::size_t bar = name.find('|'); bar != std::string::npos) {
          filter = name.substr(bar + 1);
          name.resize(bar);
        }
        bool found = false;
        for (const auto& [k, v] : args) {
          if (k == name) {
            // An empty value under |q is the filter's own "not filled" wording.
            const std::string worded = filter == "q" && v.empty() ? v : Worded(k, v);
            out += Filter(filter, worded, texts_);
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    out += t[i++];
  }
  return out;
}

}  // namespace pipeline::report
