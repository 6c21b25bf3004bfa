// publicize, file, issue, archive verify, due: the registry commands that draft, issue and
// check documents (README "Case registry").
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "pipeline/core/settings.h"
#include "pipeline/core/sha256.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/registry/fault.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/render/doc/render_command.h"
#include "pipeline/render/doc/template.h"
#include "pipeline/report/document_data.h"
#include "pipeline/report/report_json.h"
#include "pipeline/report/summary_table.h"

namespace pipeline::registry {
namespace {

using nlohmann::json;

// Office settings and authority names the documents need.
struct DocumentSetup {
  report::OfficeSettings office;
  crosscheck::Authorities authorities;
};

Result<DocumentSetup> LoadSetup(Context& ctx) {
  const std::vector<std::string> files = SettingsFilesOf(ctx.options, ctx.data_dir);
  Result<LayeredSettings> layered = LoadLayeredSettings(ctx.fs, files);
  if (!layered) return layered.error();
  Result<report::OfficeSettings> office =
      report::OfficeSettingsFromJson(layered->effective, files.back());
  if (!office) return office.error();
  Result<crosscheck::Authorities> auth =
      crosscheck::LoadAuthorities(ctx.fs, JoinPath(ctx.data_dir, "data"));
  if (!auth) return auth.error();
  return DocumentSetup{std::move(*office), std::move(*auth)};
}

std::string IssuerName(const DocumentSetup& setup, const std::string& code) {
  const crosscheck::AuthorityEntry* a = setup.authorities.FindCode(code);
  return a != nullptr && !a->to_confirm ? a->authority : std::string();
}

std::string FormatIso(const DocumentSetup& setup, const std::string& iso) {
  std::optional<Date> d = ParseIsoDate(iso);
  return d ? render::FormatDate(*d, setup.office.date_format) : iso;
}

std::vector<int> ParseLevels(const std::string& csv) {
  std::vector<int> out;
  std::size_t at = 0;
  while (at < csv.size()) {
    std::size_t comma = csv.find(',', at);
    if (comma == std::string::npos) comma = csv.size();
    const std::string part = csv.substr(at, comma - at);
    if (!part.empty() && part.find_first_not_of("0123456789") == std::string::npos &&
        part.size() < 3) {
      out.push_back(std::stoi(part));
    }
    at = comma + 1;
  }
  return out;
}

// One institution's entry in a notice: name, USCC and the occupations to be (or) filed.
Result<json> CaseEntry(Context& ctx, const CaseRecord& c) {
  Result<std::vector<OccupationFact>> occ = ctx.registry.Occupations(c.case_id);
  if (!occ) return occ.error();
  json list = json::array();
  for (const OccupationFact& o : *occ) {
    if (o.state == "excluded") continue;  // an excluded occupation is neither announced nor filed
    list.push_back({{"code", o.code},
                    {"name", o.name},
                    {"work_type", o.work_type},
                    {"levels_text", report::LevelsText(ParseLevels(o.levels), ctx.messages)}});
  }
  return json{{"case", c.case_id},
              {"institution", c.institution_name},
              {"uscc", c.uscc},
              {"kind", model::ApplicationKindName(c.kind)},
              {"occupations", std::move(list)}};
}

json DocumentObject(const DocumentSetup& setup, const std::string& issuer, const Date& today) {
  json d = {{"draft", true}, {"date", render::FormatDate(today, setup.office.date_format)}};
  if (!issuer.empty()) d["issuer"] = issuer;
  if (!setup.office.copy_to.empty()) d["copy_to"] = setup.office.copy_to;
  if (!setup.office.print_office.empty()) d["print_office"] = setup.office.print_office;
  return d;
}

std::string RegistryDir(const Context& ctx) {
  std::string dir = DirName(ctx.registry_file);
  return dir.empty() ? "." : dir;
}

Result<std::string> RenderPdf(Context& ctx, const std::string& kind, const json& data,
                              const Date& date) {
  render::RendererOptions options = render::RendererOptions::Defaults(ctx.data_dir);
  // The office's fonts (the "fonts" setting, README "Settings"), as `beian run` uses them.
  Result<LayeredSettings> settings =
      LoadLayeredSettings(ctx.fs, SettingsFilesOf(ctx.options, ctx.data_dir));
  if (!settings) return settings.error();
  if (std::string fonts = PathSetting(*settings, "/fonts"); !fonts.empty()) {
    options.fonts_path = fonts;
  }
  Result<std::unique_ptr<render::DocumentRenderer>> renderer =
      render::DocumentRenderer::Create(ctx.fs, options);
  if (!renderer) return renderer.error();
  const std::string tmpl = render::ResolveTemplatePath(ctx.data_dir, kind);
  return (*renderer)->Render(tmpl, data, date);
}

// Renders a stored draft to OUT (or drafts/ beside the registry) and says where it went.
Status WriteDraft(Context& ctx, const std::string& document_id) {
  Result<DocumentDetail> d = ctx.registry.LoadDocument(document_id);
  if (!d) return d.error();
  json data = json::parse(d->data_json, nullptr, false);
  if (data.is_discarded()) return Status::InvalidData("stored document data is not JSON", document_id);
  Result<std::string> pdf = RenderPdf(ctx, d->kind, data, ctx.actor.today);
  if (!pdf) return pdf.error();
  const std::string dir =
      ctx.options.out_dir.empty() ? JoinPath(RegistryDir(ctx), "drafts") : ctx.options.out_dir;
  const std::string path = JoinPath(
      dir, document_id + "-" + ctx.messages.Format("registry.document." + d->kind) + ".pdf");
  PIPELINE_RETURN_IF_ERROR(ctx.fs.WriteFile(path, *pdf));
  ctx.out << ctx.messages.Format("registry.drafted",
                                 {{"document", document_id},
                                  {"kind", ctx.messages.Format("registry.document." + d->kind)},
                                  {"file", path}})
          << "\n";
  return Status::Ok();
}

std::string ArchiveRoot(const Context& ctx) {
  if (!ctx.options.archive_dir.empty()) return ctx.options.archive_dir;
  if (!ctx.settings.archive.empty()) return ctx.settings.archive;
  return JoinPath(RegistryDir(ctx), "archive");
}

Result<std::string> ReadAll(const std::string& path) {
  RealFileSystem rfs;
  return rfs.ReadFile(path, FileSystem::kDefaultMaxRead);
}

// Puts `bytes` at `final_path` without ever replacing an existing file: written beside it, then
// hard-linked into place (link fails when the name exists). An existing file with the same
// bytes is a finished earlier attempt and is accepted.
Status PlaceArchiveFile(const std::string& final_path, const std::string& bytes,
                        const report::MessageCatalog& messages) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(final_path).parent_path(), ec);
  if (ec) return Status::IoError(ec.message(), final_path);
  const std::string tmp = final_path + ".part";
  {
    RealFileSystem rfs;
    PIPELINE_RETURN_IF_ERROR(rfs.WriteFile(tmp, bytes));
  }
  FaultPoint("before_final_rename");
  if (::link(tmp.c_str(), final_path.c_str()) != 0) {
    const int err = errno;
    if (err != EEXIST) return Status::IoError(std::strerror(err), final_path);
    Result<std::string> existing = ReadAll(final_path);
    if (!existing || Sha256Hex(*existing) != Sha256Hex(bytes)) {
      return Status::InvalidArgument(
          messages.Format("registry.refused.archive_file_exists", {{"file", final_path}}));
    }
  }
  ::unlink(tmp.c_str());
  return Status::Ok();
}

}  // namespace

