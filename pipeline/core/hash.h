// Fnv1a64: the FNV-1a 64-bit hash of bytes, for short content-derived ids (case ids): stable
// across runs and machines, not a cryptographic hash (that is core/sha256.h).
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
