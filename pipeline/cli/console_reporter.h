// ConsoleReporter: progress on stderr, redrawn in place on a terminal, one line per item
// otherwise; quiet mode prints warnings only.
#ifndef PIPELINE_CLI_CONSOLE_REPORTER_H_
#define PIPELINE_CLI_CONSOLE_REPORTER_H_

#include "pipeline/core/reporter.h"

namespace pipeline::cli {

class ConsoleReporter : public Reporter {
 public:
  explicit ConsoleReporter(bool quiet);
  ~ConsoleReporter() override;
  void Progress(std::size_t index, std::size_t total, const std::string& item) override;
  void Warning(const std::string& message) override;

 private:
  bool quiet_;
  bool tty_;
  bool line_open_ = false;
};

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_CONSOLE_REPORTER_H_
