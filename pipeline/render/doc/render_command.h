// `beian render TEMPLATE --data FILE.json [--data FILE2.json ...] --out FILE.pdf
//  [--batch N] [--fonts FONTS.xml] [--layout LAYOUT.xml] [--date YYYY-MM-DD]`
//
// Renders one or more documents in one process with one DocumentRenderer (fonts loaded once).
// Each data file holds one JSON object (one document) or a JSON array of objects (one document
// each). With --batch N every document is rendered N times, the n-th time with
// `batch.index` = n and `batch.count` = N added to its data (templates may use {batch.index},
// e.g. in the 发文字号). When more than one PDF results, --out is a folder (documents
// <out>/1.pdf, <out>/2.pdf, ...) or a pattern containing "{n}", replaced by the 1-based document
// number ("out/doc-{n}.pdf").
#ifndef PIPELINE_RENDER_DOC_RENDER_COMMAND_H_
#define PIPELINE_RENDER_DOC_RENDER_COMMAND_H_

#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::render {

struct RenderCommandOptions {
  // A template path, or a bare name ("correction_notice") meaning
  // <data_dir>/templates/documents/<name>.xml.
  std::string template_path;
  std::vector<std::string> data_files;  // at least one
  std::string out;                      // output PDF; a folder or "{n}" pattern for several
  int batch = 0;                        // > 0: render each document `batch` times
  std::string fonts_path;               // empty: <data_dir>/templates/fonts.xml
  std::string layout_path;              // empty: <data_dir>/templates/layout.xml
  std::string data_dir = ".";           // root holding templates/
  Date date;                            // 成文日期 / PDF date (REQUIRES: IsValid())
};

// Renders and writes every document; stops at the first error, which names the data file (and
// array element) and the problem. Writes nothing to stdout or stderr.
Status RunRenderCommand(FileSystem& fs, const RenderCommandOptions& options);

// Resolves a bare template name as described above; paths are returned unchanged.
std::string ResolveTemplatePath(const std::string& data_dir, const std::string& name_or_path);

}  // namespace pipeline::render

#endif  // PIPELINE_RENDER_DOC_RENDER_COMMAND_H_
