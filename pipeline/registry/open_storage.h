// Which Storage a registry location names (docs/user-guide.md "Case registry",
// docs/registry-server.md): a libpq connection URI (postgresql://…) is a PostgreSQL server several
// offices share, anything else a SQLite file.
#ifndef PIPELINE_REGISTRY_OPEN_STORAGE_H_
#define PIPELINE_REGISTRY_OPEN_STORAGE_H_

#include <memory>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/registry.h"
#include "pipeline/registry/registry_file.h"
#include "pipeline/registry/storage.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

// Opens the storage at `location` (a file is created with its folder when missing).
Result<std::unique_ptr<Storage>> OpenStorage(const std::string& location,
                                             const report::MessageCatalog& messages);

enum class OpenFor {
  kWriting,  // brings the schema up to date first
  kReading,  // a server's schema is never changed: one not up to date is refused
};

// Opens the registry at `location`. A SQLite file goes through OpenRegistryFile (registry_file.h:
// a missing file is created only with RegistryAccess::kCreate, a damaged one is refused, `verify`
// runs quick_check) and is migrated either way (it is one office's own); a server is migrated
// only by a command that writes (under the write lock, so many processes starting at once create
// the schema once).
Result<std::unique_ptr<Registry>> OpenRegistryAt(const std::string& location,
                                                 const report::MessageCatalog& messages,
                                                 const Date& today, OpenFor purpose,
                                                 RegistryAccess access = RegistryAccess::kExisting,
                                                 bool verify = false);

// The folder drafts/ and archive/ go beside by default: a file's folder ("." for a bare name);
// for a server, the local data folder ($XDG_DATA_HOME/beian, ~/.local/share/beian).
std::string RegistryHome(const std::string& location);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_OPEN_STORAGE_H_