Date PublicityEnd(const report::WorkCalendar& cal, const Date& start, int n, bool count_start) {
  if (count_start && cal.IsWorkingDay(start)) {
    return n == 1 ? start : cal.AddWorkingDays(start, n - 1);
  }
  return cal.AddWorkingDays(start, n);
}

Status PublicizeCommand(Context& ctx) {
  const Date start = *ctx.options.start;
  const int n = ctx.settings.publicity_working_days;
  const bool count_start = ctx.settings.publicity_count_start_day;
  if (!ctx.calendar.Covers(start)) {
    return Status::InvalidArgument(ctx.messages.Format("registry.refused.calendar_uncovered",
                                                       {{"date", start.ToIso()}}));
  }
  const Date end = PublicityEnd(ctx.calendar, start, n, count_start);
  if (!ctx.calendar.Covers(end)) {
    return Status::InvalidArgument(
        ctx.messages.Format("registry.refused.calendar_uncovered", {{"date", end.ToIso()}}));
  }
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  PublicityPlan plan;
  plan.case_ids = ctx.options.cases;
  plan.start = start;
  plan.end = end;
  plan.working_days = n;
  plan.count_start_day = count_start;
  json entries = json::array();
  for (const std::string& id : plan.case_ids) {
    Result<CaseRecord> c = ctx.registry.LoadCase(id);
    if (!c) return c.error();
    if (plan.authority.empty()) plan.authority = ctx.options.authority.value_or(c->authority);
    Result<json> entry = CaseEntry(ctx, *c);
    if (!entry) return entry.error();
    entries.push_back(std::move(*entry));
  }
  json data = {{"entries", entries},
               {"publicity",
                {{"start", render::FormatDate(start, setup->office.date_format)},
                 {"end", render::FormatDate(end, setup->office.date_format)},
                 {"working_days", n},
                 {"count_start_day", count_start}}}};
  data["document"] = DocumentObject(*setup, IssuerName(*setup, plan.authority), ctx.actor.today);
  if (!ctx.settings.publicity_contact.empty()) {
    data["document"]["contact"] = ctx.settings.publicity_contact;
  }
  plan.data_json = data.dump();
  Result<std::string> id = ctx.registry.Publicize(plan, ctx.actor);
  if (!id) return id.error();
  PIPELINE_RETURN_IF_ERROR(WriteDraft(ctx, *id));
  ctx.out << ctx.messages.Format(
                 count_start ? "registry.publicity_period.counted" : "registry.publicity_period",
                 {{"start", start.ToIso()}, {"end", end.ToIso()}, {"days", std::to_string(n)}})
          << "\n";
  return Status::Ok();
}

