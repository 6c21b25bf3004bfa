// DocumentRenderer: template + JSON data + date -> PDF bytes, for `beian run`, `beian render`
// and batch rendering.
//
// Construct it once per process: it loads the font configuration, the layout and ICU's line
// breaker, and keeps every font it opens and every template it parses for the following
// documents (fonts are opened lazily, on first use). Rendering is deterministic: the same
// template, data and date give byte-identical PDFs. Not thread-safe.
//
// Typical use:
//   auto renderer = DocumentRenderer::Create(fs, RendererOptions::Defaults(data_dir));
//   if (!renderer) return renderer.error();
//   Status s = (*renderer)->RenderToFile(fs, "templates/documents/correction_notice.xml",
//                                        report_json, date, out_path);
#ifndef PIPELINE_RENDER_DOC_DOCUMENT_RENDERER_H_
#define PIPELINE_RENDER_DOC_DOCUMENT_RENDERER_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/render/doc/template.h"
#include "pipeline/render/pdf/deflate.h"
#include "pipeline/render/pdf/document.h"

namespace pipeline::render {
namespace pdf {
class FontSet;
class FontEmbedder;
class LineBreaker;
struct Layout;
}  // namespace pdf

struct RendererOptions {
  std::string fonts_path;   // fonts.xml (roles -> font files); an office's own file via --fonts
  std::string layout_path;  // layout.xml
  // Words a title line never breaks inside, one per line (# comments); "" = none.
  std::string title_words_path;
  // The Flate level of the PDFs' streams: pdf::kFlateLevel for drafts and `beian render`,
  // pdf::kIssuedFlateLevel for issued documents.
  int flate_level = pdf::kFlateLevel;

  // <data_dir>/templates/fonts.xml, layout.xml and title_words.txt.
  static RendererOptions Defaults(const std::string& data_dir);
};

class DocumentRenderer {
 public:
  // Loads the font configuration and layout (errors name the file and line) and creates the ICU
  // line breaker. Font files themselves are opened on first use. `fs` must outlive the renderer.
  static Result<std::unique_ptr<DocumentRenderer>> Create(const FileSystem& fs,
                                                          const RendererOptions& options);
  ~DocumentRenderer();
  DocumentRenderer(const DocumentRenderer&) = delete;
  DocumentRenderer& operator=(const DocumentRenderer&) = delete;

  // The parsed template at `path` (cached). Template errors name path and line.
  Result<const Template*> LoadTemplate(const std::string& path);

  // Renders the template at `template_path` with `data`; `date` is the 成文日期 (available to
  // templates as {today}) and the PDF creation date. Errors are prefixed with the document name,
  // e.g. `document correction_notice: no configured font has U+4E00 '一' (role `body`)`.
  Result<std::string> Render(const std::string& template_path, const nlohmann::json& data,
                             const Date& date);
  Result<std::string> Render(const Template& tmpl, const nlohmann::json& data, const Date& date);
  // Lays out and writes an already instantiated document.
  Result<std::string> RenderDocument(const Document& doc);

  // Render() and write the bytes to `out_path` (parent folders created).
  Status RenderToFile(FileSystem& out_fs, const std::string& template_path,
                      const nlohmann::json& data, const Date& date, const std::string& out_path);

  // Number of pages of the last rendered document (for tests and messages).
  int last_page_count() const { return last_page_count_; }
  // Characters of the last rendered document that no configured font has (or that are never
  // drawn: control, private-use, U+FFFD), drawn as 〓 (pdf::FontSet::Resolve). Ascending.
  const std::set<char32_t>& last_missing_characters() const { return last_missing_; }

 private:
  DocumentRenderer() = default;

  const FileSystem* fs_ = nullptr;
  std::unique_ptr<pdf::Layout> layout_;
  std::unique_ptr<pdf::FontSet> fonts_;
  std::unique_ptr<pdf::FontEmbedder> embedder_;
  std::unique_ptr<pdf::LineBreaker> breaker_;
  int flate_level_ = pdf::kFlateLevel;
  std::map<std::string, std::unique_ptr<Template>> templates_;
  int last_page_count_ = 0;
  std::set<char32_t> last_missing_;
};

}  // namespace pipeline::render

#endif  // PIPELINE_RENDER_DOC_DOCUMENT_RENDERER_H_
