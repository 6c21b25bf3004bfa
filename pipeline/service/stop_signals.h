// StopSignals: while one is alive, SIGINT (Ctrl-C) and SIGTERM do not end the process; they set
// a flag that `run` and `watch` look at between dossiers, and wake a poll() through a pipe. The
// dossiers in flight are finished, nothing new is started, the run-wide files are written for
// what is done, and the command exits 130 (SIGINT) or 143 (SIGTERM) — `watch` exits 0, it is
// meant to be stopped. The worker processes ignore both signals (worker_pool.cc): Ctrl-C in a
// terminal reaches the whole process group and must not cost the dossiers in flight.
#ifndef PIPELINE_SERVICE_STOP_SIGNALS_H_
#define PIPELINE_SERVICE_STOP_SIGNALS_H_

#include <signal.h>

#include <csignal>

namespace pipeline::service {

class StopSignals {
 public:
  StopSignals();   // installs the handlers and clears the flag
  ~StopSignals();  // puts the earlier handlers back
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Non-zero once a signal came (what WorkerPool::Run and OutputFolder::Process take).
  const volatile std::sig_atomic_t* flag() const;
  // The signal that came first (SIGINT or SIGTERM), 0 while none has.
  int received() const;
  // Becomes readable when a signal comes (for poll()); -1 when the pipe could not be made.
  int wake_fd() const { return pipe_[0]; }

 private:
  int pipe_[2] = {-1, -1};
  struct sigaction old_term_ {
  }, old_int_{};
};

}  // namespace pipeline::service

#endif  // PIPELINE_SERVICE_STOP_SIGNALS_H_
