// Paths used by tests: the repo root (tests run with it as working directory) and a fresh,
// per-test temporary directory on the real disk for tests that need real files.
#ifndef TESTS_TESTING_TEST_PATHS_H_
#define TESTS_TESTING_TEST_PATHS_H_

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

namespace pipeline::testing {

// The source tree root (compiled in as BEIAN_SOURCE_DIR).
std::string RepoRoot();
// A new empty directory under the system temp dir, unique per call; removed at process exit.
std::string MakeTempDir();
// Path of the built `beian` executable.
std::string BeianBinary();
// Runs a shell command, returns its exit code and fills *output with stdout (+stderr if asked).
int RunCommand(const std::string& cmd, std::string* output, bool merge_stderr = false);
// Lays out an office's data root (for --data-dir) at `root`: a copy of templates/ whose
// office.json takes the keys of `office` over the shipped ones, and links to checklists/ and data/.
void MakeOfficeDataRoot(const std::string& root, const nlohmann::json& office);

// The folder in `dir` (an output folder, or its 已撤出收件夹) of the case whose fingerprint (or
// number) is `id`: the one `dir`/summary.json gives for it (C2026-…-<institution> with a registry),
// else `dir`/<id>-<institution> (or `dir`/<id>); `dir`/<id> when there is none.
std::string CaseFolder(const std::string& dir, const std::string& id);

// `s` in single quotes for a shell command line (the tests' paths hold no single quote).
inline std::string Quote(const std::string& s) { return "'" + s + "'"; }

// The bytes of the file at `path` ("" when it cannot be read).
inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The text of a PDF (pdftotext) without line breaks, spaces, form feeds and the characters of
// the draft watermark 草稿, which fall between the words of a draft's text: what a reader reads.
std::string FlatPdfText(const std::string& path);

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_TEST_PATHS_H_
