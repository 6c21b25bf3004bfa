#include "pipeline/registry/commands.h"

#include <nlohmann/json.hpp>

#include "pipeline/registry/command_context.h"
#include "pipeline/registry/location.h"
#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/postgres_storage.h"
#include "pipeline/registry/registry.h"
#include "pipeline/registry/registry_copy.h"
#include "pipeline/registry/registry_file.h"
#include "pipeline/registry/schema.h"

namespace pipeline::registry {

std::string Word(const report::MessageCatalog& m, const std::string& prefix,
                 const std::string& code) {
  std::string key = prefix + code;
  return m.Has(key) ? m.Format(key) : code;
}

std::string DocumentLine(const report::MessageCatalog& m, const std::string& id,
                         const std::string& kind, const std::string& state,
                         const std::string& number, const std::string& doc_date,
                         const std::string& created_on, const std::string& served_on) {
  const bool by_act = DatedByTheAct(kind);
  const std::string key = state == "superseded" ? "superseded"
                          : state == "issuing"  ? "issuing"
                          : state != "issued"
                              ? (by_act && !created_on.empty() ? "draft_dated" : "draft")
                          : number.empty() ? "issued_unnumbered"
                          : by_act         ? "issued_dated"
                                           : "issued";
  std::string line = m.Format("registry.status.document_line." + key,
                              {{"id", id},
                               {"kind", Word(m, "registry.document.", kind)},
                               {"number", number},
                               {"date", doc_date},
                               {"created", created_on}});
  if (!served_on.empty()) {
    line += m.Format("registry.status.served", {{"date", served_on}});
  } else if (state == "issued" && SentToApplicant(kind)) {
    line += m.Format("registry.status.not_served");
  }
  return line;
}

std::optional<int> DaysInStage(const report::WorkCalendar& calendar, const CaseRecord& c,
                               const Date& today) {
  std::optional<Date> since = ParseIsoDate(c.stage_since);
  if (!since) return std::nullopt;
  return WorkingDaysBetween(calendar, *since, today);
}

Result<Decision> ParseDecision(const report::MessageCatalog& messages, const std::string& text) {
  std::optional<Decision> d = DecisionFromName(text);
  if (!d) {
    return Status::InvalidArgument(
        messages.Format("registry.refused.bad_result", {{"result", text}}));
  }
  return *d;
}

namespace {

// Whether the command changes the registry (a read-only one never migrates a server's schema).
bool Writes(const model::CommandRequest& o) {
  switch (o.command) {
    case model::Command::kStatus:
    case model::Command::kDue:
    case model::Command::kFiled:
      return false;
    case model::Command::kArchive:
      return o.archive_action == "import";  // verify and export only read
    case model::Command::kRegistry:
      return false;  // backup reads; migrate writes only its target
    default:
      return true;
  }
}

// registry migrate --to URI: this registry copied into a PostgreSQL registry, then checked.
Status MigrateTo(Context& ctx) {
  const std::string& to = ctx.options.migrate_to;
  if (!IsPostgresUri(to)) {
    return Status::InvalidArgument(ctx.messages.Format("registry.migrate.needs_server"));
  }
  Result<std::unique_ptr<Storage>> target = OpenStorage(to, ctx.messages);
  if (!target) return target.error();
  PIPELINE_RETURN_IF_ERROR(Migrate(**target, ctx.actor.today.ToIso()));
  const std::string shown = (*target)->Location();
  Result<std::vector<TableCopy>> copied =
      CopyRegistry(ctx.registry.storage(), **target, ctx.options.force,
                   ctx.messages.Format("registry.migrate.target_not_empty", {{"to", shown}}));
  if (!copied) return copied.error();
  std::int64_t rows = 0;
  for (const TableCopy& t : *copied) {
    ctx.out << t.table << "\t" << t.rows << "\t" << t.sha256 << "\n";
    rows += t.rows;
  }
  ctx.out << ctx.messages.Format("registry.migrate.done",
                                 {{"from", ctx.registry.storage().Location()},
                                  {"to", shown},
                                  {"tables", std::to_string(copied->size())},
                                  {"rows", std::to_string(rows)}})
          << "\n";
  return Status::Ok();
}

}  // namespace

Result<Recorded> RecordedCase(Registry& registry, const std::string& case_id) {
  Recorded r{registry.TakeWarnings(), {}, {}, {}};
  Result<CaseRecord> c = registry.LoadCase(case_id);
  if (!c) return c.error();
  r.case_id = c->case_id;
  r.stage = StageName(c->stage);
  r.next = registry.NextStep(*c);
  return r;
}

std::string RecordedText(const report::MessageCatalog& m, const Recorded& r) {
  std::string out;
  for (const std::string& w : r.warnings) out += w + "\n";
  return out +
         m.Format("registry.done", {{"case", r.case_id}, {"stage", r.stage}, {"next", r.next}}) +
         "\n";
}

Status Confirm(Context& ctx, const std::string& case_id) {
  Result<Recorded> r = RecordedCase(ctx.registry, case_id);
  if (!r) return r.error();
  ctx.out << RecordedText(ctx.messages, *r);
  return Status::Ok();
}

bool IsRegistryCommand(model::Command c) {
  switch (c) {
    case model::Command::kStatus:  // of a document (of a case: app::StatusOf)
    case model::Command::kRegistry:
    case model::Command::kPublicize:
    case model::Command::kFile:
    case model::Command::kIssue:
    case model::Command::kArchive:
    case model::Command::kDue:
    case model::Command::kTerminate:
    case model::Command::kEdit:
    case model::Command::kCalendar:
    case model::Command::kFiled:
    case model::Command::kReissue:
    case model::Command::kSubmit:
    case model::Command::kServed:
      return true;
    default:
      return false;
  }
}

Status DecideWithEndingLetter(const model::CommandRequest& options, FileSystem& fs,
                              const report::MessageCatalog& messages, const std::string& data_dir,
                              Registry& registry, const Actor& actor, std::ostream& out,
                              const nlohmann::json& facts, const std::function<Status()>& decide) {
  Result<RegistrySettings> settings = LoadRegistrySettings(fs, SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  const report::WorkCalendar no_calendar;  // drawing a letter counts no working days
  Context ctx{options, fs,  messages,  no_calendar, registry,
              actor,   out, *settings, data_dir,    RegistryFile(options.registry_path, *settings)};
  return DecideWithLetter(ctx, LetterTerms{false, facts}, decide);
}

std::optional<int> WorkingDaysBetween(const report::WorkCalendar& calendar, const Date& from,
                                      const Date& to) {
  if (to <= from) return 0;
  if (!calendar.Covers(from) || !calendar.Covers(to)) return std::nullopt;
  int n = 0;
  for (Date d = from.AddDays(1); d <= to; d = d.AddDays(1)) {
    if (calendar.IsWorkingDay(d)) ++n;
  }
  return n;
}

Status RunRegistryCommand(const model::CommandRequest& options, FileSystem& fs,
                          const report::MessageCatalog& messages,
                          const report::WorkCalendar& calendar, const std::string& data_dir,
                          std::ostream& out, bool* problems) {
  if (options.command == model::Command::kCalendar) {  // needs no registry
    const bool empty = calendar.last_year() < calendar.first_year();
    out << (empty ? messages.Format("registry.calendar.empty")
                  : messages.Format("registry.calendar.covers",
                                    {{"first", std::to_string(calendar.first_year())},
                                     {"last", std::to_string(calendar.last_year())}}))
        << "\n";
    if (!empty && !calendar.Covers(*options.date)) {
      out << messages.Format("registry.calendar.today_uncovered", {{"date", options.date->ToIso()}})
          << "\n";
      *problems = true;
    }
    return Status::Ok();
  }
  Result<RegistrySettings> settings = LoadRegistrySettings(fs, SettingsFilesOf(options, data_dir));
  if (!settings) return settings.error();
  const std::string file = RegistryFile(options.registry_path, *settings);
  if (options.command == model::Command::kRegistry && options.registry_action == "check") {
    Result<bool> sound = IsPostgresUri(file) ? CheckServerRegistry(file, messages, out)
                                             : CheckRegistryCommand(file, messages, out);
    if (!sound) return sound.error();
    *problems = !*sound;
    return Status::Ok();
  }
  if (options.command == model::Command::kRegistry && options.registry_action == "restore") {
    return IsPostgresUri(file)
               ? RestoreServerRegistry(file, options.backup_file, *options.date, messages, out)
               : RestoreRegistry(file, options.backup_file, *options.date, messages, out);
  }
  Result<std::unique_ptr<Registry>> reg = OpenRegistryAt(
      file, messages, *options.date, Writes(options) ? OpenFor::kWriting : OpenFor::kReading);
  if (!reg) return reg.error();
  (*reg)->SetHintOptions(options.registry_path, options.authority.value_or(""));
  Context ctx{options,  fs,
              messages, calendar,
              **reg,    Actor{ActingUser(options.user, *settings), *options.date, options.today},
              out,      *settings,
              data_dir, file};
  switch (options.command) {
    case model::Command::kStatus:  // of a case: app::Status (pipeline/app/status.h)
      if (!IsDocumentId(options.case_ref)) return Status::Internal("status of a case: app/");
      return DocumentStatus(ctx);
    case model::Command::kPublicize:
      return PublicizeCommand(ctx);
    case model::Command::kFile:
      return FileCommand(ctx);
    case model::Command::kIssue:
      return IssueCommand(ctx);
    case model::Command::kArchive:
      if (options.archive_action == "export") return ArchiveExportCommand(ctx, problems);
      if (options.archive_action == "import") return ArchiveImportCommand(ctx, problems);
      return ArchiveVerifyCommand(ctx, problems);
    case model::Command::kDue:
      return DueCommand(ctx);
    case model::Command::kTerminate:
      return TerminateCommand(ctx);
    case model::Command::kEdit:
      return EditCommand(ctx);
    case model::Command::kFiled:
      return FiledCommand(ctx);
    case model::Command::kReissue:
      return ReissueCommand(ctx);
    case model::Command::kSubmit:
      return SubmitCommand(ctx);
    case model::Command::kServed:
      return ServedCommand(ctx);
    case model::Command::kRegistry:
      if (options.registry_action == "migrate") return MigrateTo(ctx);
      if (options.backup_file.empty()) {
        return Status::InvalidArgument(messages.Format("registry.backup_needs_file"));
      }
      PIPELINE_RETURN_IF_ERROR(
          BackupRegistry(ctx.registry, options.backup_file, options.force, messages));
      out << messages.Format(
                 IsPostgresUri(file) ? "registry.backup_done_server" : "registry.backup_done",
                 {{"file", options.backup_file}})
          << "\n";
      return Status::Ok();
    default:
      return Status::Internal("not a registry command");
  }
}

}  // namespace pipeline::registry
