#include "pipeline/service/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>

#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/fault.h"
#include "pipeline/core/file_system.h"
#include "pipeline/report/case_id.h"
#include "pipeline/service/report_wire.h"

namespace pipeline::service {
namespace {

using nlohmann::json;

bool WriteAll(int fd, const void* data, std::size_t size) {
  return WriteAllTo(fd, std::string_view(static_cast<const char*>(data), size)) == 0;
}

// False on end of file or error before `size` bytes.
bool ReadAll(int fd, void* data, std::size_t size) {
  std::size_t got = 0;
  return ReadAllFrom(fd, static_cast<char*>(data), size, &got) == 0 && got == size;
}

// Frames on the pipes: an 8-byte count of parts, each part's 8-byte size, then the parts. The
// first part is CBOR (the frame's fields); the others are bytes sent as they are (report.json's
// text, a notice's data, a receipt's PDF: CBOR would decode them byte by byte).
constexpr std::uint64_t kMaxParts = 8;
constexpr std::uint64_t kMaxPartSize = std::uint64_t{1} << 32;

// Files of one dossier a reader may die on before the dossier is given up (SVC-001).
constexpr std::size_t kMaxUnreadableRetries = 8;

bool SendFrame(int fd, const json& fields, std::initializer_list<std::string_view> raw = {}) {
  const std::vector<std::uint8_t> cbor = json::to_cbor(fields);
  std::vector<std::uint64_t> sizes{1 + raw.size(), cbor.size()};
  std::size_t total = 0;
  for (std::string_view part : raw) {
    sizes.push_back(part.size());
    total += part.size();
  }
  std::string frame;
  frame.reserve(sizes.size() * sizeof(std::uint64_t) + cbor.size() + total);
  frame.append(reinterpret_cast<const char*>(sizes.data()), sizes.size() * sizeof(std::uint64_t));
  frame.append(reinterpret_cast<const char*>(cbor.data()), cbor.size());
  for (std::string_view part : raw) frame.append(part);
  return WriteAll(fd, frame.data(), frame.size());  // the whole frame in one write call
}

// False on end of file, an error, or a frame that is not one.
bool ReceiveFrame(int fd, json* fields, std::vector<std::string>* raw = nullptr) {
  std::uint64_t parts = 0;
  if (!ReadAll(fd, &parts, sizeof(parts)) || parts == 0 || parts > kMaxParts) return false;
  std::vector<std::uint64_t> sizes(static_cast<std::size_t>(parts));
  if (!ReadAll(fd, sizes.data(), sizes.size() * sizeof(std::uint64_t))) return false;
  std::vector<std::string> bytes;
  for (std::uint64_t size : sizes) {
    if (size > kMaxPartSize) return false;
    std::string& part = bytes.emplace_back(static_cast<std::size_t>(size), '\0');
    if (!ReadAll(fd, part.data(), part.size())) return false;
  }
  *fields = json::from_cbor(bytes[0], /*strict=*/true, /*allow_exceptions=*/false);
  if (raw != nullptr) {
    raw->assign(std::make_move_iterator(bytes.begin() + 1), std::make_move_iterator(bytes.end()));
  }
  return !fields->is_discarded();
}

// The prepared record without its receipt PDF, which travels as a raw part.
json PreparedToWire(registry::PreparedRecord p) {
  return {p.hashed, std::move(p.content_hash), std::move(p.files), std::move(p.receipt_data)};
}

registry::PreparedRecord PreparedFromWire(json j, std::string receipt_pdf) {
  registry::PreparedRecord p;
  p.hashed = j.at(0).get<bool>();
  p.content_hash = j.at(1).get<std::string>();
  p.files = j.at(2).get<std::vector<std::string>>();
  p.receipt_data = std::move(j.at(3));
  p.receipt_pdf = std::move(receipt_pdf);
  return p;
}

// The raw parts of a worker's reply, in order.
enum ReplyPart { kReportJson, kLetters, kReceiptPdf, kReplyParts };

json EntryToWire(const ingest::IntakeEntry& e) {
  return {e.name, e.display_name, e.path, static_cast<int>(e.type), e.unreadable};
}

ingest::IntakeEntry EntryFromWire(const json& j) {
  ingest::IntakeEntry e;
  e.name = j.at(0).get<std::string>();
  e.display_name = j.at(1).get<std::string>();
  e.path = j.at(2).get<std::string>();
  e.type = static_cast<EntryType>(j.at(3).get<int>());
  e.unreadable = j.at(4).get<std::vector<std::string>>();
  return e;
}

// Why a worker ended, in words for the log and the report ("signal SIGSEGV (Segmentation
// fault)", "exit status 3").
std::string DeathReason(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(sig);
    const char* text = ::strsignal(sig);
    return std::string("signal SIG") + (abbrev != nullptr ? abbrev : std::to_string(sig)) + " (" +
           (text != nullptr ? text : "?") + ")";
  }
  if (WIFEXITED(status)) return "exit status " + std::to_string(WEXITSTATUS(status));
  return "unknown status " + std::to_string(status);
}

// The `cpu:` fault: a CPU-time limit one second past what this process has used, then a loop
// that never ends, as a dossier that sends a parser into an endless loop would; the kernel
// ends the process with SIGXCPU.
[[noreturn]] void SpinPastCpuLimit() {
  rusage used{};
  ::getrusage(RUSAGE_SELF, &used);
  const rlim_t now = static_cast<rlim_t>(used.ru_utime.tv_sec + used.ru_stime.tv_sec);
  const rlimit limit{now + 1, now + 3};
  ::setrlimit(RLIMIT_CPU, &limit);
  static std::atomic<unsigned long> spins{0};
  for (;;) spins.fetch_add(1, std::memory_order_relaxed);
}

void CloseFd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

}  // namespace

