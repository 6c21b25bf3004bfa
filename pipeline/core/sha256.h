// SHA-256 (FIPS 180-4) of bytes, as 64 lowercase hex digits: content hashes of dossier folders
// in the case registry and of issued documents in the archive.
#ifndef PIPELINE_CORE_SHA256_H_
#define PIPELINE_CORE_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace pipeline {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest as hex; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  void Block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buf_{};
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

std::string Sha256Hex(std::string_view data);

}  // namespace pipeline

#endif  // PIPELINE_CORE_SHA256_H_
