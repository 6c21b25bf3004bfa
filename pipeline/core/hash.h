// Fnv1a64: the FNV-1a 64-bit hash of bytes. Content-derived ids (case ids, font subset tags,
// the settings hash in report.json) use it; it is stable across runs and machines, and not a
// cryptographic hash.
#ifndef PIPELINE_CORE_HASH_H_
#define PIPELINE_CORE_HASH_H_

#include <cstdint>
#include <string_view>

namespace pipeline {

inline constexpr std::uint64_t kFnv1a64Offset = 1469598103934665603ull;

// Hash of `bytes`, continuing from `seed` (pass a previous result to hash several pieces).
std::uint64_t Fnv1a64(std::string_view bytes, std::uint64_t seed = kFnv1a64Offset);

}  // namespace pipeline

#endif  // PIPELINE_CORE_HASH_H_
