// Passwords and tokens of the workbench (docs/web-admin.md): Argon2id hashes (libargon2,
// m = 19 MiB, t = 2, p = 1: a login costs tens of milliseconds) and random tokens (OpenSSL).
#ifndef PIPELINE_WEB_PASSWORD_H_
#define PIPELINE_WEB_PASSWORD_H_

#include <cstddef>
#include <string>

#include "pipeline/core/status.h"

namespace pipeline::web {

// Argon2id parameters (OWASP's minimum for Argon2id).
inline constexpr unsigned kArgonMemoryKiB = 19 * 1024;
inline constexpr unsigned kArgonPasses = 2;
inline constexpr unsigned kArgonLanes = 1;

// The encoded hash ($argon2id$v=19$m=19456,t=2,p=1$salt$hash) of `password`, with a random salt.
Result<std::string> HashPassword(const std::string& password);

// Whether `password` matches the encoded hash.
bool VerifyPassword(const std::string& encoded, const std::string& password);

// `bytes` random bytes (OpenSSL RAND_bytes) as lower-case hex.
std::string RandomToken(std::size_t bytes = 32);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_PASSWORD_H_
