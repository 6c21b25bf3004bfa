#include "pipeline/job.h"

#include <cstdlib>

#include "pipeline/report/messages.h"
#include "pipeline/report/report_json.h"

namespace pipeline {

// Everything loaded once per process and shared by all dossiers.
struct Job::Resources {
  std::string data_dir;
  report::MessageCatalog messages;
};

Job::Job(const cli::Options& options, FileSystem& fs, Reporter& reporter, std::ostream& out)
    : options_(options), fs_(fs), reporter_(reporter), out_(out) {
  assert(options_.date.has_value());
}

Job::~Job() = default;

namespace {

std::string DataDir(const cli::Options& o) {
  if (!o.data_dir.empty()) return o.data_dir;
  if (const char* env = std::getenv("BEIAN_DATA_DIR"); env != nullptr && *env != '\0') return env;
  return BEIAN_SOURCE_DIR;
}

}  // namespace

Status Job::LoadResources() {
  auto res = std::make_unique<Resources>();
  res->data_dir = DataDir(options_);
  Result<report::MessageCatalog> messages =
      report::MessageCatalog::Load(fs_, JoinPath(res->data_dir, "templates/messages.zh-CN.tsv"));
  if (!messages) return messages.error();
  res->messages = std::move(*messages);
  res_ = std::move(res);
  return Status::Ok();
}

ExitCode Job::Run(Status* error) {
  switch (options_.command) {
    case cli::Command::kHelp:
      out_ << cli::Usage(options_.help_topic);
      return ExitCode::kOk;
    case cli::Command::kVersion:
      out_ << "beian 0.1.0\n";
      return ExitCode::kOk;
    default:
      break;
  }
  if (Status s = LoadResources(); !s.ok()) {
    *error = s;
    return ExitCode::kError;
  }
  switch (options_.command) {
    case cli::Command::kRun: return RunIntake(error);
    case cli::Command::kCheck: return CheckOne(error);
    case cli::Command::kCatalogue: return Catalogue(error);
    case cli::Command::kRender: return Render(error);
    default: return ExitCode::kError;
  }
}

ExitCode Job::RunIntake(Status* error) {
  *error = Status::Unsupported("run: not wired yet");
  return ExitCode::kError;
}

ExitCode Job::CheckOne(Status* error) {
  *error = Status::Unsupported("check: not wired yet");
  return ExitCode::kError;
}

ExitCode Job::Catalogue(Status* error) {
  *error = Status::Unsupported("catalogue: not wired yet");
  return ExitCode::kError;
}

ExitCode Job::Render(Status* error) {
  *error = Status::Unsupported("render: not wired yet");
  return ExitCode::kError;
}

}  // namespace pipeline
