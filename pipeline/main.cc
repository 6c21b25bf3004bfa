// beian command-line entry point: argv -> Options -> Job::Run -> exit code.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>

#include "pipeline/cli/console_reporter.h"
#include "pipeline/cli/job_request.h"
#include "pipeline/cli/locations.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/settings.h"
#include "pipeline/job.h"
#include "pipeline/version.h"
#include "pipeline/web/web_command.h"

namespace {

// Reads the local time zone once for the whole process. With TZ unset, glibc re-reads
// /etc/localtime's status on every mktime/localtime call to notice a change, and libzip converts
// each zip entry's DOS time with mktime: ~75 stat calls a dossier (~2 % of a run's CPU). Naming the
// same file in TZ keeps the same zone and lets glibc read it once. An explicit TZ is left alone.
void ReadTimeZoneOnce() {
  if (std::getenv("TZ") == nullptr) ::setenv("TZ", ":/etc/localtime", 1);
  ::tzset();
}

// Where the shipped data and the settings files are (pipeline/cli/locations.h).
pipeline::Status Locate(const pipeline::FileSystem& fs, pipeline::cli::Options& o) {
  using pipeline::cli::Command;
  if (o.command == Command::kHelp || o.command == Command::kVersion) return pipeline::Status::Ok();
  const pipeline::cli::Environment env = pipeline::cli::ReadEnvironment();
  pipeline::Result<std::string> data =
      pipeline::cli::FindDataDir(fs, o.data_dir, env, pipeline::cli::ExecutableDir());
  if (!data) return data.error();
  o.data_dir = *data;
  pipeline::Result<std::vector<std::string>> files =
      pipeline::cli::SettingsFiles(fs, o.data_dir, o.config, env);
  if (!files) return files.error();
  o.settings_files = *files;
  if (!o.fonts.empty()) return pipeline::Status::Ok();
  // No --fonts: the settings' "fonts" (relative to the file that set it), else the renderer's
  // default <data>/templates/fonts.xml. Every command that draws a document reads o.fonts.
  pipeline::Result<pipeline::LayeredSettings> settings =
      pipeline::LoadLayeredSettings(fs, o.settings_files);
  if (!settings) return settings.error();
  o.fonts = pipeline::PathSetting(*settings, "/fonts");
  return pipeline::Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  constexpr int kError = static_cast<int>(pipeline::ExitCode::kError);
  ReadTimeZoneOnce();
  try {
    if (argc < 2) {  // a bare `beian` is a usage error: usage on stderr
      std::fputs(pipeline::cli::Usage().c_str(), stderr);
      return kError;
    }
    pipeline::Result<pipeline::cli::Options> options = pipeline::cli::ParseOptions(argc, argv);
    if (!options) {
      std::fprintf(stderr, "beian: %s\n(see 'beian help')\n", options.error().message().c_str());
      return kError;
    }
    if (!options->date) options->date = pipeline::web::LocalToday();  // the default of --date
    pipeline::RealFileSystem fs;
    if (pipeline::Status s = Locate(fs, *options); !s.ok()) {
      std::fprintf(stderr, "beian: error: %s\n", s.ToString().c_str());
      return kError;
    }
    // Usage text and the version are the command line's own; everything else is a job.
    if (options->command == pipeline::cli::Command::kHelp) {
      std::cout << pipeline::cli::Usage(options->help_topic);
      return static_cast<int>(pipeline::ExitCode::kOk);
    }
    if (options->command == pipeline::cli::Command::kVersion) {
      std::cout << pipeline::kProgramName << " " << pipeline::kVersion << "\n";
      return static_cast<int>(pipeline::ExitCode::kOk);
    }
    if (pipeline::web::IsWebCommand(options->command)) {  // serve, user (pipeline/web/)
      pipeline::Status s = pipeline::web::RunWebCommand(*options, fs, std::cin, std::cout);
      if (s.ok()) return static_cast<int>(pipeline::ExitCode::kOk);
      std::fprintf(stderr, "beian: error: %s\n", s.ToString().c_str());
      return kError;
    }
    pipeline::cli::ConsoleReporter reporter(options->quiet);
    const pipeline::JobRequest request = pipeline::cli::MakeJobRequest(*options);
    pipeline::Job job(request, fs, reporter, std::cout);
    pipeline::Status error;
    pipeline::ExitCode code = job.Run(&error);
    if (!error.ok()) std::fprintf(stderr, "beian: error: %s\n", error.ToString().c_str());
    return static_cast<int>(code);
  } catch (const std::exception& e) {  // last resort: a library threw past its adapter
    std::fprintf(stderr, "beian: internal error: %s\n", e.what());
    return kError;
  }
}
