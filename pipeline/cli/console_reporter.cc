#include "pipeline/cli/console_reporter.h"

#include <unistd.h>

#include <cstdio>

#include "pipeline/core/utf8.h"

namespace pipeline::cli {

ConsoleReporter::ConsoleReporter(bool quiet) : quiet_(quiet), tty_(::isatty(2) == 1) {}

ConsoleReporter::~ConsoleReporter() {
  if (line_open_) std::fputs("\n", stderr);
}

void ConsoleReporter::Progress(std::size_t index, std::size_t total, const std::string& item) {
  if (quiet_ || !tty_) return;  // progress only decorates a terminal
  if (index == 0) start_ = std::chrono::steady_clock::now();
  std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", index + 1, total, TerminalSafe(item).c_str());
  line_open_ = true;  // the last item stays on screen until Done
  std::fflush(stderr);
}

void ConsoleReporter::Warning(const std::string& message) {
  if (line_open_) {
    std::fputs("\r\033[K", stderr);
    line_open_ = false;
  }
  std::fprintf(stderr, "beian: warning: %s\n", TerminalSafe(message).c_str());
}

void ConsoleReporter::Done(const std::string& total) {
  if (quiet_ || !tty_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", seconds);
  std::string line = total;
  const std::string placeholder = "{seconds}";
  if (std::size_t at = line.find(placeholder); at != std::string::npos) {
    line.replace(at, placeholder.size(), buf);
  }
  if (line_open_) std::fputs("\n", stderr);
  line_open_ = false;
  std::fprintf(stderr, "%s\n", TerminalSafe(line).c_str());
}

}  // namespace pipeline::cli
