#include "pipeline/service/watch.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <set>
#include <vector>

#include "pipeline/core/utf8.h"
#include "pipeline/report/case_id.h"
#include "pipeline/service/fingerprint.h"
#include "pipeline/service/stop_signals.h"

namespace pipeline::service {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kGatherMs = 200;  // how long events are gathered before looking at the intake

// inotify over the intake: every folder below it, each watch mapped to the intake entry it
// belongs to ("" for the intake itself).
class Inotify {
 public:
  Inotify() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
  ~Inotify() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  int fd() const { return fd_; }

  // Watches `dir` and the folders below it for changes of `entry`; false when the kernel
  // refuses (too many watches): the caller then rescans on a timer.
  bool AddTree(const FileSystem& fs, const std::string& dir, const std::string& entry,
               int depth = 0) {
    constexpr std::uint32_t kMask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                    IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF |
                                    IN_ONLYDIR | IN_DONT_FOLLOW;
    const int wd = ::inotify_add_watch(fd_, dir.c_str(), kMask);
    if (wd < 0) return errno == ENOENT || errno == ENOTDIR;  // gone already: not a failure
    entry_of_[wd] = entry;
    if (depth >= 32) return true;
    Result<std::vector<DirEntry>> list = fs.ListDir(dir);
    if (!list) return true;
    bool all = true;
    for (const DirEntry& e : *list) {
      if (e.type == EntryType::kDirectory) {
        all = AddTree(fs, JoinPath(dir, e.name), entry.empty() ? e.name : entry, depth + 1) && all;
      }
    }
    return all;
  }

  // Reads the pending events: the intake entries that changed go to *changed; a queue
  // overflow sets *rescan.
  void Drain(std::set<std::string>* changed, bool* rescan) {
    alignas(inotify_event) char buf[16384];
    for (;;) {
      ssize_t n = ::read(fd_, buf, sizeof(buf));
      if (n <= 0) return;
      for (char* p = buf; p < buf + n;) {
        const auto* ev = reinterpret_cast<const inotify_event*>(p);
        p += sizeof(inotify_event) + ev->len;
        if ((ev->mask & IN_Q_OVERFLOW) != 0) {
          *rescan = true;
          continue;
        }
        auto it = entry_of_.find(ev->wd);
        if (it == entry_of_.end()) continue;
        if ((ev->mask & IN_IGNORED) != 0) {
          entry_of_.erase(it);
          continue;
        }
        if (!it->second.empty()) {
          changed->insert(it->second);
        } else if (ev->len > 0) {
          changed->insert(ev->name);  // an entry directly in the intake
        } else {
          *rescan = true;  // the intake folder itself
        }
      }
    }
  }

 private:
  int fd_;
  std::map<int, std::string> entry_of_;
};

// What the watcher knows of an intake entry it has not processed in its current state.
struct Pending {
  ingest::IntakeEntry entry;
  std::string fingerprint;
  Clock::time_point since;
};

class Watcher {
 public:
  Watcher(const WatchOptions& o, const FileSystem& fs, OutputFolder& folder,
          const WatchHooks& hooks)
      : o_(o), fs_(fs), folder_(folder), hooks_(hooks) {}

