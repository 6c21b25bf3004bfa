// beian command-line entry point: argv -> Options -> Job::Run -> exit code.
#include <cstdio>
#include <ctime>
#include <exception>
#include <iostream>

#include "pipeline/cli/console_reporter.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/job.h"

namespace {

// The only wall-clock read in beian: the default for --date.
pipeline::Date SystemToday() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return pipeline::Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    pipeline::Result<pipeline::cli::Options> options = pipeline::cli::ParseOptions(argc, argv);
    if (!options) {
      std::fprintf(stderr, "beian: %s\n(see 'beian help')\n", options.error().message().c_str());
      return static_cast<int>(pipeline::ExitCode::kError);
    }
    if (!options->date) options->date = SystemToday();
    pipeline::RealFileSystem fs;
    pipeline::cli::ConsoleReporter reporter(options->quiet);
    pipeline::Job job(*options, fs, reporter, std::cout);
    pipeline::Status error;
    pipeline::ExitCode code = job.Run(&error);
    if (!error.ok()) std::fprintf(stderr, "beian: error: %s\n", error.ToString().c_str());
    return static_cast<int>(code);
  } catch (const std::exception& e) {  // last resort: a library threw past its adapter
    std::fprintf(stderr, "beian: internal error: %s\n", e.what());
    return static_cast<int>(pipeline::ExitCode::kError);
  }
}
