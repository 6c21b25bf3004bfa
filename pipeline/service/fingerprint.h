// A dossier's fingerprint: SHA-256 over every entry below it (relative path, type, size and
// modification time, in path order), read with lstat so symlinks are never followed; for a
// single file (an archive dossier, ingest::IsArchiveDossier) also over its bytes. A folder
// still being copied changes its fingerprint; `beian watch` processes a dossier once its
// fingerprint has stayed the same for --settle seconds. Reads only; the intake is never written.
#ifndef PIPELINE_SERVICE_FINGERPRINT_H_
#define PIPELINE_SERVICE_FINGERPRINT_H_

#include <string>

namespace pipeline::service {

// The fingerprint of `path` (a folder, or a single entry such as a stray file). A path that
// cannot be read fingerprints as what could be seen (an error text is part of it), so a
// folder that becomes readable later counts as changed.
std::string Fingerprint(const std::string& path);

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_FINGERPRINT_H_
