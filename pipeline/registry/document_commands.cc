// publicize, file, issue, archive verify, due: the registry commands that draft, issue and
// check documents (docs/user-guide.md "Case registry").
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/sha256.h"
#include "pipeline/core/text.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/model/application.h"
#include "pipeline/registry/catalogue.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/registry/fault.h"
#include "pipeline/registry/issued_title.h"
#include "pipeline/registry/open_storage.h"
#include "pipeline/registry/pdfa.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/render/doc/font_guard.h"
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
  Result<report::OfficeSettings> office =
      report::LoadOfficeSettings(ctx.fs, SettingsFilesOf(ctx.options, ctx.data_dir), &ctx.messages);
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

// 责任者 of an issued document (catalogue, PDF metadata): the issuing authority, or for the
// expert group's opinions the group the opinion names.
std::string Responsible(const DocumentSetup& setup, const DocumentDetail& d,
                        const report::MessageCatalog& messages) {
  if (!ExpertGroupDocument(d.kind)) return IssuerName(setup, d.authority);
  const json data = json::parse(d.data_json, nullptr, false);
  std::string group;
  if (data.is_object()) group = data.value(json::json_pointer("/document/expert_group"), "");
  return group.empty() ? messages.Format("registry.expert_group") : group;
}

std::string FormatIso(const DocumentSetup& setup, const std::string& iso) {
  std::optional<Date> d = ParseIsoDate(iso);
  return d ? FormatDate(*d, setup.office.date_format) : iso;
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
                    {"levels_text", report::LevelsText(LevelsFromCsv(o.levels), ctx.messages)}});
  }
  return json{{"case", c.case_id},
              {"institution", c.institution_name},
              {"uscc", c.uscc},
              {"kind", model::ApplicationKindName(c.kind)},
              {"occupations", std::move(list)}};
}

json DocumentObject(const DocumentSetup& setup, const std::string& issuer, const Date& today) {
  json d = {{"draft", true}, {"date", FormatDate(today, setup.office.date_format)}};
  if (!issuer.empty()) d["issuer"] = issuer;
  if (!setup.office.copy_to.empty()) d["copy_to"] = setup.office.copy_to;
  if (!setup.office.print_office.empty()) d["print_office"] = setup.office.print_office;
  return d;
}

std::string RegistryDir(const Context& ctx) { return RegistryHome(ctx.registry_file); }

// The issued copy of a document (before PDF/A).
Result<std::string> RenderIssuedPdf(Context& ctx, const std::string& kind, const json& data,
                                    const Date& date) {
  return RenderTemplate(ctx.fs, ctx.data_dir, kind, data, date, ctx.options.fonts,
                        /*issued=*/true);
}

Result<json> DocumentData(Context& ctx, const DocumentDetail& d) {
  return StoredDocumentData(ctx.registry, d);
}

// Where drafts go: --out DIR, else drafts/ beside the registry.
std::string DraftsDir(const Context& ctx) {
  return ctx.options.out_dir.empty() ? JoinPath(RegistryDir(ctx), "drafts") : ctx.options.out_dir;
}

// Renders a stored draft to OUT (or drafts/ beside the registry) and says where it went.
Status WriteDraft(Context& ctx, const std::string& document_id) {
  Result<std::string> path =
      RenderDraftFile(ctx.registry, ctx.fs, ctx.messages, ctx.data_dir, document_id,
                      ctx.actor.today, DraftsDir(ctx), ctx.options.fonts);
  if (!path) return path.error();
  Result<DocumentDetail> d = ctx.registry.LoadDocument(document_id);
  if (!d) return d.error();
  ctx.out << ctx.messages.Format("registry.drafted",
                                 {{"document", document_id},
                                  {"kind", ctx.messages.Format("registry.document." + d->kind)},
                                  {"file", *path}})
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

// Puts `bytes` at `root`/`rel` without ever replacing an existing file: written beside it, then
// hard-linked into place (link fails when the name exists). An existing file with the same
// bytes is a finished earlier attempt and is accepted. The file and its name are on the disk
// before the registry records the issue: a power cut never leaves an issued document whose
// archived copy is missing or empty.
Status PlaceArchiveFile(const std::string& root, const std::string& rel, const std::string& bytes,
                        const report::MessageCatalog& messages) {
  const std::string final_path = JoinPath(root, rel);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(final_path).parent_path(), ec);
  if (ec) return Status::IoError(ec.message(), final_path);
  const std::string tmp = final_path + ".part";
  {
    RealFileSystem rfs;
    PIPELINE_RETURN_IF_ERROR(rfs.WriteFile(tmp, bytes));
  }
  PIPELINE_RETURN_IF_ERROR(SyncToDisk(tmp, tmp));  // its data, before its name is linked
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
  return SyncToDisk(final_path, root);
}

// Writes the 归档文件目录 of one authority and year into `root`/<authority>/<year>/ from the
// registry's issued documents `issued` (the archive folder after an issue, and archive export:
// one layout, one catalogue). Its XLSX is dated by the latest 成文日期 it lists, so the same
// registry gives the same bytes whenever it is written.
Status WriteCatalogueOf(Context& ctx, const DocumentSetup& setup,
                        const std::vector<DocumentDetail>& issued, const std::string& root,
                        const std::string& authority, int year) {
  const RegistrySettings& s = ctx.settings;
  std::vector<CatalogueRow> rows;
  Date latest = ctx.actor.today;
  bool dated = false;
  for (const DocumentDetail& d : issued) {
    std::optional<Date> date = ParseIsoDate(d.doc_date);
    if (d.authority != authority || !date || date->year != year) continue;
    if (!dated || latest < *date) latest = *date;
    dated = true;
    CatalogueRow r;
    r.item = d.item_no;
    r.retention = d.retention.empty() ? s.RetentionFor(d.kind) : d.retention;
    auto code = s.archive_retention_codes.find(r.retention);
    r.archival_code = ArchivalCode(s.archive_fonds, year,
                                   code == s.archive_retention_codes.end() ? "" : code->second,
                                   d.item_no, ctx.messages.Format("registry.catalogue.blank"));
    r.responsible = Responsible(setup, d, ctx.messages);
    r.number = d.number;
    r.title = d.title;
    r.date = d.doc_date.substr(0, 4) + d.doc_date.substr(5, 2) + d.doc_date.substr(8, 2);
    r.pages = d.pages;
    r.classification = s.archive_classification;
    if (!d.replaces.empty()) {
      Result<DocumentDetail> old = ctx.registry.LoadDocument(d.replaces);
      if (old && !old->number.empty()) {
        r.remark = ctx.messages.Format("registry.catalogue.replaces", {{"number", old->number}});
      } else if (old) {  // an expert group's opinion: no 文号, named by its date
        r.remark = ctx.messages.Format("registry.catalogue.replaces_unnumbered",
                                       {{"date", FormatIso(setup, old->doc_date)}});
      }
    }
    rows.push_back(std::move(r));
  }
  // By 保管期限, then 件号: the order the items were given, which never changes.
  std::stable_sort(rows.begin(), rows.end(), [](const CatalogueRow& a, const CatalogueRow& b) {
    return std::tie(a.retention, a.item) < std::tie(b.retention, b.item);
  });
  const std::string dir =
      JoinPath(JoinPath(root, authority.empty() ? "unknown" : authority), std::to_string(year));
  return WriteCatalogue(dir, rows, ctx.messages, latest);
}

// Rewrites the 归档文件目录 of one authority and year in the archive folder.
Status UpdateCatalogue(Context& ctx, const DocumentSetup& setup, const std::string& authority,
                       int year) {
  Result<std::vector<DocumentDetail>> issued = ctx.registry.IssuedDocuments();
  if (!issued) return issued.error();
  return WriteCatalogueOf(ctx, setup, *issued, ArchiveRoot(ctx), authority, year);
}

// Refuses to issue while the body or title font is a shipped stand-in for 仿宋 / 小标宋,
// unless the office sets allow_fallback_fonts (render/doc/font_guard.h).
Status CheckIssueFonts(Context& ctx) {
  Result<report::OfficeSettings> office =
      report::LoadOfficeSettings(ctx.fs, SettingsFilesOf(ctx.options, ctx.data_dir), &ctx.messages);
  if (!office) return office.error();
  if (office->allow_fallback_fonts) return Status::Ok();
  Result<std::vector<render::RoleFont>> fonts =
      render::DocumentFonts(ctx.fs, ctx.data_dir, ctx.options.fonts);
  if (!fonts) return fonts.error();
  const std::string roles = render::StandInRoles(*fonts, ctx.messages.Format("fonts.role_file"),
                                                 ctx.messages.Format("format.list_separator"));
  if (roles.empty()) return Status::Ok();
  return Status::InvalidArgument(
      ctx.messages.Format("registry.refused.fallback_fonts", {{"fonts", roles}}));
}

}  // namespace

