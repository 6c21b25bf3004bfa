// Injected faults for the crash and disk-full tests, read from BEIAN_FAULT in the environment
// (the registry's kill points, pipeline/registry/fault.h, use the same variable with a bare
// point name). Faults named here have the form KIND:TEXT and apply where TEXT occurs in the
// subject:
//   enospc:TEXT   a file write whose path contains TEXT fails as on a full disk (ENOSPC) once
//                 its bytes reached the temporary file (core/file_writer.h), which is removed;
//   crash:TEXT    the worker processing a dossier whose folder name contains TEXT dies of a
//                 segmentation fault (SIGSEGV), as a worker hitting a stack overflow would;
//   crash_file:TEXT  ingest dies of SIGSEGV when it opens a file whose path (the dossier's path
//                 joined with the file's) contains TEXT, as a reader crashing on one file would;
//   cpu:TEXT      that worker sets itself a CPU-time limit (RLIMIT_CPU) and loops until the
//                 kernel ends it (SIGXCPU): a limit enforced by the operating system;
//   hang:TEXT     that worker waits forever (until --timeout ends it);
//   slow_fingerprint:TEXT  the first fingerprint of an intake entry whose path contains TEXT
//                 takes 1.5 s longer, as a cold disk read in a slow first scan would;
//   full_while:FILE  every write through FileWriter and every line of OUT/.beian-state fails
//                 as on a full disk while FILE exists (the test deletes it: space freed);
//   commit_reply_lost:TEXT  the connection to a PostgreSQL registry whose URI contains TEXT
//                 closes right after a write transaction's COMMIT was sent, its reply unread;
//   commit_lost:TEXT  the same, closed before COMMIT was sent (both once per BEIAN_FAULT value;
//                 pipeline/registry/postgres_storage.h);
//   no_exchange:TEXT  replacing a folder whose path contains TEXT finds no RENAME_EXCHANGE, as
//                 on a file system without it, and takes the two-rename way.
// Without BEIAN_FAULT nothing happens; production code only asks.
#ifndef PIPELINE_CORE_FAULT_H_
#define PIPELINE_CORE_FAULT_H_

#include <string_view>

namespace pipeline {

// True when BEIAN_FAULT is "<kind>:<text>" and `subject` contains <text> (a non-empty text).
bool FaultRequested(std::string_view kind, std::string_view subject);

// True when a write of `path` is to fail as on a full disk: enospc:TEXT with TEXT in `path`,
// or full_while:FILE while FILE exists.
bool DiskFullInjected(std::string_view path);

}  // namespace pipeline

#endif  // PIPELINE_CORE_FAULT_H_
