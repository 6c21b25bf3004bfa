// Helpers of the evaluation tests: quoting for the shell, the Python that has openpyxl, files.
#ifndef TESTS_EVALUATION_EVALUATION_TESTING_H_
#define TESTS_EVALUATION_EVALUATION_TESTING_H_

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace pipeline::evaluation::test_util {

inline std::string Quote(const std::string& s) { return "'" + s + "'"; }

// Debian's python3 (with python3-openpyxl), not another python3 earlier on PATH.
inline std::string Python() {
  return std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

inline std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace pipeline::evaluation::test_util

#endif  // TESTS_EVALUATION_EVALUATION_TESTING_H_
