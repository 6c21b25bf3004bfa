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
  std::fprintf(stderr, "\r\033[K[%zu/%zu] %s", index + 1, total, TerminalSafe(item).c_str());
  line_open_ = true;
  if (index + 1 == total) {
    std::fputs("\r\033[K", stderr);
    line_open_ = false;
  }
  std::fflush(stderr);
}

void ConsoleReporter::Warning(const std::string& message) {
  if (line_open_) {
    std::fputs("\r\033[K", stderr);
    line_open_ = false;
  }
  std::fprintf(stderr, "beian: warning: %s\n", TerminalSafe(message).c_str());
}

}  // namespace pipeline::cli
