// Shared helpers for the libFuzzer targets in tests/fuzz/: the data files the targets load once
// (form labels, normaliser tokens) are read from the source tree (BEIAN_SOURCE_DIR).
#ifndef TESTS_FUZZ_FUZZ_COMMON_H_
#define TESTS_FUZZ_FUZZ_COMMON_H_

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "pipeline/ingest/form_labels.h"

namespace fuzz {

// The text of `relative` (e.g. "checklists/form_labels.xml") under the source tree; aborts when
// it cannot be read, since a target without its data would fuzz nothing useful.
inline std::string ReadSourceFile(const std::string& relative) {
  std::ifstream in(std::string(BEIAN_SOURCE_DIR) + "/" + relative, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "fuzz: cannot read %s\n", relative.c_str());
    std::abort();
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// checklists/form_labels.xml, parsed once; aborts when it does not parse.
inline const pipeline::ingest::FormLabels& ShippedFormLabels() {
  static const pipeline::ingest::FormLabels labels = [] {
    auto parsed = pipeline::ingest::ParseFormLabels(ReadSourceFile("checklists/form_labels.xml"),
                                                    "checklists/form_labels.xml");
    if (!parsed.ok()) std::abort();
    return std::move(parsed).value();
  }();
  return labels;
}

}  // namespace fuzz

#endif  // TESTS_FUZZ_FUZZ_COMMON_H_
