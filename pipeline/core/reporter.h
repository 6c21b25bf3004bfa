// Reporter: how stages and the job tell a person what is happening without writing to
// stdout/stderr themselves. The CLI provides a console implementation; tests a recording one.
#ifndef PIPELINE_CORE_REPORTER_H_
#define PIPELINE_CORE_REPORTER_H_

#include <cstddef>
#include <string>

namespace pipeline {

class Reporter {
 public:
  virtual ~Reporter() = default;
  // Called before item `index` (0-based) of `total` is processed.
  virtual void Progress(std::size_t index, std::size_t total, const std::string& item) = 0;
  // A problem that does not stop the run (developer-facing English, with file names).
  virtual void Warning(const std::string& message) = 0;
  // Called once after the last item with a one-line total worded by the caller. A literal
  // `{seconds}` in it is for the reporter to fill with the elapsed time: only a terminal shows
  // it, so no clock reaches a file.
  virtual void Done(const std::string& total) { (void)total; }
};

// Discards everything.
class NullReporter : public Reporter {
 public:
  void Progress(std::size_t, std::size_t, const std::string&) override {}
  void Warning(const std::string&) override {}
};

}  // namespace pipeline

#endif  // PIPELINE_CORE_REPORTER_H_