int DefaultJobs() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : static_cast<int>(n > 64 ? 64 : n);
}

WorkerPool::WorkerPool(DossierWork& work, int jobs, std::string staging_root, int timeout_seconds)
    : work_(work),
      staging_root_(std::move(staging_root)),
      timeout_seconds_(timeout_seconds),
      workers_(static_cast<std::size_t>(jobs < 1 ? 1 : jobs)) {}

int WorkerPool::PollTimeoutMs() {
  if (timeout_seconds_ <= 0) return -1;
  const auto now = std::chrono::steady_clock::now();
  long long wait = -1;
  for (const Worker& w : workers_) {
    if (w.busy < 0 || w.timed_out) continue;
    const auto due = w.started + std::chrono::seconds(timeout_seconds_);
    const long long ms = std::max<long long>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(due - now).count() + 1);
    wait = wait < 0 ? ms : std::min(wait, ms);
  }
  return static_cast<int>(std::min<long long>(wait, 3'600'000));
}

// A dossier that keeps its worker past the timeout (a parser caught in an endless loop) is
// ended like one that crashed; its worker's end of file then reports it.
void WorkerPool::KillOverdue() {
  if (timeout_seconds_ <= 0) return;
  const auto now = std::chrono::steady_clock::now();
  for (Worker& w : workers_) {
    if (w.busy >= 0 && !w.timed_out && now - w.started >= std::chrono::seconds(timeout_seconds_)) {
      w.timed_out = true;
      ::kill(w.pid, SIGKILL);
    }
  }
}

Status WorkerPool::Start() {
  for (Worker& w : workers_) {
    if (w.pid < 0) PIPELINE_RETURN_IF_ERROR(Spawn(&w));
  }
  return Status::Ok();
}

WorkerPool::~WorkerPool() {
  for (Worker& w : workers_) Stop(&w);
}

