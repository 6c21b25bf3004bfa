// Whole-folder replacement for the output folder: a case's outputs are written into a staging
// folder (a unique name per process, under OUT/.beian-tmp/) and then swapped in with one
// rename, so a reader, a re-run or a crash sees either the old set of files or the new one,
// never a mix (docs/user-guide.md "Output folder").
#ifndef PIPELINE_CORE_ATOMIC_DIR_H_
#define PIPELINE_CORE_ATOMIC_DIR_H_

#include <string>

#include "pipeline/core/status.h"

namespace pipeline {

// Name of the staging area inside an output folder.
inline constexpr const char* kStagingDirName = ".beian-tmp";

// Makes `target` hold exactly what the folder `staged` holds, in one step: an existing
// `target` is exchanged with `staged` (renameat2 RENAME_EXCHANGE) and its old contents removed;
// without an existing `target`, `staged` is renamed to it. On file systems without the
// exchange (some network shares) the old folder is first renamed aside. `staged` is gone
// afterwards. Both must be on the same file system.
Status ReplaceDir(const std::string& staged, const std::string& target);

// Removes `path` and everything below it (symlinks are removed, never followed); OK when it
// does not exist.
Status RemoveTree(const std::string& path);

// Moves `from` to `to` (replacing a folder already at `to`); creates the parent of `to`.
Status MoveDir(const std::string& from, const std::string& to);

}  // namespace pipeline

#endif  // PIPELINE_CORE_ATOMIC_DIR_H_
