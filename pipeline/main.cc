// beian command-line entry point: argv -> Options -> Job::Run -> exit code.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <iostream>
#include <optional>

#include "pipeline/cli/console_reporter.h"
#include "pipeline/cli/job_request.h"
#include "pipeline/cli/locations.h"
#include "pipeline/cli/options.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/settings.h"
#include "pipeline/job.h"
#include "pipeline/report/messages.h"
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

// The message catalogue for usage errors, read before the options are: from the --data-dir the
// command line gives, else where the shipped data is found; nullopt when there is none (the
// errors are then English).
std::optional<pipeline::report::MessageCatalog> UsageMessages(int argc, char** argv) {
  std::string flag;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) flag = argv[i + 1];
    if (a.rfind("--data-dir=", 0) == 0) flag = a.substr(11);
  }
  pipeline::RealFileSystem fs;
  pipeline::Result<std::string> data = pipeline::cli::FindDataDir(
      fs, flag, pipeline::cli::ReadEnvironment(), pipeline::cli::ExecutableDir());
  if (!data) return std::nullopt;
  pipeline::Result<pipeline::report::MessageCatalog> m = pipeline::report::MessageCatalog::Load(
      fs, pipeline::JoinPath(*data, "templates/messages.zh-CN.tsv"));
  if (!m) return std::nullopt;
  return std::move(*m);
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
    const std::optional<pipeline::report::MessageCatalog> words = UsageMessages(argc, argv);
    pipeline::cli::UsageWords say;
    if (words) {
      say = [&words](const std::string& key,
                     const std::vector<std::pair<std::string, std::string>>& args) {
        return words->Format(key, args);
      };
    }
    pipeline::Result<pipeline::cli::Options> options = pipeline::cli::ParseOptions(argc, argv, say);
    if (!options) {
      const std::string help = say ? say("usage.see_help", {}) : "(see 'beian help')";
      std::fprintf(stderr, "beian: %s\n%s\n", options.error().message().c_str(), help.c_str());
      return kError;
    }
    if (!options->date) options->date = pipeline::web::LocalToday();  // the default of --date
    if (!options->today) {  // deliberate: its --today is `date` (its --date is the meeting's)
      options->today = options->command == pipeline::cli::Command::kDeliberate
                           ? options->date
                           : pipeline::web::LocalToday();
    }
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
      // A form's fields are read by this command line's parser (the web never includes cli/).
      const pipeline::web::RequestParser parse = [](const std::vector<std::string>& args) {
        std::vector<const char*> form_argv;
        for (const std::string& a : args) form_argv.push_back(a.c_str());
        return pipeline::Result<pipeline::model::CommandRequest>(
            pipeline::cli::ParseOptions(static_cast<int>(form_argv.size()), form_argv.data()));
      };
      pipeline::Status s = pipeline::web::RunWebCommand(*options, fs, std::cin, std::cout, parse);
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