Status FileCommand(Context& ctx) {
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  Result<CaseRecord> c = ctx.registry.LoadCase(ctx.options.case_ref);
  if (!c) return c.error();
  Result<json> entry = CaseEntry(ctx, *c);
  if (!entry) return entry.error();
  const std::string authority = ctx.options.authority.value_or("");
  json data = {{"entries", json::array({*entry})}};
  data["document"] = DocumentObject(*setup, IssuerName(*setup, authority), ctx.actor.today);
  Result<FilingOutcome> filed = ctx.registry.File(c->case_id, authority, data, ctx.actor);
  if (!filed) return filed.error();
  // The stored notice data gets the validity worded as the notice prints it.
  PIPELINE_RETURN_IF_ERROR(ctx.registry.storage().Execute(
      "UPDATE documents SET data_json = ? WHERE document_id = ?",
      {[&] {
         Result<DocumentDetail> d = ctx.registry.LoadDocument(filed->document_id);
         json j = d ? json::parse(d->data_json, nullptr, false) : json::object();
         j["filing"]["valid_from_text"] = FormatIso(*setup, filed->filing.valid_from);
         j["filing"]["valid_until_text"] = FormatIso(*setup, filed->filing.valid_until);
         return j.dump();
       }(),
       filed->document_id}));
  PIPELINE_RETURN_IF_ERROR(WriteDraft(ctx, filed->document_id));
  return Confirm(ctx, c->case_id);
}

Status IssueCommand(Context& ctx) {
  if (ctx.settings.doc_number_format.empty()) {
    return Status::InvalidArgument(ctx.messages.Format("registry.refused.no_number_format"));
  }
  const std::string& id = ctx.options.document_id;
  Result<std::int64_t> n = ctx.registry.BindNumber(id, ctx.actor.today.year, ctx.options.number,
                                                   ctx.settings.doc_number_format,
                                                   ctx.actor.today.ToIso());
  if (!n) return n.error();
  Result<DocumentDetail> d = ctx.registry.LoadDocument(id);
  if (!d) return d.error();
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  json data = json::parse(d->data_json, nullptr, false);
  if (data.is_discarded()) return Status::InvalidData("stored document data is not JSON", id);
  const Date date = ParseIsoDate(d->doc_date).value_or(ctx.actor.today);
  data["document"]["draft"] = false;
  data["document"]["doc_number"] = d->number;
  data["document"]["date"] = render::FormatDate(date, setup->office.date_format);
  Result<std::string> pdf = RenderPdf(ctx, d->kind, data, date);
  if (!pdf) return pdf.error();
  const std::string rel = JoinPath(JoinPath(d->authority.empty() ? "unknown" : d->authority,
                                            std::to_string(date.year)),
                                   d->number + ".pdf");
  const std::string root = ArchiveRoot(ctx);
  PIPELINE_RETURN_IF_ERROR(PlaceArchiveFile(JoinPath(root, rel), *pdf, ctx.messages));
  const std::string sha = Sha256Hex(*pdf);
  PIPELINE_RETURN_IF_ERROR(ctx.registry.MarkIssued(id, rel, sha, ctx.actor));
  ctx.out << ctx.messages.Format("registry.issued", {{"document", id},
                                                      {"number", d->number},
                                                      {"file", JoinPath(root, rel)},
                                                      {"sha256", sha}})
          << "\n";
  return Status::Ok();
}