  Status Run() {
    StopSignals signals;
    stop_ = signals.flag();
    Inotify inotify;
    bool use_inotify = o_.poll_seconds <= 0 && !o_.once && inotify.ok();
    if (o_.poll_seconds <= 0 && !o_.once && !inotify.ok()) {
      LogLine("inotify unavailable (" + std::string(std::strerror(errno)) +
              "); rescanning every 5 seconds");
    }
    // --once looks twice (then after the settle time), never on a timer.
    const int rescan_every =
        o_.once ? 0 : (o_.poll_seconds > 0 ? o_.poll_seconds : (use_inotify ? 0 : 5));
    bool rescan = true;
    std::set<std::string> changed;
    Clock::time_point last_scan = Clock::now();
    bool first_pass = true;
    while (*stop_ == 0) {
      if (rescan) {
        if (use_inotify && !inotify.AddTree(fs_, o_.intake_dir, "")) {
          LogLine("too many folders for inotify; rescanning every 5 seconds instead");
          use_inotify = false;
        }
        PIPELINE_RETURN_IF_ERROR(Scan());
        last_scan = Clock::now();
        rescan = false;
      } else if (!changed.empty()) {
        for (const std::string& name : changed) {
          Refresh(name);
          if (use_inotify) inotify.AddTree(fs_, JoinPath(o_.intake_dir, name), name, 1);
        }
        changed.clear();
      }
      PIPELINE_RETURN_IF_ERROR(Retryable(ProcessSettled(first_pass)));
      if (hooks_.after_pass) PIPELINE_RETURN_IF_ERROR(Retryable(hooks_.after_pass()));
      PIPELINE_RETURN_IF_ERROR(Retryable(folder_.Sync()));
      if (o_.once && !first_pass) {
        for (const auto& [name, p] : pending_) {
          if (hooks_.unsettled) hooks_.unsettled(p.entry.display_name);
        }
        break;
      }
      first_pass = false;
      // Sleep until a pending dossier may have settled, the next rescan, an event or a signal.
      int timeout_ms = -1;
      const auto now = Clock::now();
      for (const auto& [name, p] : pending_) {
        const auto due = p.since + std::chrono::seconds(o_.settle_seconds);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count();
        const int wait = static_cast<int>(std::clamp<long long>(ms + 1, 0, 3'600'000));
        // --once looks a second time only when every pending dossier has had its own settle
        // time since its first fingerprint: one scanned late in a slow first scan is not
        // deferred because the first one scanned has settled.
        timeout_ms = timeout_ms < 0
                         ? wait
                         : (o_.once ? std::max(timeout_ms, wait) : std::min(timeout_ms, wait));
      }
      if (rescan_every > 0) {
        const auto due = last_scan + std::chrono::seconds(rescan_every);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count();
        const int wait = static_cast<int>(std::clamp<long long>(ms, 0, 3'600'000));
        timeout_ms = timeout_ms < 0 ? wait : std::min(timeout_ms, wait);
      }
      if (o_.once) {
        if (pending_.empty()) break;
        rescan = true;  // --once: look again after the settle time, then stop
      }
      if (retry_) {  // a write failed: look at the whole intake again after a while
        const int wait = o_.retry_seconds * 1000;
        timeout_ms = timeout_ms < 0 ? wait : std::min(timeout_ms, wait);
        retry_ = false;
        rescan = true;
      }
      std::vector<pollfd> fds = {{signals.wake_fd(), POLLIN, 0}};
      if (use_inotify) fds.push_back({inotify.fd(), POLLIN, 0});
      int n = ::poll(fds.data(), fds.size(), timeout_ms);
      if (n < 0 && errno != EINTR) return Status::IoError(std::strerror(errno), "poll");
      if (use_inotify && n > 0 && fds[1].revents != 0) {
        // A copy in progress sends events by the thousand: gather them for a moment, so each
        // dossier is fingerprinted once per round, not once per file.
        std::vector<pollfd> only_signal = {fds[0]};
        ::poll(only_signal.data(), only_signal.size(), kGatherMs);
        inotify.Drain(&changed, &rescan);
      }
      if (rescan_every > 0 && Clock::now() - last_scan >= std::chrono::seconds(rescan_every)) {
        rescan = true;
      }
    }
    return Status::Ok();
  }

 private:
  // An I/O error of the watcher's own writes (a full disk) is logged and retried, not fatal
  // (--once: it is).
  Status Retryable(Status s) {
    if (s.ok() || o_.once || s.code() != StatusCode::kIoError) return s;
    LogLine(s.ToString() + " " + o_.retry_note);
    retry_ = true;
    return Status::Ok();
  }

