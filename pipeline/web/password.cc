#include "pipeline/web/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace pipeline::web {

Result<std::string> HashPassword(const std::string& password) {
  constexpr std::size_t kSaltBytes = 16, kHashBytes = 32;
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) return Status::Internal("RAND_bytes failed");
  const std::size_t length = argon2_encodedlen(kArgonPasses, kArgonMemoryKiB, kArgonLanes,
                                               kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  const int rc = argon2id_hash_encoded(kArgonPasses, kArgonMemoryKiB, kArgonLanes, password.data(),
                                       password.size(), salt, kSaltBytes, kHashBytes,
                                       encoded.data(), encoded.size());
  if (rc != ARGON2_OK) return Status::Internal(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool VerifyPassword(const std::string& encoded, const std::string& password) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string RandomToken(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");  // no token is better than a weak one
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : raw) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

}  // namespace pipeline::web