Status ArchiveVerifyCommand(Context& ctx, bool* problems) {
  const std::string root = ArchiveRoot(ctx);
  Result<std::vector<DocumentDetail>> issued = ctx.registry.IssuedDocuments();
  if (!issued) return issued.error();
  std::vector<std::pair<std::string, std::string>> found;  // (message key, file)
  std::set<std::string> registered;
  for (const DocumentDetail& d : *issued) {
    registered.insert(d.path);
    Result<std::string> bytes = ReadAll(JoinPath(root, d.path));
    if (!bytes) {
      found.emplace_back("registry.archive.missing", d.path);
    } else if (Sha256Hex(*bytes) != d.sha256) {
      found.emplace_back("registry.archive.altered", d.path);
    }
  }
  std::error_code ec;
  if (std::filesystem::is_directory(root, ec)) {
    std::vector<std::string> files;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory()) continue;
      files.push_back(std::filesystem::relative(it->path(), root).string());
    }
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      if (registered.count(f) == 0) found.emplace_back("registry.archive.unregistered", f);
    }
  }
  for (const auto& [key, file] : found) {
    ctx.out << ctx.messages.Format(key, {{"file", file}}) << "\n";
  }
  ctx.out << ctx.messages.Format(found.empty() ? "registry.archive.ok" : "registry.archive.bad",
                                 {{"root", root},
                                  {"count", std::to_string(issued->size())},
                                  {"problems", std::to_string(found.size())}})
          << "\n";
  *problems = !found.empty();
  return Status::Ok();
}

Status DueCommand(Context& ctx) {
  const Date today = ctx.actor.today;
  const Date until = today.AddDays(ctx.options.within_days);
  const std::string from_iso = today.ToIso(), until_iso = until.ToIso();
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  struct Item {
    std::string date, kind, ref, institution;
  };
  std::vector<Item> items;
  Storage& db = ctx.registry.storage();
  Result<std::vector<Row>> filings = db.Query(
      "SELECT f.filing_id, f.valid_until, i.name FROM filings f JOIN institutions i "
      "ON i.uscc = f.uscc WHERE f.state = 'active' ORDER BY f.valid_until");
  if (!filings) return filings.error();
  for (const Row& r : *filings) {
    std::optional<Date> end = ParseIsoDate(AsText(r[1]));
    if (!end) continue;
    // Art. 9: the renewal application is due three months before the validity ends.
    const Date window = end->AddMonths(-3);
    if (window >= today && window <= until) {
      items.push_back({window.ToIso(), "renewal_window_closes", AsText(r[0]), AsText(r[2])});
    }
    if (*end >= today && *end <= until) {
      items.push_back({end->ToIso(), "validity_ends", AsText(r[0]), AsText(r[2])});
    }
  }
  Result<std::vector<Row>> publicity = db.Query(
      "SELECT dc.case_id, p.end_on, i.name FROM publicities p JOIN document_cases dc "
      "ON dc.document_id = p.document_id JOIN cases c ON c.case_id = dc.case_id "
      "JOIN institutions i ON i.uscc = c.uscc WHERE c.stage = 'publicity' "
      "AND p.end_on >= ? AND p.end_on <= ?",
      {from_iso, until_iso});
  if (!publicity) return publicity.error();
  for (const Row& r : *publicity) {
    items.push_back({AsText(r[1]), "publicity_ends", AsText(r[0]), AsText(r[2])});
  }
  Result<std::vector<CaseRecord>> open = ctx.registry.OpenCases();
  if (!open) return open.error();
  for (const CaseRecord& c : *open) {
    if (c.stage != Stage::kReturned) continue;
    // No 补正 deadline set (office.json correction_deadline_working_days null): nothing falls due.
    if (setup->office.correction_deadline_working_days <= 0) continue;
    std::optional<Date> since = ParseIsoDate(c.stage_since);
    if (!since || !ctx.calendar.Covers(*since)) continue;
    const Date deadline =
        ctx.calendar.AddWorkingDays(*since, setup->office.correction_deadline_working_days);
    if (deadline < today) {
      items.push_back({deadline.ToIso(), "correction_overdue", c.case_id, c.institution_name});
    } else if (deadline <= until) {
      items.push_back({deadline.ToIso(), "correction_due", c.case_id, c.institution_name});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.date < b.date; });
  if (ctx.options.json) {
    json j = {{"from", from_iso}, {"until", until_iso}, {"items", json::array()}};
    for (const Item& i : items) {
      j["items"].push_back(
          {{"date", i.date}, {"kind", i.kind}, {"ref", i.ref}, {"institution", i.institution}});
    }
    ctx.out << j.dump(2) << "\n";
    return Status::Ok();
  }
  const report::MessageCatalog& m = ctx.messages;
  std::vector<std::vector<std::string>> rows = {
      {m.Format("registry.col.date"), m.Format("registry.col.due"), m.Format("registry.col.ref"),
       m.Format("registry.col.institution")}};
  for (const Item& i : items) {
    rows.push_back({i.date, Word(m, "registry.due.", i.kind), i.ref, i.institution});
  }
  if (items.empty()) {
    ctx.out << m.Format("registry.due.none", {{"until", until_iso}}) << "\n";
  } else {
    ctx.out << report::AlignedTable(rows);
  }
  return Status::Ok();
}

}  // namespace pipeline::registry