  // Lists the intake, fingerprints every entry, and moves aside the cases of entries gone.
  Status Scan() {
    Result<std::vector<ingest::IntakeEntry>> entries = ingest::ScanIntake(fs_, o_.intake_dir);
    if (!entries) return entries.error().WithContext("cannot read the intake folder");
    std::set<std::string> present, names;
    for (const ingest::IntakeEntry& e : *entries) {
      present.insert(report::CaseIdFor(e.name));
      names.insert(e.name);
      Note(e);
    }
    for (auto it = pending_.begin(); it != pending_.end();) {
      it = names.count(it->first) != 0 ? std::next(it) : pending_.erase(it);
    }
    Result<std::vector<CaseState>> gone = folder_.SupersedeMissing(present, o_.superseded_dir);
    if (!gone) return gone.error();
    for (const CaseState& g : *gone) {
      if (hooks_.superseded) hooks_.superseded(g);
    }
    return Status::Ok();
  }

  // One entry changed (inotify): look at it again, or notice that it is gone.
  void Refresh(const std::string& name) {
    if (ingest::IsIgnoredName(name)) return;
    const std::string path = JoinPath(o_.intake_dir, name);
    Result<DirEntry> st = fs_.Stat(path);
    if (!st) {
      pending_.erase(name);
      gone_seen_ = true;
      return;
    }
    ingest::IntakeEntry e;
    e.name = name;
    e.display_name = ingest::DossierDisplayName(name, st->type);
    e.path = path;
    e.type = st->type;
    Note(e);
  }

  // Records the entry's current fingerprint; unchanged since it was processed: nothing to do.
  void Note(const ingest::IntakeEntry& e) {
    const std::string fp = Fingerprint(e.path);
    const CaseState* s = folder_.state().Find(report::CaseIdFor(e.name));
    if (s != nullptr && s->fingerprint == fp && s->status != "superseded") {
      pending_.erase(e.name);  // done, or failed and not changed since: retried when it changes
      return;
    }
    auto it = pending_.find(e.name);
    if (it != pending_.end() && it->second.fingerprint == fp) return;  // still settling
    pending_[e.name] = {e, fp, Clock::now()};
  }

  // Processes the entries whose fingerprint has been stable for the settle time (in name
  // order, as run does). On the first pass of --once nothing has been watched yet.
  Status ProcessSettled(bool first_pass) {
    if (gone_seen_) {
      gone_seen_ = false;
      PIPELINE_RETURN_IF_ERROR(Scan());
    }
    if (o_.once && first_pass && o_.settle_seconds > 0) return Status::Ok();
    const auto now = Clock::now();
    std::vector<ingest::IntakeEntry> entries;
    std::vector<std::string> fingerprints;
    for (const auto& [name, p] : pending_) {
      if (now - p.since < std::chrono::seconds(o_.settle_seconds)) continue;
      entries.push_back(p.entry);
      fingerprints.push_back(p.fingerprint);
    }
    if (entries.empty()) return Status::Ok();
    if (hooks_.before_batch) hooks_.before_batch();
    PIPELINE_RETURN_IF_ERROR(folder_.Process(
        entries, fingerprints,
        [&](std::size_t i, const CaseDone& d) {
          pending_.erase(entries[i].name);
          if (hooks_.done) hooks_.done(d);
        },
        stop_));
    return Status::Ok();
  }

  const WatchOptions& o_;
  const FileSystem& fs_;
  OutputFolder& folder_;
  const WatchHooks& hooks_;
  std::map<std::string, Pending> pending_;            // by entry name (intake order)
  const volatile std::sig_atomic_t* stop_ = nullptr;  // set by SIGTERM/SIGINT
  bool retry_ = false;                                // a write failed in this pass
  bool gone_seen_ = false;
};

}  // namespace

Status RunWatch(const WatchOptions& options, const FileSystem& fs, OutputFolder& folder,
                const WatchHooks& hooks) {
  Watcher w(options, fs, folder, hooks);
  return w.Run();
}

void LogLine(const std::string& text) {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::fprintf(stderr, "%s %s\n", stamp, text.c_str());
  std::fflush(stderr);
}

Date Today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace pipeline::service