Result<std::string> RenderTemplate(const FileSystem& fs, const std::string& data_dir,
                                   const std::string& kind, const nlohmann::json& data,
                                   const Date& date, const std::string& fonts_path, bool issued) {
  render::RendererOptions options = render::RendererOptions::Defaults(data_dir);
  if (!fonts_path.empty()) options.fonts_path = fonts_path;
  if (issued) options.flate_level = render::pdf::kIssuedFlateLevel;
  Result<std::unique_ptr<render::DocumentRenderer>> renderer =
      render::DocumentRenderer::Create(fs, options);
  if (!renderer) return renderer.error();
  return (*renderer)->Render(render::ResolveTemplatePath(data_dir, kind), data, date);
}

Result<nlohmann::json> StoredDocumentData(Registry& registry, const DocumentDetail& d) {
  json data = json::parse(d.data_json, nullptr, false);
  if (data.is_discarded() || !data.is_object()) {
    return Status::InvalidData("stored document data is not a JSON object", d.document_id);
  }
  Result<std::map<std::string, std::string>> slots = registry.Slots(d.document_id);
  if (!slots) return slots.error();
  for (const auto& [name, text] : *slots) data["slots"][name] = text;
  return data;
}

Result<std::string> RenderDraftFile(Registry& registry, FileSystem& fs,
                                    const report::MessageCatalog& messages,
                                    const std::string& data_dir, const std::string& document_id,
                                    const Date& date, const std::string& dir,
                                    const std::string& fonts_path) {
  Result<DocumentDetail> d = registry.LoadDocument(document_id);
  if (!d) return d.error();
  Result<json> data = StoredDocumentData(registry, *d);
  if (!data) return data.error();
  Result<std::string> pdf =
      RenderTemplate(fs, data_dir, d->kind, *data, date, fonts_path, /*issued=*/false);
  if (!pdf) return pdf.error();
  const std::string path = DraftFilePath(dir, document_id, d->kind, messages);
  PIPELINE_RETURN_IF_ERROR(fs.WriteFile(path, *pdf));
  return path;
}

std::string DraftFilePath(const std::string& dir, const std::string& document_id,
                          const std::string& kind, const report::MessageCatalog& messages) {
  return JoinPath(dir, document_id + "-" + messages.Format("registry.document." + kind) + ".pdf");
}

Date PublicityEnd(const report::WorkCalendar& cal, const Date& start, int n, bool count_start) {
  if (count_start && cal.IsWorkingDay(start)) {
    return n == 1 ? start : cal.AddWorkingDays(start, n - 1);
  }
  return cal.AddWorkingDays(start, n);
}

namespace {

// Text without spaces (a form's spacing is not a change).
std::string Unspaced(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') out += ch;
  }
  return out;
}

std::string JoinTexts(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// What a change case (Art. 8) changes in the filed record: one row per element that differs
// ({element, before, after}; element = registered_address | legal_representative |
// exam_sites | occupations), for the 备案变更的通知. An element the form leaves empty stays.
Result<json> ChangedElements(Context& ctx, const CaseRecord& c, const json& entry) {
  json rows = json::array();
  Result<std::optional<FiledRecord>> filed = ctx.registry.ActiveRecord(c.uscc);
  if (!filed) return filed.error();
  if (!*filed) return rows;
  const FiledRecord& before = **filed;
  Result<RecordElements> after = ctx.registry.VersionElements(c.case_id);
  if (!after) return after.error();
  const std::string sep = ctx.messages.Format("format.list_separator");
  auto add = [&](const char* element, const std::string& was, const std::string& now) {
    if (!now.empty() && Unspaced(was) != Unspaced(now)) {
      rows.push_back({{"element", element}, {"before", was}, {"after", now}});
    }
  };
  if (before.elements_known) {
    add("registered_address", before.elements.registered_address, after->registered_address);
    add("legal_representative", before.elements.legal_representative, after->legal_representative);
    std::vector<std::string> was = before.elements.exam_sites, now = after->exam_sites;
    std::sort(was.begin(), was.end());
    std::sort(now.begin(), now.end());
    if (!now.empty() && was != now) {
      rows.push_back({{"element", "exam_sites"},
                      {"before", JoinTexts(before.elements.exam_sites, sep)},
                      {"after", JoinTexts(after->exam_sites, sep)}});
    }
  }
  auto occupation_text = [&](const std::string& name, const std::string& work_type,
                             const std::string& levels) {
    return name +
           (work_type.empty()
                ? ""
                : ctx.messages.Format("registry.filed.work_type", {{"work_type", work_type}})) +
           " " + levels;
  };
  std::vector<std::string> was, now;
  for (const OccupationFact& o : before.occupations) {
    was.push_back(occupation_text(o.name, o.work_type,
                                  report::LevelsText(LevelsFromCsv(o.levels), ctx.messages)));
  }
  for (const json& o : entry.value("occupations", json::array())) {
    now.push_back(
        occupation_text(o.value("name", ""), o.value("work_type", ""), o.value("levels_text", "")));
  }
  std::vector<std::string> was_sorted = was, now_sorted = now;
  std::sort(was_sorted.begin(), was_sorted.end());
  std::sort(now_sorted.begin(), now_sorted.end());
  if (!now.empty() && was_sorted != now_sorted) {
    rows.push_back({{"element", "occupations"},
                    {"before", JoinTexts(was, sep)},
                    {"after", JoinTexts(now, sep)}});
  }
  return rows;
}

}  // namespace

