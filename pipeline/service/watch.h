// `beian watch INTAKE --out OUT` (docs/user-guide.md "Watch mode"): processes each dossier of the
// intake once it is complete, and again when it changes. A dossier is taken when its fingerprint
// (service/fingerprint.h) has not changed for --settle seconds; clerks copy folders and make
// no marker files. Changes are noticed with inotify (every folder below the intake watched; a
// queue overflow or a failed watch falls back to a full rescan), or with --poll SECONDS by
// rescanning, for CIFS/NFS shares whose changes made on other machines inotify never sees.
// What was processed, with which fingerprint, is kept in OUT (service/intake_state.h), so a
// restart goes on where it stopped and --once skips what is unchanged. SIGTERM and SIGINT end
// it cleanly: no new dossier is started, those started are finished. The intake is only read.
#ifndef PIPELINE_SERVICE_WATCH_H_
#define PIPELINE_SERVICE_WATCH_H_

#include <functional>
#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"
#include "pipeline/service/output_folder.h"

namespace pipeline::service {

struct WatchOptions {
  std::string intake_dir;
  int settle_seconds = 5;
  int poll_seconds = 0;        // > 0: rescan every so often instead of inotify
  bool once = false;           // one pass, then return
  std::string superseded_dir;  // folder in OUT for cases whose dossier left the intake
  // A write that fails (a full disk: an I/O error) does not end the watcher (--once: it does):
  // the error is logged with `retry_note`, and the intake is looked at again after
  // `retry_seconds`; a dossier whose state was not recorded is processed again.
  int retry_seconds = 5;
  std::string retry_note;
};

struct WatchHooks {
  std::function<void()> before_batch;  // before dossiers are processed
  // After each pass over the intake (the first one too, and the last of --once), whether or
  // not it processed anything; an error stops the watch.
  std::function<Status()> after_pass;
  std::function<void(const CaseDone&)> done;          // each dossier, in order
  std::function<void(const CaseState&)> superseded;   // each case moved aside
  std::function<void(const std::string&)> unsettled;  // --once: a dossier still changing
};

// Runs until SIGTERM/SIGINT (or, with `once`, after one pass). Errors: the intake cannot be
// read, or a fatal error of the output folder.
Status RunWatch(const WatchOptions& options, const FileSystem& fs, OutputFolder& folder,
                const WatchHooks& hooks);

// Writes "<UTC time> <text>" as one line to stderr.
void LogLine(const std::string& text);

// Today's date on the system clock (local time): the default for --date.
Date Today();

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_WATCH_H_
