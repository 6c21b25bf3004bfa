// Small text helpers private to ingest.
#ifndef PIPELINE_INGEST_TEXT_UTIL_H_
#define PIPELINE_INGEST_TEXT_UTIL_H_

#include <string>
#include <string_view>

namespace pipeline::ingest {

// `s` without leading/trailing Unicode whitespace (including U+3000 and NBSP) and zero-width
// characters; inner text unchanged.
std::string TrimSpace(std::string_view s);

}  // namespace pipeline::ingest

#endif  // PIPELINE_INGEST_TEXT_UTIL_H_
