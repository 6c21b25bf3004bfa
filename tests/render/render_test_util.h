// Helpers for the render tests: a DocumentRenderer over the repo's templates, writing PDFs to a
// temp dir and running poppler's command-line tools on them.
#ifndef TESTS_RENDER_RENDER_TEST_UTIL_H_
#define TESTS_RENDER_RENDER_TEST_UTIL_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/render/doc/document_renderer.h"

namespace pipeline::render::testing {

// A renderer using templates/fonts.xml and templates/layout.xml (or `fonts_path`).
// REQUIRES: the default fonts are installed.
std::unique_ptr<DocumentRenderer> MakeRenderer(const FileSystem& fs,
                                               const std::string& fonts_path = "");

// Loads tests/render/testdata/<name>.
nlohmann::json LoadTestData(const std::string& name);

// Writes `pdf` to a fresh temp file and returns its path.
std::string WriteTemp(const std::string& pdf, const std::string& name = "out.pdf");

// Output of `tool args path` (stdout only); empty on failure.
std::string RunTool(const std::string& tool, const std::string& args, const std::string& path);

// An embedded font program (FontFile2/FontFile3 stream) as the file holds it.
struct FontProgram {
  std::string filter;   // its /Filter name ("FlateDecode"), or "" when unfiltered
  std::string raw;      // the stream's bytes in the file
  std::string decoded;  // the program itself
};
// Every embedded font program of the PDF at `path`, in object order. Empty when the file cannot
// be read as a PDF (a test failure).
std::vector<FontProgram> FontPrograms(const std::string& path);

// Removes all whitespace (pdftotext inserts spaces and line breaks at layout positions).
std::string StripSpaces(const std::string& s);

}  // namespace pipeline::render::testing

#endif  // TESTS_RENDER_RENDER_TEST_UTIL_H_
