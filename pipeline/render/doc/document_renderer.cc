#include "pipeline/render/doc/document_renderer.h"

#include <cstdio>

#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/render/pdf/font_embedder.h"
#include "pipeline/render/pdf/font_set.h"
#include "pipeline/render/pdf/layout.h"
#include "pipeline/render/pdf/line_breaker.h"
#include "pipeline/render/pdf/pdf_writer.h"
#include "pipeline/render/pdf/typesetter.h"
#include "pipeline/version.h"

namespace pipeline::render {

RendererOptions RendererOptions::Defaults(const std::string& data_dir) {
  RendererOptions o;
  o.fonts_path = JoinPath(data_dir, "templates/fonts.xml");
  o.layout_path = JoinPath(data_dir, "templates/layout.xml");
  o.title_words_path = JoinPath(data_dir, "templates/title_words.txt");
  return o;
}

namespace {

// templates/title_words.txt: one word a line; blank lines and lines starting with # are skipped.
Result<std::vector<std::u32string>> LoadTitleWords(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path);
  if (!text) return text.error().WithContext("reading the title word list");
  std::vector<std::u32string> words;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find('\n', start);
    if (end == std::string::npos) end = text->size();
    const std::string line = TrimSpace(std::string_view(*text).substr(start, end - start));
    start = end + 1;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<char32_t> cps = DecodeUtf8(line);
    words.emplace_back(cps.begin(), cps.end());
  }
  return words;
}

}  // namespace

Result<std::unique_ptr<DocumentRenderer>> DocumentRenderer::Create(const FileSystem& fs,
                                                                   const RendererOptions& options) {
  std::unique_ptr<DocumentRenderer> r(new DocumentRenderer());
  r->fs_ = &fs;
  Result<pdf::Layout> layout = pdf::LoadLayout(fs, options.layout_path);
  if (!layout) return layout.error();
  r->layout_ = std::make_unique<pdf::Layout>(*layout);
  Result<pdf::FontConfig> fonts = pdf::LoadFontConfig(fs, options.fonts_path);
  if (!fonts) return fonts.error();
  r->fonts_ = std::make_unique<pdf::FontSet>(std::move(*fonts));
  r->embedder_ = std::make_unique<pdf::FontEmbedder>();
  r->flate_level_ = options.flate_level;
  Result<std::unique_ptr<pdf::LineBreaker>> breaker =
      pdf::LineBreaker::Create(r->layout_->no_line_start, r->layout_->no_line_end);
  if (!breaker) return breaker.error();
  r->breaker_ = std::move(*breaker);
  if (!options.title_words_path.empty()) {
    Result<std::vector<std::u32string>> words = LoadTitleWords(fs, options.title_words_path);
    if (!words) return words.error();
    r->breaker_->SetTitleWords(std::move(*words));
  }
  return r;
}

DocumentRenderer::~DocumentRenderer() = default;

Result<const Template*> DocumentRenderer::LoadTemplate(const std::string& path) {
  auto it = templates_.find(path);
  if (it != templates_.end()) return it->second.get();
  Result<std::string> text = fs_->ReadFile(path);
  if (!text) return text.error().WithContext("reading template");
  Result<std::unique_ptr<Template>> parsed = Template::Parse(path, std::move(*text));
  if (!parsed) return parsed.error();
  const Template* raw = parsed->get();
  templates_.emplace(path, std::move(*parsed));
  return raw;
}

Result<std::string> DocumentRenderer::Render(const std::string& template_path,
                                             const nlohmann::json& data, const Date& date) {
  Result<const Template*> t = LoadTemplate(template_path);
  if (!t) return t.error();
  return Render(**t, data, date);
}

Result<std::string> DocumentRenderer::Render(const Template& tmpl, const nlohmann::json& data,
                                             const Date& date) {
  Result<Document> doc = tmpl.Instantiate(data, date);
  if (!doc) return doc.error();
  return RenderDocument(*doc);
}

Result<std::string> DocumentRenderer::RenderDocument(const Document& doc) {
  const std::string context = "document " + doc.name;
  fonts_->ClearMissing();
  last_missing_.clear();
  pdf::Typesetter typesetter(*layout_, *fonts_, *breaker_);
  Result<std::vector<pdf::Page>> pages = typesetter.Typeset(doc);
  last_missing_ = fonts_->missing();
  if (!pages) return pages.error().WithContext(context);
  last_page_count_ = static_cast<int>(pages->size());
  pdf::DocumentInfo info;
  info.title = doc.title;
  info.author = doc.author;
  info.subject = doc.subject;
  info.creator = std::string(kProgramName) + " " + kVersion;
  if (doc.date.IsValid()) {
    char buf[40];
    std::snprintf(buf, sizeof(buf), "D:%04d%02d%02d000000+08'00'", doc.date.year, doc.date.month,
                  doc.date.day);
    info.creation_date = buf;
  } else {
    info.creation_date = "D:20000101000000+08'00'";
  }
  Result<std::string> bytes = pdf::WritePdf(*pages, info, *fonts_, *embedder_, flate_level_);
  if (!bytes) return bytes.error().WithContext(context);
  return bytes;
}

Status DocumentRenderer::RenderToFile(FileSystem& out_fs, const std::string& template_path,
                                      const nlohmann::json& data, const Date& date,
                                      const std::string& out_path) {
  Result<std::string> bytes = Render(template_path, data, date);
  if (!bytes) return bytes.error();
  return out_fs.WriteFile(out_path, *bytes);
}

}  // namespace pipeline::render
