#include "pipeline/service/stop_signals.h"

#include <fcntl.h>
#include <unistd.h>

namespace pipeline::service {
namespace {

volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_signal = 0;
int g_wake = -1;  // write end of the self-pipe

void OnSignal(int sig) {
  if (g_stop == 0) g_signal = sig;
  g_stop = 1;
  if (g_wake >= 0) {
    const char c = 0;
    [[maybe_unused]] ssize_t n = ::write(g_wake, &c, 1);
  }
}

}  // namespace

StopSignals::StopSignals() {
  g_stop = 0;
  g_signal = 0;
  if (::pipe2(pipe_, O_CLOEXEC | O_NONBLOCK) == 0) g_wake = pipe_[1];
  struct sigaction sa {};
  sa.sa_handler = OnSignal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGTERM, &sa, &old_term_);
  ::sigaction(SIGINT, &sa, &old_int_);
}

StopSignals::~StopSignals() {
  ::sigaction(SIGTERM, &old_term_, nullptr);
  ::sigaction(SIGINT, &old_int_, nullptr);
  g_wake = -1;
  if (pipe_[0] >= 0) ::close(pipe_[0]);
  if (pipe_[1] >= 0) ::close(pipe_[1]);
}

const volatile std::sig_atomic_t* StopSignals::flag() const { return &g_stop; }

int StopSignals::received() const { return g_signal; }

}  // namespace pipeline::service