Status PublicizeCommand(Context& ctx) {
  const Date start = *ctx.options.start;
  const int n = ctx.settings.publicity_working_days;
  const bool count_start = ctx.settings.publicity_count_start_day;
  if (!ctx.calendar.Covers(start)) {
    return Status::InvalidArgument(
        ctx.messages.Format("registry.refused.calendar_uncovered", {{"date", start.ToIso()}}));
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
  bool any_change = false;
  for (const std::string& id : plan.case_ids) {
    Result<CaseRecord> c = ctx.registry.LoadCase(id);
    if (!c) return c.error();
    if (plan.authority.empty()) plan.authority = ctx.options.authority.value_or(c->authority);
    Result<json> entry = CaseEntry(ctx, *c);
    if (!entry) return entry.error();
    if (c->kind == model::ApplicationKind::kChange) {  // the 公示 says what is to change
      Result<json> changes = ChangedElements(ctx, *c, *entry);
      if (!changes) return changes.error();
      (*entry)["changes"] = std::move(*changes);
      any_change = true;
    }
    entries.push_back(std::move(*entry));
  }
  json objection = json::object();  // where objections go: office settings, blanks while unset
  for (const auto& [key, value] : {std::pair{"office", &ctx.settings.objection_office},
                                   std::pair{"address", &ctx.settings.objection_address},
                                   std::pair{"phone", &ctx.settings.objection_phone},
                                   std::pair{"email", &ctx.settings.objection_email}}) {
    if (!value->empty()) objection[key] = *value;
  }
  json data = {{"entries", entries},
               {"publicity",
                {{"start", FormatDate(start, setup->office.date_format)},
                 {"end", FormatDate(end, setup->office.date_format)},
                 {"working_days", n},
                 {"count_start_day", count_start},
                 {"any_change", any_change},
                 {"objection", objection}}}};
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

// What a one-case notice starts from: the case, its authority (--authority) and the notice data
// (the institution's entry and the document object).
struct NoticeStart {
  DocumentSetup setup;
  CaseRecord c;
  std::string authority;
  json data;
};

Result<NoticeStart> StartNotice(Context& ctx) {
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  Result<CaseRecord> c = ctx.registry.LoadCase(ctx.options.case_ref);
  if (!c) return c.error();
  Result<json> entry = CaseEntry(ctx, *c);
  if (!entry) return entry.error();
  NoticeStart n{std::move(*setup), std::move(*c), "", json::object()};
  n.authority = ctx.options.authority.value_or("");
  n.data = {{"entries", json::array({*entry})}};
  n.data["document"] = DocumentObject(n.setup, IssuerName(n.setup, n.authority), ctx.actor.today);
  return n;
}

Result<json> EndingLetterData(Context& ctx, const CaseRecord& c, const std::string& kind,
                              const std::string& authority) {
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  Result<json> entry = CaseEntry(ctx, c);
  if (!entry) return entry.error();
  json data = {{"entries", json::array({*entry})},
               {"institution", {{"name", c.institution_name}}},
               {"application", {{"kind", model::ApplicationKindName(c.kind)}}}};
  json& d = data["document"] =
      DocumentObject(*setup, IssuerName(*setup, authority), ctx.actor.today);
  d["kind"] = kind;
  if (!setup->office.contact.empty()) {
    d["contact"] = setup->office.contact;
    const report::Contact contact = report::SplitContact(setup->office.contact);
    if (!contact.phone.empty()) d["contact_phone"] = contact.phone;
    if (!contact.person.empty()) d["contact_person"] = contact.person;
  }
  const std::string blank = ctx.messages.Format("document.blank_issuer");
  if (kind == "referral_notice" || kind == "transfer_letter")
    d["competent_authority_blank"] = blank;  // slot competent_authority
  if (kind == "refusal_notice") {
    d["reasons_blank"] = ctx.messages.Format("document.blank_reasons");  // slot reasons
    d["decision"] = c.kind == model::ApplicationKind::kRenewal ? "renewal" : "filing";
    if (!setup->office.remedy_text.empty()) d["remedy_text"] = setup->office.remedy_text;
  }
  return data;
}

namespace {

// What a decision did about one of its case's ending letters: the draft adopted or drawn.
struct EndingLetter {
  std::string id;
  bool adopted = false;
  std::string kind;
};

// Merges `facts` into the stored data of draft `id` (run's draft adopted by a decision that
// knows more than run did).
Status MergeLetterFacts(Context& ctx, const std::string& id, const json& facts) {
  if (facts.empty()) return Status::Ok();
  Result<DocumentDetail> d = ctx.registry.LoadDocument(id);
  if (!d) return d.error();
  json data = json::parse(d->data_json, nullptr, false);
  if (data.is_discarded() || !data.is_object()) {
    return Status::InvalidData("stored letter data is not an object", id);
  }
  data.merge_patch(facts);
  return ctx.registry.storage().Execute("UPDATE documents SET data_json = ? WHERE document_id = ?",
                                        {data.dump(), id});
}

// The case's ending letters after a decision (REQUIRES: inside the decision's write
// transaction): each of its kinds adopted from run's draft or drawn.
Result<std::vector<EndingLetter>> SettleEndingLetters(Context& ctx, const LetterTerms& terms) {
  Result<CaseRecord> c = ctx.registry.LoadCase(ctx.options.case_ref);
  if (!c) return c.error();
  const std::vector<std::string> kinds = EndingLetterKinds(c->stage);
  std::vector<EndingLetter> out;
  if (kinds.empty()) {  // not an end; a correction away from one takes its letters back
    if (ctx.options.reason.empty()) return out;
    PIPELINE_RETURN_IF_ERROR(ctx.registry.SupersedeEndingLetters(c->case_id, {}));
    return out;
  }
  // run's drafts speak for the decision only in the deciding authority's name.
  const std::string authority = ctx.options.authority.value_or(c->authority);
  std::vector<std::string> adopted;
  for (const std::string& kind : kinds) {
    EndingLetter letter{"", false, kind};
    if (terms.may_adopt) {
      Result<std::string> drafted = ctx.registry.RunLetterDraft(c->case_id, kind, authority);
      if (!drafted) return drafted.error();
      letter = {*drafted, !drafted->empty(), kind};
    }
    if (letter.adopted) adopted.push_back(letter.id);
    out.push_back(std::move(letter));
  }
  PIPELINE_RETURN_IF_ERROR(ctx.registry.SupersedeEndingLetters(c->case_id, adopted));
  for (EndingLetter& letter : out) {
    if (letter.adopted) {
      PIPELINE_RETURN_IF_ERROR(MergeLetterFacts(ctx, letter.id, terms.facts));
      continue;
    }
    Result<json> data = EndingLetterData(ctx, *c, letter.kind, authority);
    if (!data) return data.error();
    data->merge_patch(terms.facts);
    Result<std::string> id =
        ctx.registry.CreateDraft(letter.kind, authority, {c->case_id}, data->dump(), ctx.actor);
    if (!id) return id.error();
    letter.id = *id;
  }
  return out;
}

}  // namespace

LetterTerms StageDecisionTerms(const Context& ctx) {
  const std::optional<Stage> decided = StageFromName(ctx.options.stage);
  return {decided == Stage::kReceived || decided == Stage::kPreliminary, json::object()};
}

Result<std::vector<SettledLetter>> DecideSettlingLetters(Context& ctx, const LetterTerms& terms,
                                                         const std::function<Status()>& decide) {
  std::vector<EndingLetter> letters;
  const Status done = ctx.registry.Atomically([&]() -> Status {
    PIPELINE_RETURN_IF_ERROR(decide());
    Result<std::vector<EndingLetter>> settled = SettleEndingLetters(ctx, terms);
    if (!settled) return settled.error();
    letters = std::move(*settled);
    return Status::Ok();
  });
  if (!done.ok()) return done;
  std::vector<SettledLetter> out;
  for (const EndingLetter& letter : letters) {
    // A drawn draft goes to OUT or drafts/; run's adopted draft, now also beside the registry
    // under its document id.
    Result<std::string> path =
        RenderDraftFile(ctx.registry, ctx.fs, ctx.messages, ctx.data_dir, letter.id,
                        ctx.actor.today, DraftsDir(ctx), ctx.options.fonts);
    if (!path) return path.error();
    out.push_back({letter.id, letter.kind, letter.adopted, *path});
  }
  return out;
}

std::string SettledLetterLine(const report::MessageCatalog& m, const SettledLetter& letter) {
  if (!letter.adopted) {
    return m.Format("registry.drafted", {{"document", letter.document_id},
                                         {"kind", m.Format("registry.document." + letter.kind)},
                                         {"file", letter.draft_path}});
  }
  return m.Format("registry.letter_adopted", {{"document", letter.document_id},
                                              {"kind", Word(m, "registry.document.", letter.kind)},
                                              {"file", letter.draft_path}});
}

Status DecideWithLetter(Context& ctx, const LetterTerms& terms,
                        const std::function<Status()>& decide) {
  Result<std::vector<SettledLetter>> letters = DecideSettlingLetters(ctx, terms, decide);
  if (!letters) return letters.error();
  for (const SettledLetter& letter : *letters) {
    ctx.out << SettledLetterLine(ctx.messages, letter) << "\n";
  }
  return Status::Ok();
}

// The validity a notice announces, by the office settings (docs/user-guide.md "Settings"): a new
// filing's three years start on the notice's 成文日期 `date` (filing_validity_start = doc_date, the
// default; file_date keeps the day `file` was run); a renewal runs on from the old end
// (renewal_validity_start = old_end, the default) or three years from `date` (doc_date).
// add_occupation and change keep the filing's validity. Updates the filing and the notice's
// stored data (with the dates worded as the notice prints them).
Status ApplyValidityStart(Context& ctx, const DocumentSetup& setup, const std::string& id,
                          const Date& date) {
  Result<DocumentDetail> d = ctx.registry.LoadDocument(id);
  if (!d) return d.error();
  if (d->kind != "filing_notice" && d->kind != "renewal_notice") return Status::Ok();
  json j = json::parse(d->data_json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("filing")) {
    return Status::InvalidData("stored notice data has no filing", id);
  }
  json& filing = j["filing"];
  const std::string kind = j.contains("entries") && j["entries"].is_array() && !j["entries"].empty()
                               ? j["entries"][0].value("kind", "")
                               : "";
  const bool from_doc_date =
      (d->kind == "filing_notice" && kind == "initial" &&
       ctx.settings.filing_validity_start == "doc_date") ||
      (d->kind == "renewal_notice" && ctx.settings.renewal_validity_start == "doc_date");
  if (from_doc_date && filing.value("valid_from", "") != date.ToIso()) {
    filing["valid_from"] = date.ToIso();
    filing["valid_until"] = date.AddYears(3).AddDays(-1).ToIso();
    PIPELINE_RETURN_IF_ERROR(ctx.registry.SetValidity(filing.value("id", ""), filing["valid_from"],
                                                      filing["valid_until"]));
  }
  filing["valid_from_text"] = FormatIso(setup, filing.value("valid_from", ""));
  filing["valid_until_text"] = FormatIso(setup, filing.value("valid_until", ""));
  // A change or 增加职业 keeps the filing's dates; the notice says so only in the office's words.
  filing.erase("unchanged_validity_text");
  if ((kind == "change" || kind == "add_occupation") &&
      !setup.office.unchanged_validity_text.empty()) {
    filing["unchanged_validity_text"] =
        ReplaceAll(setup.office.unchanged_validity_text, "{valid_until}",
                   filing["valid_until_text"].get<std::string>());
  }
  return ctx.registry.storage().Execute("UPDATE documents SET data_json = ? WHERE document_id = ?",
                                        {j.dump(), id});
}

Status FileCommand(Context& ctx) {
  Result<NoticeStart> start = StartNotice(ctx);
  if (!start) return start.error();
  const CaseRecord* c = &start->c;
  // The province files a case a 市（州） office received: its notice is 抄送 to that office
  // (where data/jilin_authorities.tsv does not know its name, the slot copy_to_office: a
  // visible blank until the clerk fills it, and issue refuses it while blank).
  if (!c->authority.empty() && c->authority != start->authority) {
    const std::string name = IssuerName(start->setup, c->authority);
    json& document = start->data["document"];
    if (name.empty()) {
      const std::string known = document.value("copy_to", "");
      document["copy_to_office_blank"] = true;
      document["copy_to_lead"] =
          known.empty() ? known : known + ctx.messages.Format("document.copy_to_separator");
    } else {
      report::AddCopyTo(document, name, ctx.messages);
    }
  }
  if (c->kind == model::ApplicationKind::kChange) {
    Result<json> changes = ChangedElements(ctx, *c, start->data["entries"][0]);
    if (!changes) return changes.error();
    start->data["entries"][0]["changes"] = std::move(*changes);
  }
  Result<FilingOutcome> filed = ctx.registry.File(c->case_id, start->authority, start->data,
                                                  ctx.actor, ctx.settings.filing_number_format);
  if (!filed) return filed.error();
  // The draft is dated today; issue moves the start when it is issued on a later day.
  PIPELINE_RETURN_IF_ERROR(
      ApplyValidityStart(ctx, start->setup, filed->document_id, ctx.actor.today));
  PIPELINE_RETURN_IF_ERROR(WriteDraft(ctx, filed->document_id));
  return Confirm(ctx, c->case_id);
}

namespace {

// A 报送 entry's process facts: the comprehensive opinion (its conclusion when beian
// summarize drafted it, else the decision recorded; the group's opinion has no 发文字号), the
// 专题审议 and the 公示.
Status AddSubmissionFacts(Context& ctx, const DocumentSetup& setup, const CaseRecord& c,
                          json* entry) {
  const Stage opinion_stage =
      c.kind == model::ApplicationKind::kRenewal ? Stage::kPreliminary : Stage::kComprehensive;
  json opinion = json::object();
  for (const HistoryEntry& e : c.history) {
    if (e.stage == opinion_stage && !e.result.empty()) opinion["result"] = e.result;
    if (e.action == "deliberate" && e.result == "pass") {
      (*entry)["deliberation_date"] = FormatIso(setup, e.acted_on);
    }
  }
  if (c.kind != model::ApplicationKind::kRenewal) {
    Result<DocumentDetail> d = ctx.registry.LatestDocument(c.case_id, "comprehensive_opinion");
    if (d) {
      json data = json::parse(d->data_json, nullptr, false);
      if (data.is_object() && data.contains("result_text") && data["result_text"].is_string()) {
        opinion["result_text"] = data["result_text"];
      }
    }
    Result<std::vector<Row>> period = ctx.registry.storage().Query(
        "SELECT MAX(p.start_on), MAX(p.end_on) FROM publicities p JOIN document_cases dc "
        "ON dc.document_id = p.document_id WHERE dc.case_id = ?",
        {c.case_id});
    if (!period) return period.error();
    if (!period->empty() && !std::holds_alternative<std::monostate>(period->front()[0])) {
      (*entry)["publicity"] = {{"start", FormatIso(setup, AsText(period->front()[0]))},
                               {"end", FormatIso(setup, AsText(period->front()[1]))}};
    }
  }
  (*entry)["opinion"] = std::move(opinion);
  return Status::Ok();
}

// The 附件 of a 报送报告: each reported case's 材料接收回执, expert opinions and 公示 as the
// registry holds them (a 公示 of several cases once), by the title given at issue, else the
// institution and the kind; with the 发文字号 when it has one.
Result<json> SubmissionAttachments(Context& ctx, const std::vector<CaseRecord>& cases) {
  json out = json::array();
  std::set<std::string> seen;
  for (const CaseRecord& c : cases) {
    for (const char* kind :
         {"receipt", "technical_opinion", "comprehensive_opinion", "publicity_notice"}) {
      Result<DocumentDetail> d = ctx.registry.LatestDocument(c.case_id, kind);
      if (!d || !seen.insert(d->document_id).second) continue;
      const std::string word = Word(ctx.messages, "registry.document.", kind);
      json a = {{"title", !d->title.empty()        ? d->title
                          : d->case_ids.size() > 1 ? word
                                                   : c.institution_name + word}};
      if (!d->number.empty()) a["number"] = d->number;
      out.push_back(std::move(a));
    }
  }
  return out;
}

}  // namespace

Status SubmitCommand(Context& ctx) {
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  std::string authority = ctx.options.authority.value_or("");
  json entries = json::array();
  bool all_renewal = true;
  std::vector<CaseRecord> cases;
  for (const std::string& id : ctx.options.cases) {
    Result<CaseRecord> c = ctx.registry.LoadCase(id);
    if (!c) return c.error();
    cases.push_back(*c);
    if (authority.empty()) authority = c->authority;
    all_renewal = all_renewal && c->kind == model::ApplicationKind::kRenewal;
    Result<json> entry = CaseEntry(ctx, *c);
    if (!entry) return entry.error();
    PIPELINE_RETURN_IF_ERROR(AddSubmissionFacts(ctx, *setup, *c, &*entry));
    entries.push_back(std::move(*entry));
  }
  Result<json> attachments = SubmissionAttachments(ctx, cases);
  if (!attachments) return attachments.error();
  json data = {{"entries", std::move(entries)},
               {"all_renewal", all_renewal},
               {"attachments", std::move(*attachments)}};
  data["document"] = DocumentObject(*setup, IssuerName(*setup, authority), ctx.actor.today);
  const std::string province = IssuerName(*setup, model::kProvinceAuthority);
  if (!province.empty()) data["document"]["addressee"] = province;
  Result<std::string> id =
      ctx.registry.Submit(ctx.options.cases, authority, data.dump(), ctx.actor);
  if (!id) return id.error();
  PIPELINE_RETURN_IF_ERROR(WriteDraft(ctx, *id));
  for (const std::string& c : ctx.options.cases) PIPELINE_RETURN_IF_ERROR(Confirm(ctx, c));
  return Status::Ok();
}

Status ServedCommand(Context& ctx) {
  const std::string& id = ctx.options.document_id;
  PIPELINE_RETURN_IF_ERROR(
      ctx.registry.MarkServed(id, ctx.actor.today, ctx.options.reason, ctx.actor));
  Result<DocumentDetail> d = ctx.registry.LoadDocument(id);
  if (!d) return d.error();
  ctx.out << ctx.messages.Format("registry.served",
                                 {{"document", id},
                                  {"kind", Word(ctx.messages, "registry.document.", d->kind)},
                                  {"date", ctx.actor.today.ToIso()}})
          << "\n";
  return Status::Ok();
}

namespace {
// What a 终止备案通知 says of the filing that ends (备案编号, validity, the issued notice that
// granted it) and, for a voluntary termination, the day its evaluation
// (Art. 10: the termination case's preliminary decision) passed; an ordered one ends with
// remedy_text when set.
Status AddTerminationFacts(Context& ctx, const DocumentSetup& setup, const CaseRecord& c,
                           json* data) {
  Result<std::vector<FilingRecord>> filings = ctx.registry.Filings(c.uscc);
  if (!filings) return filings.error();
  if (filings->empty()) return Status::Ok();  // Terminate refuses it, naming the institution
  const FilingRecord& f = filings->front();
  json ended = {{"valid_from", FormatIso(setup, f.valid_from)},
                {"valid_until", FormatIso(setup, f.valid_until)}};
  if (!f.filing_number.empty() && f.filing_number != f.filing_id) ended["number"] = f.filing_number;
  for (const char* kind : {"renewal_notice", "filing_notice"}) {
    Result<DocumentDetail> notice = ctx.registry.LatestDocument(f.case_id, kind);
    if (notice && notice->state == "issued") {
      ended["notice_number"] = notice->number;
      ended["notice_date"] = FormatIso(setup, notice->doc_date);
      break;
    }
  }
  (*data)["ended"] = std::move(ended);
  if (!ctx.options.ordered) {
    for (const HistoryEntry& e : c.history) {
      if (e.action == "decide" && e.stage == Stage::kPreliminary && e.result == "pass") {
        (*data)["evaluated_on"] = FormatIso(setup, e.acted_on);
      }
    }
  } else if (!setup.office.remedy_text.empty()) {
    (*data)["document"]["remedy_text"] = setup.office.remedy_text;
  }
  return Status::Ok();
}

// The slots a 终止备案通知 must have filled before it is issued (the regulation leaves them to
// the bureau): the effective date; for an ordered one the breached provision and the day the
// Art. 13 wind-up was checked; for a voluntary one the evaluation's day when the registry has
// none. Names of the empty ones, as the clerk sets them with beian edit.
std::vector<std::string> MissingTerminationSlots(const json& data) {
  const json slots = data.value("slots", json::object());
  auto empty = [&](const char* slot) { return slots.value(slot, "").empty(); };
  std::vector<std::string> missing;
  const bool ordered = data.value(json::json_pointer("/termination/ordered"), false);
  std::vector<const char*> wanted = {"effective_date"};
  if (ordered) {
    wanted.insert(wanted.end(), {"provision", "wind_up_date"});
  } else if (!data.contains("evaluated_on")) {
    wanted.push_back("evaluation_date");
  }
  for (const char* slot : wanted) {
    if (empty(slot)) missing.push_back(slot);
  }
  return missing;
}

// The slot an ending letter must have filled before it is issued: a 受理部门告知书 and a 移送函
// name where the materials go (the department run found, else slot competent_authority); a
// 不予备案告知书 says why (the findings run quoted, the occupations excluded, else slot
// reasons).
std::vector<std::string> MissingLetterSlots(const std::string& kind, const json& data) {
  const json slots = data.value("slots", json::object());
  const json document = data.value("document", json::object());
  const bool referral = kind == "referral_notice" || kind == "transfer_letter";
  const char* slot = referral ? "competent_authority" : "reasons";
  const bool known =
      referral ? document.contains("competent_authority")
               : document.contains("reasons") || document.contains("excluded_occupations");
  if (known || !slots.value(slot, "").empty()) return {};
  return {slot};
}

// The slot a 备案通知 must have filled before it is issued: the 抄送 of a case another office
// received whose name data/jilin_authorities.tsv lacks (slot copy_to_office).
std::vector<std::string> MissingNoticeSlots(const json& data) {
  const json slots = data.value("slots", json::object());
  const json document = data.value("document", json::object());
  if (!document.value("copy_to_office_blank", false)) return {};
  if (!slots.value("copy_to_office", "").empty()) return {};
  return {"copy_to_office"};
}

// Takes the 发文字号 (bureau documents) or only the 成文日期 (the expert group's opinions,
// which are not numbered in the bureau's sequence) for the draft `d`.
// The 成文日期 an issue gives: the day of the act for a receipt, an opinion or a 公示 (the
// draft's day), else the day of issue (--date).
Date IssueDate(const Context& ctx, const DocumentDetail& d) {
  if (!DatedByTheAct(d.kind)) return ctx.actor.today;
  return ParseIsoDate(d.created_on).value_or(ctx.actor.today);
}

// The format of d's number: a receipt's own (receipt_number_format), else the authority's
// 发文字号.
std::string NumberFormatOf(const Context& ctx, const DocumentDetail& d) {
  if (d.kind == "receipt") return ctx.settings.receipt_number_format.For(d.authority);
  return ctx.settings.doc_number_format.For(d.authority);
}

// Refuses to issue a numbered document whose number format is not set, naming the setting.
Status CheckNumberFormat(const Context& ctx, const DocumentDetail& d) {
  if (ExpertGroupDocument(d.kind) || !NumberFormatOf(ctx, d).empty()) return Status::Ok();
  if (d.kind == "receipt") {
    return Status::InvalidArgument(ctx.messages.Format("registry.refused.no_receipt_number_format",
                                                       {{"document", d.document_id}}));
  }
  return Status::InvalidArgument(
      ctx.messages.Format("registry.refused.no_number_format", {{"authority", d.authority}}));
}

// What only an issued receipt shows: 经办人 (receipt_handler) and the office's contact
// (contact), each a visible blank while unset.
void AddReceiptIssueFacts(const Context& ctx, const DocumentSetup& setup, json* data) {
  json& d = (*data)["document"];
  d["issued_receipt"] = true;
  if (!ctx.settings.receipt_handler.empty()) d["handler"] = ctx.settings.receipt_handler;
  if (!setup.office.contact.empty()) d["contact"] = setup.office.contact;
}

Status BindIssue(Context& ctx, const DocumentDetail& d) {
  const Date date = IssueDate(ctx, d);
  if (ExpertGroupDocument(d.kind)) {
    if (ctx.options.number > 0) {
      return Status::InvalidArgument(ctx.messages.Format("registry.refused.number_for_expert_group",
                                                         {{"document", d.document_id}}));
    }
    return ctx.registry.BindUnnumbered(d.document_id, date.year, date.ToIso());
  }
  Result<std::int64_t> n = ctx.registry.BindNumber(d.document_id, date.year, ctx.options.number,
                                                   NumberFormatOf(ctx, d), date.ToIso());
  return n ? Status::Ok() : n.error();
}

// A document is issued only with its choice slots decided (the 初评意见's open points), and a
// 终止备案通知 or an ending letter only with the facts the bureau gives filled in (its slots).
Status CheckFilledSlots(Context& ctx, const DocumentDetail& d) {
  if (d.state != "draft") return Status::Ok();
  Result<json> data = DocumentData(ctx, d);
  if (!data) return data.error();
  Result<std::vector<render::ChoiceSlot>> choices =
      TemplateChoiceSlots(ctx.fs, ctx.data_dir, d.kind, *data);
  if (!choices) return choices.error();
  std::string undecided;
  for (const render::ChoiceSlot& c : *choices) {
    if (!data->value("slots", json::object()).value(c.name, "").empty()) continue;
    if (!undecided.empty()) undecided += ctx.messages.Format("format.list_separator");
    undecided +=
        ctx.messages.Format("registry.choice_slot", {{"slot", c.name}, {"label", c.label}});
  }
  if (!undecided.empty()) {
    return Status::InvalidArgument(ctx.messages.Format(
        "registry.refused.choices_undecided", {{"document", d.document_id}, {"slots", undecided}}));
  }
  if (!IsEndingLetter(d.kind) && d.kind != "filing_notice" && d.kind != "renewal_notice") {
    return Status::Ok();
  }
  std::string names;
  const std::vector<std::string> missing =
      d.kind == "termination_notice" ? MissingTerminationSlots(*data)
      : IsEndingLetter(d.kind)       ? MissingLetterSlots(d.kind, *data)
                                     : MissingNoticeSlots(*data);
  for (const std::string& slot : missing) {
    if (!names.empty()) names += ctx.messages.Format("format.list_separator");
    names += ctx.messages.Format("registry.slot." + slot, {{"slot", slot}});
  }
  if (names.empty()) return Status::Ok();
  return Status::InvalidArgument(ctx.messages.Format(
      "registry.refused.slots_unfilled", {{"document", d.document_id}, {"slots", names}}));
}

// A 终止备案通知 is issued only once its case is terminated: run drafts it before the
// evaluation, and `beian terminate` makes the decision it states.
Status CheckTerminated(Context& ctx, const DocumentDetail& d) {
  if (d.kind != "termination_notice" || d.state != "draft") return Status::Ok();
  for (const std::string& id : d.case_ids) {
    Result<CaseRecord> c = ctx.registry.LoadCase(id);
    if (!c) return c.error();
    if (c->stage == Stage::kTerminated) continue;
    return Status::InvalidArgument(ctx.messages.Format(
        "registry.refused.not_terminated",
        {{"document", d.document_id}, {"case", id}, {"next", ctx.registry.NextStep(*c)}}));
  }
  return Status::Ok();
}

// A 备案通知 (first, change, renewal) is issued with its 备案编号: a filing without one (drafted
// before filing_number_format was set) gets the next number of the setting now; without the
// setting, issue refuses.
Status NumberTheFiling(Context& ctx, const DocumentDetail& d) {
  const bool notice = d.kind == "filing_notice" || d.kind == "renewal_notice";
  if (!notice || (d.state != "draft" && d.state != "issuing")) return Status::Ok();
  Result<std::string> number = ctx.registry.NumberFiling(
      d.document_id, ctx.settings.filing_number_format, ctx.actor.today.year);
  if (!number) return number.error();
  if (!number->empty()) return Status::Ok();
  return Status::InvalidArgument(ctx.messages.Format(
      "registry.refused.no_filing_number",
      {{"document", d.document_id}, {"kind", ctx.messages.Format("registry.document." + d.kind)}}));
}

// The archived copy's path under the archive root: <authority>/<year>/<发文字号>.pdf, or for an
// unnumbered opinion <authority>/<year>/<document>-<kind>.pdf.
std::string ArchivePath(const Context& ctx, const DocumentDetail& d, int year) {
  const std::string dir =
      JoinPath(d.authority.empty() ? "unknown" : d.authority, std::to_string(year));
  if (!d.number.empty()) return JoinPath(dir, d.number + ".pdf");
  return DraftFilePath(dir, d.document_id, d.kind, ctx.messages);
}

}  // namespace

Status IssueCommand(Context& ctx) {
  const std::string& id = ctx.options.document_id;
  {
    Result<DocumentDetail> draft = ctx.registry.LoadDocument(id);
    if (!draft) return draft.error();
    PIPELINE_RETURN_IF_ERROR(CheckNumberFormat(ctx, *draft));
    PIPELINE_RETURN_IF_ERROR(CheckIssueFonts(ctx));
    PIPELINE_RETURN_IF_ERROR(CheckTerminated(ctx, *draft));
    PIPELINE_RETURN_IF_ERROR(CheckFilledSlots(ctx, *draft));
    PIPELINE_RETURN_IF_ERROR(NumberTheFiling(ctx, *draft));
    PIPELINE_RETURN_IF_ERROR(BindIssue(ctx, *draft));
  }
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  {
    // The 成文日期 bound with the number (an interrupted issue resumed keeps its date).
    Result<DocumentDetail> bound = ctx.registry.LoadDocument(id);
    if (!bound) return bound.error();
    PIPELINE_RETURN_IF_ERROR(ApplyValidityStart(
        ctx, *setup, id, ParseIsoDate(bound->doc_date).value_or(ctx.actor.today)));
  }
  Result<DocumentDetail> d = ctx.registry.LoadDocument(id);
  if (!d) return d.error();
  Result<json> stored = DocumentData(ctx, *d);
  if (!stored) return stored.error();
  json data = std::move(*stored);
  const Date date = ParseIsoDate(d->doc_date).value_or(ctx.actor.today);
  data["document"]["draft"] = false;
  if (!d->number.empty()) data["document"]["doc_number"] = d->number;
  data["document"]["date"] = FormatDate(date, setup->office.date_format);
  if (d->kind == "receipt") AddReceiptIssueFacts(ctx, *setup, &data);
  Result<std::string> rendered = RenderIssuedPdf(ctx, d->kind, data, date);
  if (!rendered) return rendered.error();
  const std::string title = IssuedTitle(ctx.messages, d->kind, data);
  // The issued copy is PDF/A-2b (drafts stay ordinary PDFs).
  const std::string icc_path =
      ctx.settings.icc_profile.empty() ? kDefaultIccProfile : ctx.settings.icc_profile;
  Result<std::string> icc = ReadAll(icc_path);
  if (!icc) {
    return Status::NotFound(
        ctx.messages.Format("registry.refused.no_icc_profile", {{"file", icc_path}}));
  }
  Result<std::string> pdf = MakePdfA2b(*rendered,
                                       {title, Responsible(*setup, *d, ctx.messages),
                                        ctx.messages.Format("registry.document." + d->kind), date},
                                       *icc);
  if (!pdf) return pdf.error();
  const std::string rel = ArchivePath(ctx, *d, date.year);
  const std::string root = ArchiveRoot(ctx);
  PIPELINE_RETURN_IF_ERROR(PlaceArchiveFile(root, rel, *pdf, ctx.messages));
  const std::string sha = Sha256Hex(*pdf);
  PIPELINE_RETURN_IF_ERROR(ctx.registry.MarkIssued(id, rel, *pdf, title, CountPdfPages(*pdf),
                                                   ctx.settings.RetentionFor(d->kind)));
  PIPELINE_RETURN_IF_ERROR(UpdateCatalogue(ctx, *setup, d->authority, date.year));
  ctx.out << ctx.messages.Format(d->number.empty()      ? "registry.issued_unnumbered"
                                 : d->kind == "receipt" ? "registry.issued_receipt"
                                                        : "registry.issued",
                                 {{"document", id},
                                  {"number", d->number},
                                  {"file", JoinPath(root, rel)},
                                  {"sha256", sha}})
          << "\n";
  return Status::Ok();
}

Status TerminateCommand(Context& ctx) {
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  Result<CaseRecord> c = ctx.registry.LoadCase(ctx.options.case_ref);
  if (!c) return c.error();
  // What the registry knows of the ending filing, read before the termination ends it; the
  // voluntary decision adopts run's draft of the notice (the draft made after the evaluation).
  LetterTerms terms{!ctx.options.ordered, json::object()};
  terms.facts["termination"] = {{"ordered", ctx.options.ordered}, {"reason", ctx.options.reason}};
  PIPELINE_RETURN_IF_ERROR(AddTerminationFacts(ctx, *setup, *c, &terms.facts));
  // A 市（州） office's notice is 抄送 to the province, which issued the 备案通知.
  if (ctx.options.authority.value_or(c->authority) != model::kProvinceAuthority) {
    json copy = DocumentObject(*setup, "", ctx.actor.today);
    report::AddCopyTo(copy, IssuerName(*setup, model::kProvinceAuthority), ctx.messages);
    if (copy.contains("copy_to")) terms.facts["document"]["copy_to"] = copy["copy_to"];
  }
  PIPELINE_RETURN_IF_ERROR(DecideWithLetter(ctx, terms, [&]() {
    return ctx.registry.Terminate(c->case_id, ctx.options.ordered, ctx.options.reason, ctx.actor);
  }));
  return Confirm(ctx, c->case_id);
}

namespace {

// A slot the document's template does not print would be filled and never seen: refused,
// naming the slots it has. A choice slot takes only one of its values (or nothing, to clear it).
Status CheckSlotPrinted(Context& ctx, const std::string& document_id, const std::string& slot,
                        const std::string& text) {
  Result<DocumentDetail> d = ctx.registry.LoadDocument(document_id);
  if (!d) return d.error();
  if (d->state != "draft") return Status::Ok();  // SetSlot refuses it for its state
  Result<std::vector<std::string>> names = TemplateSlots(ctx.fs, ctx.data_dir, d->kind);
  if (!names) return names.error();
  Result<json> data = StoredDocumentData(ctx.registry, *d);
  if (!data) return data.error();
  Result<std::vector<render::ChoiceSlot>> choices =
      TemplateChoiceSlots(ctx.fs, ctx.data_dir, d->kind, *data);
  if (!choices) return choices.error();
  for (const render::ChoiceSlot& c : *choices) {
    if (c.name != slot) continue;
    if (text.empty() || std::find(c.values.begin(), c.values.end(), text) != c.values.end()) {
      return Status::Ok();
    }
    return Status::InvalidArgument(
        ctx.messages.Format("registry.refused.bad_choice", {{"document", document_id},
                                                            {"slot", slot},
                                                            {"label", c.label},
                                                            {"text", text},
                                                            {"values", JoinListArg(c.values)}}));
  }
  if (std::find(names->begin(), names->end(), slot) != names->end()) return Status::Ok();
  std::vector<std::string> all;
  for (const render::ChoiceSlot& c : *choices) all.push_back(c.name);
  all.insert(all.end(), names->begin(), names->end());
  return Status::InvalidArgument(ctx.messages.Format(
      all.empty() ? "registry.refused.no_slots" : "registry.refused.unknown_slot",
      {{"document", document_id},
       {"kind", ctx.messages.Format("registry.document." + d->kind)},
       {"slot", slot},
       {"slots", JoinListArg(all)}}));
}

}  // namespace

Status EditCommand(Context& ctx) {
  std::string text = ctx.options.text;
  if (!ctx.options.text_file.empty()) {
    Result<std::string> read = ctx.fs.ReadFile(ctx.options.text_file, 1 << 20);
    if (!read) return read.error();
    text = *read;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  }
  PIPELINE_RETURN_IF_ERROR(CheckSlotPrinted(ctx, ctx.options.document_id, ctx.options.slot, text));
  PIPELINE_RETURN_IF_ERROR(ctx.registry.SetSlot(ctx.options.document_id, ctx.options.slot, text));
  return WriteDraft(ctx, ctx.options.document_id);
}

Status ReissueCommand(Context& ctx) {
  Result<std::string> id = ctx.registry.Redraft(ctx.options.document_id, ctx.actor);
  if (!id) return id.error();
  return WriteDraft(ctx, *id);
}

namespace {

// One line of archive verify, export or import: a message key with the file (relative to the
// folder) and the document it concerns; `problem` counts towards exit code 1.
struct ArchiveFinding {
  std::string key, file, document;
  bool problem = true;
};

void PrintFindings(Context& ctx, const std::vector<ArchiveFinding>& found) {
  for (const ArchiveFinding& f : found) {
    ctx.out << ctx.messages.Format(f.key, {{"file", f.file}, {"document", f.document}}) << "\n";
  }
}

std::size_t CountProblems(const std::vector<ArchiveFinding>& found) {
  return static_cast<std::size_t>(
      std::count_if(found.begin(), found.end(), [](const ArchiveFinding& f) { return f.problem; }));
}

// The folder archive verify and import read: DIR, else the archive root.
std::string ArchiveFolderOf(const Context& ctx) {
  return ctx.options.archive_folder.empty() ? ArchiveRoot(ctx) : ctx.options.archive_folder;
}

// An archive path as the registry records it is relative and stays inside the folder.
bool InsideFolder(const std::string& rel) {
  const std::filesystem::path p = std::filesystem::path(rel).lexically_normal();
  return !rel.empty() && p.is_relative() && !p.empty() && *p.begin() != "..";
}

// The registry's side of verify: each issued document's stored copy against the SHA-256
// recorded at issue. A document issued before the registry kept copies (schema 11) has none:
// listed, not a problem (its copy is the archive folder's file, checked with the folder).
Status CheckRegistryCopies(Context& ctx, const std::vector<DocumentDetail>& issued,
                           std::vector<ArchiveFinding>* found) {
  for (const DocumentDetail& d : issued) {
    Result<std::optional<std::string>> copy = ctx.registry.IssuedCopy(d.document_id);
    if (!copy) return copy.error();
    if (!*copy) {
      found->push_back({"registry.archive.only_in_folder", d.path, d.document_id, false});
    } else if (Sha256Hex(**copy) != d.sha256) {
      found->push_back({"registry.archive.registry_altered", d.path, d.document_id});
    }
  }
  return Status::Ok();
}

// The folder's side: every issued document's file against the registry's SHA-256 (missing,
// altered), and every other file in it (unregistered; beian's own catalogues excepted).
void CheckFolder(Context& ctx, const std::string& root, const std::vector<DocumentDetail>& issued,
                 std::vector<ArchiveFinding>* found) {
  std::set<std::string> registered;
  for (const DocumentDetail& d : issued) {
    registered.insert(d.path);
    Result<std::string> bytes = ReadAll(JoinPath(root, d.path));
    if (!bytes) {
      found->push_back({"registry.archive.missing", d.path, d.document_id});
    } else if (Sha256Hex(*bytes) != d.sha256) {
      found->push_back({"registry.archive.altered", d.path, d.document_id});
    }
  }
  std::error_code ec;
  std::vector<std::string> files;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory()) continue;
    const std::string name = it->path().filename().string();
    if (name == CatalogueFileName(ctx.messages, ".csv") ||
        name == CatalogueFileName(ctx.messages, ".xlsx")) {
      continue;  // beian's own catalogue
    }
    files.push_back(std::filesystem::relative(it->path(), root).string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    if (registered.count(f) == 0) found->push_back({"registry.archive.unregistered", f, ""});
  }
}

}  // namespace

Status ArchiveVerifyCommand(Context& ctx, bool* problems) {
  const std::string root = ArchiveFolderOf(ctx);
  std::error_code ec;
  const bool folder = std::filesystem::is_directory(root, ec);
  if (!folder && !ctx.options.archive_folder.empty()) {
    return Status::NotFound(ctx.messages.Format("registry.archive.no_folder", {{"root", root}}));
  }
  std::vector<ArchiveFinding> found;
  std::size_t count = 0;
  // One snapshot of the registry: the documents and their copies as of one moment.
  Status s = InTransaction(ctx.registry.storage(), TxMode::kRead, [&]() -> Status {
    found.clear();
    Result<std::vector<DocumentDetail>> issued = ctx.registry.IssuedDocuments();
    if (!issued) return issued.error();
    count = issued->size();
    PIPELINE_RETURN_IF_ERROR(CheckRegistryCopies(ctx, *issued, &found));
    if (folder) CheckFolder(ctx, root, *issued, &found);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  PrintFindings(ctx, found);
  const std::size_t n = CountProblems(found);
  const char* key =
      folder ? (n == 0 ? "registry.archive.ok" : "registry.archive.bad")
             : (n == 0 ? "registry.archive.registry_ok" : "registry.archive.registry_bad");
  ctx.out << ctx.messages.Format(key, {{"root", root},
                                       {"count", std::to_string(count)},
                                       {"problems", std::to_string(n)}})
          << "\n";
  *problems = n > 0;
  return Status::Ok();
}

// archive export DIR: the archive folder (DA/T 22: <authority>/<year>/ with the issued copies
// and the 归档文件目录) written from the registry's copies, whichever office issued them. Written
// into DIR.part-<pid> beside DIR, flushed, then put in DIR's place in one rename: a reader sees
// the old folder or the whole new one. The same registry gives the same bytes.
Status ArchiveExportCommand(Context& ctx, bool* problems) {
  const std::string& shown_target = ctx.options.archive_folder;
  std::error_code ec;
  std::filesystem::path target_path =
      std::filesystem::absolute(shown_target, ec).lexically_normal();
  if (!target_path.has_filename()) target_path = target_path.parent_path();  // "DIR/"
  const std::string target = target_path.string();
  if (std::filesystem::exists(target, ec)) {
    const bool is_dir = std::filesystem::is_directory(target, ec);
    const bool empty = is_dir && std::filesystem::is_empty(target, ec) && !ec;
    if (!is_dir || (!empty && !ctx.options.force)) {
      return Status::InvalidArgument(
          ctx.messages.Format("registry.archive.export_not_empty", {{"dir", shown_target}}));
    }
  }
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  const std::string staged = target + ".part-" + std::to_string(::getpid());
  const std::string parent = target_path.parent_path().string();
  std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IoError(ec.message(), parent);
  std::vector<ArchiveFinding> found;
  std::size_t written = 0;
  Status s = InTransaction(ctx.registry.storage(), TxMode::kRead, [&]() -> Status {
    found.clear();
    written = 0;
    PIPELINE_RETURN_IF_ERROR(RemoveTree(staged));
    std::filesystem::create_directories(staged, ec);
    if (ec) return Status::IoError(ec.message(), staged);
    Result<std::vector<DocumentDetail>> issued = ctx.registry.IssuedDocuments();
    if (!issued) return issued.error();
    std::set<std::pair<std::string, int>> catalogues;
    RealFileSystem rfs;
    for (const DocumentDetail& d : *issued) {
      if (std::optional<Date> date = ParseIsoDate(d.doc_date)) {
        catalogues.insert({d.authority, date->year});
      }
      if (!InsideFolder(d.path)) {
        found.push_back({"registry.archive.bad_path", d.path, d.document_id});
        continue;
      }
      Result<std::optional<std::string>> copy = ctx.registry.IssuedCopy(d.document_id);
      if (!copy) return copy.error();
      if (!*copy) {
        found.push_back({"registry.archive.export_missing", d.path, d.document_id});
        continue;
      }
      if (Sha256Hex(**copy) != d.sha256) {
        found.push_back({"registry.archive.registry_altered", d.path, d.document_id});
        continue;
      }
      const std::string file = JoinPath(staged, d.path);
      std::filesystem::create_directories(std::filesystem::path(file).parent_path(), ec);
      if (ec) return Status::IoError(ec.message(), file);
      PIPELINE_RETURN_IF_ERROR(rfs.WriteFile(file, **copy));
      ++written;
    }
    for (const auto& [authority, year] : catalogues) {
      PIPELINE_RETURN_IF_ERROR(WriteCatalogueOf(ctx, *setup, *issued, staged, authority, year));
    }
    return Status::Ok();
  });
  if (s.ok()) s = SyncFileSystem(staged);
  if (s.ok()) FaultPoint("before_final_rename");  // DIR is still the old folder
  if (s.ok()) s = ReplaceDir(staged, target);
  if (!s.ok()) {
    RemoveTree(staged);
    return s;
  }
  PIPELINE_RETURN_IF_ERROR(SyncToDisk(target, parent));
  PrintFindings(ctx, found);
  ctx.out << ctx.messages.Format("registry.archive.exported",
                                 {{"dir", shown_target},
                                  {"count", std::to_string(written)},
                                  {"problems", std::to_string(CountProblems(found))}})
          << "\n";
  *problems = CountProblems(found) > 0;
  return Status::Ok();
}

// archive import [DIR]: the copies of documents issued before the registry kept them, read
// from the archive folder and stored when their SHA-256 is the one recorded at issue.
Status ArchiveImportCommand(Context& ctx, bool* problems) {
  const std::string root = ArchiveFolderOf(ctx);
  Result<std::vector<DocumentDetail>> issued = ctx.registry.IssuedDocuments();
  if (!issued) return issued.error();
  std::vector<ArchiveFinding> found;
  std::size_t stored = 0;
  for (const DocumentDetail& d : *issued) {
    Result<std::optional<std::string>> copy = ctx.registry.IssuedCopy(d.document_id);
    if (!copy) return copy.error();
    if (*copy) continue;
    Result<std::string> bytes = ReadAll(JoinPath(root, d.path));
    if (!bytes) {
      found.push_back({"registry.archive.missing", d.path, d.document_id});
    } else if (Sha256Hex(*bytes) != d.sha256) {
      found.push_back({"registry.archive.altered", d.path, d.document_id});
    } else {
      PIPELINE_RETURN_IF_ERROR(ctx.registry.StoreIssuedCopy(d.document_id, *bytes));
      ++stored;
    }
  }
  PrintFindings(ctx, found);
  ctx.out << ctx.messages.Format("registry.archive.imported",
                                 {{"root", root},
                                  {"count", std::to_string(stored)},
                                  {"problems", std::to_string(found.size())}})
          << "\n";
  *problems = !found.empty();
  return Status::Ok();
}

// Where the 补正 deadline of a returned case counts from (office setting
// correction_deadline_from): the delivery of the current version's 补正材料通知书 recorded by
// beian served ("served"), or for doc_date that notice's date ("notice_date"); without either,
// the day the case was returned ("returned").
struct CorrectionStart {
  std::optional<Date> date;
  std::string basis;
};

Result<CorrectionStart> CorrectionStartOf(Context& ctx, const report::OfficeSettings& office,
                                          const CaseRecord& c) {
  Result<std::vector<Row>> rows = ctx.registry.storage().Query(
      "SELECT MAX(d.served_on), MAX(d.created_on) FROM documents d JOIN document_cases dc "
      "ON dc.document_id = d.document_id JOIN dossier_versions v ON v.case_id = dc.case_id "
      "AND v.version = ? WHERE dc.case_id = ? AND d.kind = 'correction_notice' "
      "AND d.created_on >= v.received_on",
      {std::int64_t{c.current_version}, c.case_id});
  if (!rows) return rows.error();
  const Row* r = rows->empty() ? nullptr : &rows->front();
  const bool from_delivery = office.correction_deadline_from == "delivery";
  const std::size_t column = from_delivery ? 0 : 1;
  if (r != nullptr && !std::holds_alternative<std::monostate>((*r)[column])) {
    return CorrectionStart{ParseIsoDate(AsText((*r)[column])),
                           from_delivery ? "served" : "notice_date"};
  }
  return CorrectionStart{ParseIsoDate(c.stage_since), "returned"};
}

Status DueCommand(Context& ctx) {
  const Date today = ctx.actor.today;
  const Date until = today.AddDays(ctx.options.within_days);
  const std::string from_iso = today.ToIso(), until_iso = until.ToIso();
  Result<DocumentSetup> setup = LoadSetup(ctx);
  if (!setup) return setup.error();
  struct Item {
    std::string date, kind, ref, institution;
    std::string basis;  // 补正: `served` (from delivery) or `returned` (no delivery recorded)
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
      items.push_back({window.ToIso(), "renewal_window_closes", AsText(r[0]), AsText(r[2]), ""});
    }
    if (*end >= today && *end <= until) {
      items.push_back({end->ToIso(), "validity_ends", AsText(r[0]), AsText(r[2]), ""});
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
    items.push_back({AsText(r[1]), "publicity_ends", AsText(r[0]), AsText(r[2]), ""});
  }
  Result<std::vector<CaseRecord>> open = ctx.registry.OpenCases();
  if (!open) return open.error();
  for (const CaseRecord& c : *open) {
    if (c.stage != Stage::kReturned) continue;
    // No 补正 deadline set (office.json correction_deadline_working_days null): nothing falls due.
    if (setup->office.correction_deadline_working_days <= 0) continue;
    Result<CorrectionStart> start = CorrectionStartOf(ctx, setup->office, c);
    if (!start) return start.error();
    const std::optional<Date>& since = start->date;
    if (!since || !ctx.calendar.Covers(*since)) continue;
    const Date deadline =
        ctx.calendar.AddWorkingDays(*since, setup->office.correction_deadline_working_days);
    const std::string& basis = start->basis;
    if (deadline < today) {
      items.push_back(
          {deadline.ToIso(), "correction_overdue", c.case_id, c.institution_name, basis});
    } else if (deadline <= until) {
      items.push_back({deadline.ToIso(), "correction_due", c.case_id, c.institution_name, basis});
    }
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.date < b.date; });
  if (ctx.options.json) {
    json j = {{"from", from_iso}, {"until", until_iso}, {"items", json::array()}};
    for (const Item& i : items) {
      j["items"].push_back(
          {{"date", i.date}, {"kind", i.kind}, {"ref", i.ref}, {"institution", i.institution}});
      if (!i.basis.empty()) j["items"].back()["counted_from"] = i.basis;
    }
    ctx.out << j.dump(2) << "\n";
    return Status::Ok();
  }
  const report::MessageCatalog& m = ctx.messages;
  std::vector<std::vector<std::string>> rows = {
      {m.Format("registry.col.date"), m.Format("registry.col.due"), m.Format("registry.col.ref"),
       m.Format("registry.col.institution")}};
  for (const Item& i : items) {
    std::string what = Word(m, "registry.due.", i.kind);
    if (!i.basis.empty()) what += m.Format("registry.due.basis." + i.basis);
    rows.push_back({i.date, what, i.ref, i.institution});
  }
  if (!ctx.options.xlsx_path.empty()) {
    std::vector<std::string> header = rows.front();
    rows.erase(rows.begin());
    PIPELINE_RETURN_IF_ERROR(WriteSheet(ctx.options.xlsx_path, m.Format("registry.due.sheet"),
                                        header, rows, {12, 30, 14, 36}, today));
    ctx.out << m.Format("registry.written", {{"file", ctx.options.xlsx_path}}) << "\n";
    return Status::Ok();
  }
  if (items.empty()) {
    ctx.out << m.Format("registry.due.none", {{"until", until_iso}}) << "\n";
  } else {
    ctx.out << report::AlignedTable(rows);
  }
  return Status::Ok();
}

// The institutions whose filing is in force on --date (default today): the period holding the
// date (a renewed filing's old period until its end, the renewal's from the day after), not
// ended by a termination recorded on or before it; with 备案编号 and occupations.
Status FiledCommand(Context& ctx) {
  const report::MessageCatalog& m = ctx.messages;
  const std::string on = ctx.actor.today.ToIso();
  // --authority of a 市（州） office: the filings of the cases it received; the province: all.
  const std::string office = ctx.options.authority.value_or("");
  const bool one_office = !office.empty() && office != model::kProvinceAuthority;
  std::vector<Value> params = {on, on, on};
  if (one_office) params.push_back(office);
  Result<std::vector<Row>> found = ctx.registry.storage().Query(
      std::string("SELECT i.name, f.uscc, f.filing_number, o.name, o.work_type, o.code, o.levels, "
                  "f.valid_from, f.valid_until FROM filings f JOIN institutions i ON i.uscc = "
                  "f.uscc JOIN filing_occupations o ON o.filing_id = f.filing_id JOIN cases c ON "
                  "c.case_id = f.case_id WHERE f.valid_from <= ? AND f.valid_until >= ? AND NOT "
                  "EXISTS (SELECT 1 FROM stage_history h WHERE h.action IN ('terminate_ordered', "
                  "'terminate_voluntary') AND h.note = f.filing_id AND h.acted_on <= ?)") +
          (one_office ? " AND c.authority = ?" : "") + " ORDER BY f.uscc, o.seq",
      params);
  if (!found) return found.error();
  std::vector<std::vector<std::string>> rows;
  for (const Row& r : *found) {
    std::string occupation = AsText(r[3]);
    if (!AsText(r[4]).empty())
      occupation += m.Format("registry.filed.work_type", {{"work_type", AsText(r[4])}});
    rows.push_back({AsText(r[0]), AsText(r[1]), AsText(r[2]), occupation, AsText(r[5]),
                    report::LevelsText(LevelsFromCsv(AsText(r[6])), m), AsText(r[7]),
                    AsText(r[8])});
  }
  std::vector<std::string> header = {
      m.Format("registry.col.institution"),   m.Format("registry.col.uscc"),
      m.Format("registry.col.filing_number"), m.Format("registry.col.occupation"),
      m.Format("registry.col.code"),          m.Format("registry.col.levels"),
      m.Format("registry.col.valid_from"),    m.Format("registry.col.valid_until")};
  if (!ctx.options.xlsx_path.empty()) {
    PIPELINE_RETURN_IF_ERROR(WriteSheet(ctx.options.xlsx_path, m.Format("registry.filed.sheet"),
                                        header, rows, {36, 22, 22, 30, 12, 16, 12, 12},
                                        ctx.actor.today));
    ctx.out << m.Format("registry.written", {{"file", ctx.options.xlsx_path}}) << "\n";
    return Status::Ok();
  }
  rows.insert(rows.begin(), header);
  ctx.out << report::AlignedTable(rows);
  return Status::Ok();
}

}  // namespace pipeline::registry
