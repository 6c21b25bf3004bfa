#include "pipeline/web/commands.h"

#include <set>
#include <sstream>
#include <variant>

#include "pipeline/app/case_note.h"
#include "pipeline/app/status.h"
#include "pipeline/evaluation/commands.h"
#include "pipeline/registry/commands.h"

namespace pipeline::web {
namespace {

// Flags: sent as a checkbox ("on") or "1".
bool IsFlag(const std::string& name) { return name == "voluntary" || name == "ordered"; }

// The commands that take --authority: the acting user's office.
bool TakesAuthority(model::Command c) {
  using C = model::Command;
  return c == C::kPublicize || c == C::kFile || c == C::kSubmit || c == C::kTerminate ||
         c == C::kEvaluate || c == C::kSummarize;
}

}  // namespace

bool IsFormField(const std::string& name) {
  // No "today": the server's today is every action's (Acting::today), never the form's.
  static const std::set<std::string> kFields = {"stage", "result",    "note",   "reason",
                                                "date",  "start",     "number", "slot",
                                                "text",  "voluntary", "ordered"};
  return kFields.count(name) != 0;
}

CommandRunner::CommandRunner(model::CommandRequest base, FileSystem& fs,
                             report::MessageCatalog messages, report::WorkCalendar calendar,
                             RequestParser parse)
    : base_(std::move(base)),
      parse_(std::move(parse)),
      fs_(fs),
      messages_(std::move(messages)),
      calendar_(std::move(calendar)) {}

Result<model::CommandRequest> CommandRunner::OptionsFor(const ActionForm& form,
                                                        const Acting& who) const {
  std::vector<std::string> args = {"beian", form.command, form.target};
  for (const auto& [name, value] : form.fields) {
    if (!IsFormField(name)) return Status::InvalidArgument("not expected: '" + name + "'");
    if (value.empty()) continue;
    if (IsFlag(name)) {
      if (value == "on" || value == "1") args.push_back("--" + name);
      continue;
    }
    args.push_back("--" + name);
    args.push_back(value);
  }
  if (form.command == "evaluate") args.insert(args.end(), {"--scores", form.scores_file});
  if (form.command == "scoresheet") args.insert(args.end(), {"--out", form.out_dir});
  Result<model::CommandRequest> o = parse_(args);
  if (!o) return o.error();
  if (o->command == model::Command::kHelp || !registry::IsRegistryCommand(o->command)) {
    if (!evaluation::IsEvaluationCommand(o->command)) {
      return Status::InvalidArgument("not a case action: '" + form.command + "'");
    }
  }
  // As the CLI's main() does with the system date: a decision or a delivery dated after the
  // server's today is refused (Registry::CheckActDate), and so is a deliberation held after it.
  if (!o->date) o->date = who.today;
  o->today = who.today;
  o->user = who.user;
  if (TakesAuthority(o->command)) o->authority = who.office;
  o->registry_path = base_.registry_path;
  o->data_dir = base_.data_dir;
  o->settings_files = base_.settings_files;
  o->config = base_.config;
  o->fonts = base_.fonts;
  o->quiet = true;
  return o;
}

namespace {

// The form's fields into a request's texts and dates, as the CLI's parser would read the same
// options of `command`: its usage message for a field the command does not take, a bad date or
// a missing `required` one.
Status ReadForm(const ActionForm& form, const std::string& command,
                const std::map<std::string, std::string*>& texts,
                const std::map<std::string, Date*>& dates, const std::vector<std::string>& required,
                const report::MessageCatalog& m) {
  std::set<std::string> given;
  for (const auto& [name, value] : form.fields) {
    if (!IsFormField(name)) return Status::InvalidArgument("not expected: '" + name + "'");
    if (value.empty()) continue;
    given.insert(name);
    if (auto t = texts.find(name); t != texts.end()) {
      *t->second = value;
    } else if (auto d = dates.find(name); d == dates.end()) {
      return Status::InvalidArgument(
          m.Format("usage.unknown_option", {{"command", command}, {"option", "--" + name}}));
    } else if (std::optional<Date> date = ParseIsoDate(value)) {
      *d->second = *date;
    } else {
      return Status::InvalidArgument(
          m.Format("usage.bad_date", {{"option", "--" + name}, {"value", value}}));
    }
  }
  for (const std::string& name : required) {
    if (given.count(name) == 0) {
      return Status::InvalidArgument(
          m.Format("usage.required", {{"command", command}, {"option", "--" + name}}));
    }
  }
  return Status::Ok();
}

// As the CLI's main() does with the system date: an act dated after the server's today is
// refused (Registry::CheckActDate), and so is a deliberation held after it. None of the acts on
// the layer takes --authority.
app::Acting ActingOf(const Acting& who) {
  return {who.today, who.today, who.user, std::nullopt, {}};
}

}  // namespace

Result<CommandRunner::Decision> CommandRunner::DecisionFor(const ActionForm& form,
                                                           const Acting& who) const {
  const app::Acting acting = ActingOf(who);
  if (form.command == "decide") {
    app::DecideRequest r{form.target, {}, {}, {}, {}, acting};
    PIPELINE_RETURN_IF_ERROR(ReadForm(
        form, "decide",
        {{"stage", &r.stage}, {"result", &r.result}, {"note", &r.note}, {"reason", &r.reason}},
        {{"date", &r.acting.date}}, {"stage", "result"}, messages_));
    return Decision{r};
  }
  app::DeliberateRequest r{form.target, who.today, {}, {}, {}, acting};
  PIPELINE_RETURN_IF_ERROR(ReadForm(
      form, "deliberate", {{"result", &r.result}, {"note", &r.note}, {"reason", &r.reason}},
      {{"date", &r.held_on}}, {"date"}, messages_));
  return Decision{r};
}

CommandRunner::Outcome CommandRunner::Perform(const ActionForm& form, const Acting& who) {
  if (form.command == "decide" || form.command == "deliberate") return PerformDecision(form, who);
  if (form.command == "withdraw" || form.command == "object" || form.command == "resolve") {
    return PerformCaseNote(form, who);
  }
  Result<model::CommandRequest> o = OptionsFor(form, who);
  if (!o) return {o.error(), Status::Ok()};
  Result<std::string> out = Run(*o);
  return {Status::Ok(), out ? Status::Ok() : out.error()};
}

CommandRunner::Outcome CommandRunner::PerformDecision(const ActionForm& form, const Acting& who) {
  Result<Decision> d = DecisionFor(form, who);
  if (!d) return {d.error(), Status::Ok()};
  std::lock_guard<std::mutex> lock(mu_);
  Result<app::DecideResult> decided =
      std::holds_alternative<app::DecideRequest>(*d)
          ? app::Decide(AppContext(), std::get<app::DecideRequest>(*d))
          : app::Deliberate(AppContext(), std::get<app::DeliberateRequest>(*d));
  return {Status::Ok(), decided ? Status::Ok() : decided.error()};
}

CommandRunner::Outcome CommandRunner::PerformCaseNote(const ActionForm& form, const Acting& who) {
  app::CaseNoteRequest r{form.target, {}, ActingOf(who)};
  const Status read =
      ReadForm(form, form.command, {{"note", &r.note}}, {{"date", &r.acting.date}}, {}, messages_);
  if (!read.ok()) return {read, Status::Ok()};
  std::lock_guard<std::mutex> lock(mu_);
  const app::Context app = AppContext();
  Result<registry::Recorded> done = form.command == "withdraw" ? app::Withdraw(app, r)
                                    : form.command == "object" ? app::Object(app, r)
                                                               : app::Resolve(app, r);
  return {Status::Ok(), done ? Status::Ok() : done.error()};
}

app::Context CommandRunner::AppContext() {
  return {
      fs_,        messages_, calendar_, base_.data_dir, base_.settings_files, base_.registry_path,
      base_.fonts};
}

Result<std::string> CommandRunner::Run(const model::CommandRequest& o, bool* problems) {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  Status s;
  if (registry::IsRegistryCommand(o.command)) {
    bool found = false;
    s = registry::RunRegistryCommand(o, fs_, messages_, calendar_, o.data_dir, out, &found);
    if (problems != nullptr) *problems = found;
  } else {
    s = evaluation::RunEvaluationCommand(o, fs_, messages_, o.data_dir, out);
  }
  if (!s.ok()) return s;
  return out.str();
}

Result<nlohmann::json> CommandRunner::StatusJson(const std::string& ref, const Date& today,
                                                 const std::string& out_dir) {
  model::CommandRequest o = base_;
  o.command = model::Command::kStatus;
  o.case_ref = ref;
  o.json = true;
  o.date = today;
  o.quiet = true;
  o.out_dir = out_dir;
  Result<std::string> text = Run(o);
  if (!text) return text.error();
  nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded()) return Status::Internal("status --json printed no JSON");
  return j;
}

Result<nlohmann::json> CommandRunner::CaseJson(const std::string& case_id, const Date& today) {
  std::lock_guard<std::mutex> lock(mu_);
  Result<app::StatusResult> status =
      app::StatusOf(AppContext(), app::StatusRequest{case_id, today, base_.authority});
  if (!status) return status.error();
  return app::StatusJson(*status);
}

Result<nlohmann::json> CommandRunner::DocumentJson(const std::string& document_id,
                                                   const Date& today,
                                                   const std::string& draft_dir) {
  return StatusJson(document_id, today, draft_dir);
}

}  // namespace pipeline::web
