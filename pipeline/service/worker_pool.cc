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

// Frames on the pipes: an 8-byte length, then that many bytes of CBOR.
bool WriteAll(int fd, const void* data, std::size_t size) {
  return WriteAllTo(fd, std::string_view(static_cast<const char*>(data), size)) == 0;
}

// False on end of file or error before `size` bytes.
bool ReadAll(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool SendFrame(int fd, const json& j) {
  const std::vector<std::uint8_t> bytes = json::to_cbor(j);
  const std::uint64_t size = bytes.size();
  return WriteAll(fd, &size, sizeof(size)) && WriteAll(fd, bytes.data(), bytes.size());
}

bool ReceiveFrame(int fd, json* j) {
  std::uint64_t size = 0;
  if (!ReadAll(fd, &size, sizeof(size)) || size > (std::uint64_t{1} << 32)) return false;
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  if (!ReadAll(fd, bytes.data(), bytes.size())) return false;
  *j = json::from_cbor(bytes, /*strict=*/true, /*allow_exceptions=*/false);
  return !j->is_discarded();
}

json PreparedToWire(registry::PreparedRecord p) {
  return {p.hashed, std::move(p.content_hash), std::move(p.files), std::move(p.receipt_data),
          json::binary(std::vector<std::uint8_t>(p.receipt_pdf.begin(), p.receipt_pdf.end()))};
}

registry::PreparedRecord PreparedFromWire(json j) {
  registry::PreparedRecord p;
  p.hashed = j.at(0).get<bool>();
  p.content_hash = j.at(1).get<std::string>();
  p.files = j.at(2).get<std::vector<std::string>>();
  p.receipt_data = std::move(j.at(3));
  const json::binary_t& pdf = j.at(4).get_binary();
  p.receipt_pdf.assign(pdf.begin(), pdf.end());
  return p;
}

json EntryToWire(const ingest::IntakeEntry& e) {
  return {e.name, e.display_name, e.path, static_cast<int>(e.type)};
}

ingest::IntakeEntry EntryFromWire(const json& j) {
  ingest::IntakeEntry e;
  e.name = j.at(0).get<std::string>();
  e.display_name = j.at(1).get<std::string>();
  e.path = j.at(2).get<std::string>();
  e.type = static_cast<EntryType>(j.at(3).get<int>());
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
    try {
      const ingest::IntakeEntry entry = EntryFromWire(request.at("entry"));
      if (FaultRequested("crash", entry.name)) std::raise(SIGSEGV);
      if (FaultRequested("cpu", entry.name)) SpinPastCpuLimit();
      while (FaultRequested("hang", entry.name)) ::pause();
      Result<CaseResult> r = work_.Work(entry, request.at("dir").get<std::string>());
      if (r) {
        reply = {{"report", ReportToWire(r->report)},
                 {"json", std::move(r->report_json)},
                 {"failed", r->failed},
                 {"correction_notice", std::move(r->correction_notice)},
                 {"prepared", PreparedToWire(std::move(r->prepared))}};
      } else {
        reply = {{"fatal", {r.error().message(), r.error().file(), r.error().line()}}};
      }
    } catch (const std::exception& e) {  // a library threw past its adapter: this dossier only
      std::fprintf(stderr, "beian: worker: %s\n", e.what());
      ::_exit(70);
    }
    if (!SendFrame(out, reply)) ::_exit(1);
  }
  ::_exit(0);
}

// "<case-id>.<pid>.<n>": unique to this process, and naming the case for whoever looks.
std::string WorkerPool::NextStagedDir(const ingest::IntakeEntry& entry) {
  return JoinPath(staging_root_, report::CaseIdFor(entry.name) + "." + std::to_string(::getpid()) +
                                     "." + std::to_string(++staged_));
}

Result<std::size_t> WorkerPool::Run(const std::vector<ingest::IntakeEntry>& entries,
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
      w.dir = NextStagedDir(entries[next_start]);
      if (::mkdir(w.dir.c_str(), 0755) != 0) return Status::IoError(std::strerror(errno), w.dir);
      const json request = {{"entry", EntryToWire(entries[next_start])}, {"dir", w.dir}};
      // An idle worker may have been ended from outside (the OOM killer): a new one is forked.
      bool sent = false;
      for (int attempt = 0; attempt < 2 && !sent; ++attempt) {
        if (w.pid < 0) PIPELINE_RETURN_IF_ERROR(Spawn(&w));
        sent = SendFrame(w.to_worker, request);
        if (!sent) Stop(&w);
      }
      if (!sent) return Status::IoError("cannot reach a worker process", "pipe");
      w.busy = static_cast<long>(next_start++);
      w.started = std::chrono::steady_clock::now();
      w.timed_out = false;
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
      CaseResult result;
      if (ReceiveFrame(w.from_worker, &reply)) {
        if (reply.contains("fatal")) {
          const json& f = reply["fatal"];
          return Status::Internal(f.at(0).get<std::string>(), f.at(1).get<std::string>(),
                                  f.at(2).get<int>());
        }
        result.report = ReportFromWire(reply.at("report"));
        result.report_json = reply.at("json").get<std::string>();
        result.failed = reply.at("failed").get<std::string>();
        result.correction_notice = reply.at("correction_notice").get<std::string>();
        result.prepared = PreparedFromWire(std::move(reply["prepared"]));
        w.busy = -1;
      } else {  // end of file: the worker died with this dossier
        CloseFd(&w.to_worker);
        CloseFd(&w.from_worker);
        int status = 0;
        while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
        }
        w.pid = -1;
        w.busy = -1;
        result.died = w.timed_out
                          ? "timed out after " + std::to_string(timeout_seconds_) + " s (killed)"
                          : DeathReason(status);
        PIPELINE_RETURN_IF_ERROR(RemoveTree(w.dir));  // what it left half-written
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