void WorkerPool::Stop(Worker* w) {
  CloseFd(&w->to_worker);  // an idle worker reads end of file and exits
  CloseFd(&w->from_worker);
  if (w->pid > 0) {
    if (w->busy >= 0) ::kill(w->pid, SIGKILL);
    int status = 0;
    while (::waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  w->pid = -1;
  w->busy = -1;
}

Status WorkerPool::Spawn(Worker* w) {
  int req[2], res[2];
  if (::pipe2(req, O_CLOEXEC) != 0) return Status::IoError(std::strerror(errno), "pipe");
  if (::pipe2(res, O_CLOEXEC) != 0) {
    ::close(req[0]);
    ::close(req[1]);
    return Status::IoError(std::strerror(errno), "pipe");
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) return Status::IoError(std::strerror(errno), "fork");
  if (pid == 0) {
    // The worker: dies with the parent, leaves signals from the terminal or systemd to it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(0);
    std::signal(SIGINT, SIG_IGN);
    std::signal(SIGTERM, SIG_IGN);
    ::close(req[1]);
    ::close(res[0]);
    for (Worker& other : workers_) {  // the other workers' pipes are not this one's business
      if (other.to_worker >= 0) ::close(other.to_worker);
      if (other.from_worker >= 0) ::close(other.from_worker);
    }
    WorkerMain(req[0], res[1]);
  }
  ::close(req[0]);
  ::close(res[1]);
  w->pid = pid;
  w->to_worker = req[1];
  w->from_worker = res[0];
  w->busy = -1;
  return Status::Ok();
}

void WorkerPool::WorkerMain(int in, int out) {
  json request;
  while (ReceiveFrame(in, &request)) {
    json reply;
    std::string report_json, letters, receipt_pdf;  // the reply's raw parts
    try {
      const ingest::IntakeEntry entry = EntryFromWire(request.at("entry"));
      if (FaultRequested("crash", entry.name)) std::raise(SIGSEGV);
      if (FaultRequested("cpu", entry.name)) SpinPastCpuLimit();
      while (FaultRequested("hang", entry.name)) ::pause();
      // The parent learns which file ingest is reading: a reader that dies costs only it.
      ingest::SetOpeningObserver([out](const std::string& path) {
        (void)SendFrame(out, {{"opening", path}});
      });
      Result<CaseResult> r = work_.Work(entry, request.at("dir").get<std::string>());
      ingest::SetOpeningObserver(nullptr);
      if (r) {
        report_json = std::move(r->report_json);
        letters = std::move(r->letters);
        receipt_pdf = std::move(r->prepared.receipt_pdf);
        reply = {{"report", ReportToWire(r->report)},
                 {"failed", r->failed},
                 {"prepared", PreparedToWire(std::move(r->prepared))}};
      } else {
        reply = {{"fatal", {r.error().message(), r.error().file(), r.error().line()}}};
      }
    } catch (const std::exception& e) {  // a library threw past its adapter: this dossier only
      std::fprintf(stderr, "beian: worker: %s\n", e.what());
      ::_exit(70);
    }
    if (!SendFrame(out, reply, {report_json, letters, receipt_pdf})) ::_exit(1);
  }
  ::_exit(0);
}

// Sends `entry` to `w` (forking it when it is not running) with a new staged folder.
Status WorkerPool::Dispatch(Worker* w, const ingest::IntakeEntry& entry) {
  w->dir = NextStagedDir(entry);
  if (::mkdir(w->dir.c_str(), 0755) != 0) return Status::IoError(std::strerror(errno), w->dir);
  const json request = {{"entry", EntryToWire(entry)}, {"dir", w->dir}};
  // An idle worker may have been ended from outside (the OOM killer): a new one is forked.
  bool sent = false;
  for (int attempt = 0; attempt < 2 && !sent; ++attempt) {
    if (w->pid < 0) PIPELINE_RETURN_IF_ERROR(Spawn(w));
    sent = SendFrame(w->to_worker, request);
    if (!sent) Stop(w);
  }
  if (!sent) return Status::IoError("cannot reach a worker process", "pipe");
  w->entry = entry;
  w->opening.clear();
  w->started = std::chrono::steady_clock::now();
  w->timed_out = false;
  return Status::Ok();
}

// "<case-id>.<pid>.<n>": unique to this process, and naming the case for whoever looks.
std::string WorkerPool::NextStagedDir(const ingest::IntakeEntry& entry) {
  return JoinPath(staging_root_, report::CaseIdFor(entry.name) + "." + std::to_string(::getpid()) +
                                     "." + std::to_string(++staged_));
}

Result<std::size_t> WorkerPool::Run(const std::vector<ingest::IntakeEntry>& entries,
                                    const FinishFn& finish,
                                    const volatile std::sig_atomic_t* stop) {
  Result<std::size_t> n = RunBatch(entries, finish, stop);
  if (!n) {  // the batch is abandoned: no worker may keep a dossier of it for the next one
    for (Worker& w : workers_) {
      if (w.busy < 0) continue;
      Stop(&w);
      (void)RemoveTree(w.dir);
    }
  }
  return n;
}

Result<std::size_t> WorkerPool::RunBatch(const std::vector<ingest::IntakeEntry>& entries,
                                         const FinishFn& finish,
                                         const volatile std::sig_atomic_t* stop) {
  // A write to a worker that is gone must fail (EPIPE), not end the parent with SIGPIPE.
  struct IgnoreSigpipe {
    struct sigaction old {};
    IgnoreSigpipe() {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      ::sigaction(SIGPIPE, &ignore, &old);
    }
    ~IgnoreSigpipe() { ::sigaction(SIGPIPE, &old, nullptr); }
  } ignore_sigpipe;
  const std::size_t window = 4 * workers_.size();  // results held ahead of the next to finish
  std::size_t next_start = 0, next_finish = 0;
  std::map<std::size_t, std::pair<CaseResult, std::string>> ready;  // index -> result, dir
  for (;;) {
    const bool stopping = stop != nullptr && *stop != 0;
    for (Worker& w : workers_) {
      if (w.busy >= 0 || next_start >= entries.size() || stopping ||
          next_start >= next_finish + window) {
        continue;
      }
      PIPELINE_RETURN_IF_ERROR(Dispatch(&w, entries[next_start]));
      w.busy = static_cast<long>(next_start++);
    }
    while (!ready.empty() && ready.begin()->first == next_finish) {
      auto& [result, dir] = ready.begin()->second;
      PIPELINE_RETURN_IF_ERROR(finish(next_finish, result, dir));
      ready.erase(ready.begin());
      ++next_finish;
    }
    std::vector<pollfd> fds;
    std::vector<Worker*> polled;
    for (Worker& w : workers_) {
      if (w.busy < 0) continue;
      fds.push_back({w.from_worker, POLLIN, 0});
      polled.push_back(&w);
    }
    if (fds.empty()) {
      if (next_finish == next_start && (next_start >= entries.size() || stopping)) break;
      continue;  // results are ready to finish, or dossiers to start
    }
    const int ready_fds = ::poll(fds.data(), fds.size(), PollTimeoutMs());
    if (ready_fds < 0) {
      if (errno == EINTR) continue;  // a signal: look at *stop again
      return Status::IoError(std::strerror(errno), "poll");
    }
    KillOverdue();
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].revents == 0) continue;
      Worker& w = *polled[i];
      const std::size_t index = static_cast<std::size_t>(w.busy);
      json reply;
      std::vector<std::string> raw;
      CaseResult result;
      if (ReceiveFrame(w.from_worker, &reply, &raw)) {
        if (reply.contains("opening")) {  // the file ingest reads now ("" when done)
          w.opening = reply["opening"].is_string() ? reply["opening"].get<std::string>() : "";
          continue;
        }
        if (reply.contains("fatal")) {
          const json& f = reply["fatal"];
          return Status::Internal(f.at(0).get<std::string>(), f.at(1).get<std::string>(),
                                  f.at(2).get<int>());
        }
        if (raw.size() != kReplyParts) return Status::Internal("malformed worker reply", "pipe");
        result.report = ReportFromWire(reply.at("report"));
        result.report_json = std::move(raw[kReportJson]);
        result.failed = reply.at("failed").get<std::string>();
        result.letters = std::move(raw[kLetters]);
        result.prepared =
            PreparedFromWire(std::move(reply["prepared"]), std::move(raw[kReceiptPdf]));
        w.busy = -1;
      } else {  // end of file: the worker died with this dossier
        CloseFd(&w.to_worker);
        CloseFd(&w.from_worker);
        int status = 0;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        w.pid = -1;
        PIPELINE_RETURN_IF_ERROR(RemoveTree(w.dir));  // what it left half-written
        // A reader died (or hung) on one file: the dossier again, that file unreadable.
        if (!w.opening.empty() && w.entry.unreadable.size() < kMaxUnreadableRetries) {
          ingest::IntakeEntry again = std::move(w.entry);
          again.unreadable.push_back(std::move(w.opening));
          PIPELINE_RETURN_IF_ERROR(Dispatch(&w, again));  // forks a new worker
          w.busy = static_cast<long>(index);
          continue;
        }
        w.busy = -1;
        result.died = w.timed_out
                          ? "timed out after " + std::to_string(timeout_seconds_) + " s (killed)"
                          : DeathReason(status);
        if (::mkdir(w.dir.c_str(), 0755) != 0) {
          return Status::IoError(std::strerror(errno), w.dir);
        }
      }
      ready.emplace(index, std::make_pair(std::move(result), w.dir));
    }
  }
  return next_finish;
}

}  // namespace pipeline::service
