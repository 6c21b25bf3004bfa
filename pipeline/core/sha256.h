// SHA-256 (FIPS 180-4) of bytes, as 64 lowercase hex digits: content hashes of dossier folders
// in the case registry and of issued documents in the archive. Computed by OpenSSL's libcrypto
// (EVP; SHA extensions of the CPU where it has them).
#ifndef PIPELINE_CORE_SHA256_H_
#define PIPELINE_CORE_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;

namespace pipeline {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The digest as hex; the object must not be updated afterwards.
  std::string HexDigest();

 private:
  struct FreeContext {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, FreeContext> ctx_;
};

std::string Sha256Hex(std::string_view data);

}  // namespace pipeline

#endif  // PIPELINE_CORE_SHA256_H_
