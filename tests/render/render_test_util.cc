#include "tests/render/render_test_util.h"

#include <gtest/gtest.h>
#include <podofo/podofo.h>

#include "tests/testing/test_paths.h"

namespace pipeline::render::testing {

std::unique_ptr<DocumentRenderer> MakeRenderer(const FileSystem& fs,
                                               const std::string& fonts_path) {
  RendererOptions options = RendererOptions::Defaults(pipeline::testing::RepoRoot());
  if (!fonts_path.empty()) options.fonts_path = fonts_path;
  Result<std::unique_ptr<DocumentRenderer>> r = DocumentRenderer::Create(fs, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : nullptr;
}

nlohmann::json LoadTestData(const std::string& name) {
  RealFileSystem real;
  const FileSystem& fs = real;
  Result<std::string> text =
      fs.ReadFile(JoinPath(pipeline::testing::RepoRoot(), "tests/render/testdata/" + name));
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? nlohmann::json::parse(*text) : nlohmann::json();
}

std::string WriteTemp(const std::string& pdf, const std::string& name) {
  RealFileSystem fs;
  std::string path = JoinPath(pipeline::testing::MakeTempDir(), name);
  EXPECT_TRUE(fs.WriteFile(path, pdf).ok());
  return path;
}

std::vector<FontProgram> FontPrograms(const std::string& path) {
  std::vector<FontProgram> programs;
  const auto copy = [](PoDoFo::PdfStream* stream, bool filtered) {
    char* buf = nullptr;
    PoDoFo::pdf_long len = 0;
    filtered ? stream->GetFilteredCopy(&buf, &len) : stream->GetCopy(&buf, &len);
    std::string out(buf, static_cast<std::size_t>(len));
    PoDoFo::podofo_free(buf);
    return out;
  };
  try {
    PoDoFo::PdfMemDocument doc;
    doc.Load(path.c_str());
    for (PoDoFo::PdfObject* obj : doc.GetObjects()) {
      if (!obj->IsDictionary()) continue;
      for (const char* key : {"FontFile2", "FontFile3"}) {
        const PoDoFo::PdfObject* ref = obj->GetDictionary().GetKey(key);
        if (ref == nullptr) continue;
        PoDoFo::PdfObject* program = doc.GetObjects().GetObject(ref->GetReference());
        if (program == nullptr || !program->HasStream()) continue;
        const PoDoFo::PdfObject* filter = program->GetDictionary().GetKey("Filter");
        programs.push_back({filter == nullptr ? "" : filter->GetName().GetName(),
                            copy(program->GetStream(), false), copy(program->GetStream(), true)});
      }
    }
  } catch (const PoDoFo::PdfError& e) {
    ADD_FAILURE() << path << ": " << PoDoFo::PdfError::ErrorMessage(e.GetError());
    programs.clear();
  }
  return programs;
}

std::string RunTool(const std::string& tool, const std::string& args, const std::string& path) {
  std::string out;
  int rc = pipeline::testing::RunCommand(
      tool + " " + args + " '" + path + "'" + (tool == "pdftotext" ? " -" : ""), &out);
  EXPECT_EQ(rc, 0) << tool << " failed on " << path;
  return out;
}

std::string StripSpaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\f' && c != '\r') out += c;
  }
  return out;
}

}  // namespace pipeline::render::testing
