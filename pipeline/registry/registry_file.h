// Opening the registry file (docs/user-guide.md "Case registry", docs/registry.md): which file,
// whether a command may create it, and the checks that refuse a damaged or emptied file before
// anything is read from it or written to it.
//   - Only a writing command that registers dossiers (run, watch) creates a missing registry;
//     every other command refuses a missing file, naming it.
//   - At open, the cheap checks: an empty file, a file that is not SQLite (header magic), a
//     page size that is not one, a file shorter than its header's page size x page count.
//   - SQLite's quick_check runs at `registry check`, `registry backup`, the start of `watch`
//     and whenever SQLite reports SQLITE_CORRUPT or SQLITE_NOTADB.
// Every refusal names the file and the command that restores it from a backup.
#ifndef PIPELINE_REGISTRY_REGISTRY_FILE_H_
#define PIPELINE_REGISTRY_REGISTRY_FILE_H_

#include <memory>
#include <ostream>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/registry/registry.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

enum class RegistryAccess {
  kExisting,  // the file must exist (every command but run and watch)
  kCreate,    // a missing file is created, with its folder, already migrated
};

// The cheap checks of an existing file (no SQLite involved); OK for a sound header. The error
// is the clerk's message (registry.damaged.*), naming the file and the restore command.
Status CheckRegistryHeader(const std::string& file, const report::MessageCatalog& messages);

// The clerk's message for a damaged registry `file`: what is wrong and how to restore it.
Status DamagedRegistry(const std::string& file, const std::string& detail,
                       const report::MessageCatalog& messages);

// Opens the registry `file` (docs/user-guide.md "Case registry"): "" is refused (no registry
// chosen), a missing file is refused unless `access` is kCreate, a damaged one always. With
// `verify`, SQLite's quick_check runs before the registry is used.
Result<std::unique_ptr<Registry>> OpenRegistryFile(const std::string& file,
                                                   const report::MessageCatalog& messages,
                                                   const Date& today, RegistryAccess access,
                                                   bool verify = false);

// `beian registry check`: the header checks and quick_check. Prints what it found to `out`;
// returns false when the file is damaged (exit code 1).
Result<bool> CheckRegistryCommand(const std::string& file, const report::MessageCatalog& messages,
                                  std::ostream& out);

// `beian registry backup DEST`: quick_check of the registry, then SQLite's online backup to
// DEST (its folder created), whose copy must pass integrity_check. An existing DEST is refused
// unless `force`.
Status BackupRegistry(Registry& registry, const std::string& dest, bool force,
                      const report::MessageCatalog& messages);

// `beian registry restore BACKUP`: BACKUP must pass the header checks and integrity_check; the
// current file (when there is one) is kept beside it as `<file>.replaced-<date>[-n]`, and the
// backup's copy takes its place. Prints what it did.
Status RestoreRegistry(const std::string& file, const std::string& backup, const Date& today,
                       const report::MessageCatalog& messages, std::ostream& out);

// The same two on a PostgreSQL registry (`uri`): `registry check` connects and reads the schema
// version (a server has no quick_check: its own checksums and WAL guard the pages); `registry
// restore` checks the backup with pg_restore --list, dumps the current contents beside the
// backup (registry-before-restore-DATE.dump), then restores in one transaction.
Result<bool> CheckServerRegistry(const std::string& uri, const report::MessageCatalog& messages,
                                 std::ostream& out);
Status RestoreServerRegistry(const std::string& uri, const std::string& backup, const Date& today,
                             const report::MessageCatalog& messages, std::ostream& out);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_REGISTRY_FILE_H_
