// ConsoleReporter: progress on stderr, redrawn in place on a terminal (every item shows, the
// last one stays), then the total with the elapsed time. Nothing but warnings when stderr is
// not a terminal or in quiet mode, so no clock reaches a redirected file.
#ifndef PIPELINE_CLI_CONSOLE_REPORTER_H_
#define PIPELINE_CLI_CONSOLE_REPORTER_H_

#include <chrono>

#include "pipeline/core/reporter.h"

namespace pipeline::cli {

class ConsoleReporter : public Reporter {
 public:
  explicit ConsoleReporter(bool quiet);
  ~ConsoleReporter() override;
  void Progress(std::size_t index, std::size_t total, const std::string& item) override;
  void Warning(const std::string& message) override;
  void Done(const std::string& total) override;

 private:
  bool quiet_;
  bool tty_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_CONSOLE_REPORTER_H_
