#include "pipeline/render/doc/render_command.h"

#include <nlohmann/json.hpp>

#include "pipeline/render/doc/document_renderer.h"

namespace pipeline::render {
namespace {

bool EndsWithPdf(const std::string& s) {
  return s.size() >= 4 && s.compare(s.size() - 4, 4, ".pdf") == 0;
}

// `out` with "{n}" replaced; with several documents and no "{n}", `out` is a folder and the
// document is <out>/<n>.pdf.
std::string OutputPath(const std::string& out, std::size_t n, std::size_t total) {
  std::string path = out;
  std::size_t pos = path.find("{n}");
  if (pos != std::string::npos) {
    path.replace(pos, 3, std::to_string(n));
  } else if (total > 1) {
    path = JoinPath(out, std::to_string(n) + ".pdf");
  }
  return path;
}

}  // namespace

std::string ResolveTemplatePath(const std::string& data_dir, const std::string& name_or_path) {
  if (name_or_path.find('/') != std::string::npos ||
      (name_or_path.size() > 4 && name_or_path.compare(name_or_path.size() - 4, 4, ".xml") == 0)) {
    return name_or_path;
  }
  return JoinPath(data_dir, "templates/documents/" + name_or_path + ".xml");
}

Status RunRenderCommand(FileSystem& fs, const RenderCommandOptions& options) {
  if (options.template_path.empty()) return Status::InvalidArgument("render: missing TEMPLATE");
  if (options.data_files.empty()) return Status::InvalidArgument("render: missing --data FILE");
  if (options.out.empty()) return Status::InvalidArgument("render: missing --out FILE.pdf");
  if (!options.date.IsValid()) return Status::InvalidArgument("render: invalid --date");

  // Load every document's data first, so a bad file fails before anything is written.
  std::vector<nlohmann::json> documents;
  std::vector<std::string> origins;
  for (const std::string& file : options.data_files) {
    Result<std::string> text = fs.ReadFile(file);
    if (!text) return text.error().WithContext("reading data");
    nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded()) return Status::InvalidData("not valid JSON", file);
    if (parsed.is_array()) {
      for (std::size_t i = 0; i < parsed.size(); ++i) {
        documents.push_back(std::move(parsed[i]));
        origins.push_back(file + "[" + std::to_string(i) + "]");
      }
    } else {
      documents.push_back(std::move(parsed));
      origins.push_back(file);
    }
  }
  const std::size_t repeat = options.batch > 0 ? static_cast<std::size_t>(options.batch) : 1;
  const std::size_t total = documents.size() * repeat;
  if (total > 1 && options.out.find("{n}") == std::string::npos && EndsWithPdf(options.out)) {
    return Status::InvalidArgument(
        "render: several documents need a folder or \"{n}\" in --out, not a .pdf file");
  }

  RendererOptions renderer_options = RendererOptions::Defaults(options.data_dir);
  if (!options.fonts_path.empty()) renderer_options.fonts_path = options.fonts_path;
  if (!options.layout_path.empty()) renderer_options.layout_path = options.layout_path;
  Result<std::unique_ptr<DocumentRenderer>> renderer =
      DocumentRenderer::Create(fs, renderer_options);
  if (!renderer) return renderer.error();
  const std::string template_path = ResolveTemplatePath(options.data_dir, options.template_path);
  Result<const Template*> tmpl = (*renderer)->LoadTemplate(template_path);
  if (!tmpl) return tmpl.error();

  std::size_t n = 0;
  for (std::size_t d = 0; d < documents.size(); ++d) {
    for (std::size_t b = 1; b <= repeat; ++b) {
      ++n;
      if (options.batch > 0) {
        documents[d]["batch"] = {{"index", b}, {"count", repeat}};
      }
      Result<std::string> pdf = (*renderer)->Render(**tmpl, documents[d], options.date);
      if (!pdf) return pdf.error().WithContext(origins[d]);
      PIPELINE_RETURN_IF_ERROR(fs.WriteFile(OutputPath(options.out, n, total), *pdf));
    }
  }
  return Status::Ok();
}

}  // namespace pipeline::render
