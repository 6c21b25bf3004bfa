#include "pipeline/ingest/ingest.h"

#include <algorithm>
#include <csignal>
#include <functional>
#include <utility>

#include "pipeline/core/fault.h"
#include "pipeline/core/text.h"
#include "pipeline/core/utf8.h"
#include "pipeline/ingest/archives.h"
#include "pipeline/ingest/file_probe.h"
#include "pipeline/ingest/findings.h"
#include "pipeline/ingest/form_reader.h"
#include "pipeline/ingest/form_values.h"
#include "pipeline/ingest/name_decoding.h"

namespace pipeline::ingest {
namespace {

using model::Dossier;
using model::DossierFile;
using model::FileHealth;
using model::Finding;
using model::Severity;

struct Walker {
  const FileSystem& fs;
  const FormLabels& labels;
  const Limits& limits;
  Dossier& d;
  bool depth_reported = false;
  bool files_reported = false;

  // `decoded`: the name as shown (a GBK name decoded); ING-021 only when it could not be.
  void CheckName(const DecodedName& decoded, const std::string& display_rel) {
    if (decoded.encoding == std::string_view("unknown")) {
      AddFinding(d, "ING-021", Severity::kReview, "ingest.name_not_utf8", {{"file", display_rel}},
                 display_rel);
    }
    std::size_t length = Utf8Length(decoded.text);
    if (length > limits.max_name_chars) {
      AddFinding(d, "ING-022", Severity::kReview, "ingest.name_too_long",
                 {{"file", display_rel},
                  {"length", std::to_string(length)},
                  {"limit", std::to_string(limits.max_name_chars)}},
                 display_rel);
    }
  }

  // `limit` names the cap ("max_depth" | "max_files"; worded by the message catalogue).
  void ReportLimit(bool& reported, const std::string& display_rel, const std::string& limit,
                   std::size_t value) {
    if (reported) return;
    reported = true;
    AddFinding(d, "ING-006", Severity::kReview, "ingest.walk_limit",
               {{"file", display_rel}, {"limit", limit}, {"value", std::to_string(value)}},
               display_rel);
  }

  // `rel_dir`: raw bytes; `name_dir`: the same path with each name decoded.
  void Walk(const std::string& rel_dir, const std::string& name_dir, int depth) {
    Result<std::vector<DirEntry>> entries = fs.ListDir(JoinPath(d.root, rel_dir));
    if (!entries) {
      std::string shown = DisplayPath(rel_dir);
      AddFinding(d, "ING-004", Severity::kBlocking, "ingest.unreadable",
                 {{"file", shown}, {"detail", entries.error().message()}}, shown);
      return;
    }
    for (const DirEntry& e : *entries) {
      std::string rel = JoinPath(rel_dir, e.name);
      const DecodedName decoded = DecodeDiskName(e.name);
      const std::string name = JoinPath(name_dir, decoded.text);
      std::string shown = DisplayPath(name);
      if (IsIgnoredName(e.name)) {
        d.ignored.push_back(shown);
        continue;
      }
      CheckName(decoded, shown);
      switch (e.type) {
        case EntryType::kSymlink:
          AddFinding(d, "ING-020", Severity::kReview, "ingest.symlink_not_followed",
                     {{"file", shown}}, shown);
          break;
        case EntryType::kDirectory:
          if (depth + 1 > limits.max_depth) {
            ReportLimit(depth_reported, shown, "max_depth",
                        static_cast<std::size_t>(limits.max_depth));
          } else {
            Walk(rel, name, depth + 1);
          }
          break;
        case EntryType::kFile:
          // Names are cheap: files are listed far past the content-probing cap (max_files);
          // only past max_listed_files are they left out, and that is reported. The form is
          // kept anyway, so a crowded folder is not also "without a form".
          if (d.files.size() >= limits.max_listed_files && !labels.NamesForm(decoded.text)) {
            ReportLimit(files_reported, shown, "max_listed_files", limits.max_listed_files);
          } else {
            DossierFile f;
            f.path = rel;
            f.name = name;
            f.display_path = shown;
            f.name_encoding = decoded.encoding;
            f.size = e.size;
            d.files.push_back(std::move(f));
          }
          break;
        case EntryType::kOther:
          AddFinding(d, "ING-005", Severity::kReview, "ingest.special_file", {{"file", shown}},
                     shown);
          break;
      }
    }
  }
};

struct HealthRule {
  FileHealth health;
  const char* rule;
  Severity severity;
  const char* message;
};

// NOTE: do not renumber; rule IDs appear in issued reports.
constexpr HealthRule kHealthRules[] = {
    {FileHealth::kEmpty, "ING-030", Severity::kReview, "ingest.file_empty"},
    {FileHealth::kCorrupt, "ING-031", Severity::kReview, "ingest.file_corrupt"},
    {FileHealth::kTruncated, "ING-032", Severity::kReview, "ingest.file_truncated"},
    {FileHealth::kWrongFormat, "ING-033", Severity::kReview, "ingest.file_wrong_format"},
    {FileHealth::kEncrypted, "ING-034", Severity::kReview, "ingest.file_encrypted"},
    {FileHealth::kTooLarge, "ING-035", Severity::kReview, "ingest.file_too_large"},
    {FileHealth::kUnsupported, "ING-036", Severity::kReview, "ingest.file_unsupported"},
};

void AddHealthFinding(Dossier& d, const DossierFile& f) {
  for (const HealthRule& r : kHealthRules) {
    if (r.health != f.health) continue;
    AddFinding(d, r.rule, r.severity, r.message,
               {{"file", f.display_path},
                {"format", model::FileFormatName(f.format)},
                {"kind", model::FileFormatLabel(f.format)},
                {"detail", f.health_detail}},
               f.display_path);
    return;
  }
}

// True when an archive left as a file has its finding from OpenArchives (ING-037) rather than
// from its probe: every .7z or .rar, and a zip whose structure is sound (the probe sees a zip
// archive, "unsupported file", which would ask for PDF or Office files instead).
bool HealthSaidByArchive(const DossierFile& f) {
  const std::string archive = ArchiveFormatOf(f.path);
  if (archive == "7z" || archive == "rar") return true;
  return archive == "zip" && f.health == FileHealth::kUnsupported &&
         f.format == model::FileFormat::kOther;
}

std::function<void(const std::string&)>& OpeningObserver() {
  static std::function<void(const std::string&)> observer;
  return observer;
}

// While alive, the opening observer knows ingest is reading `path` (SetOpeningObserver).
class OpeningFile {
 public:
  explicit OpeningFile(const std::string& path) { Tell(path); }
  ~OpeningFile() { Tell(""); }
  OpeningFile(const OpeningFile&) = delete;
  OpeningFile& operator=(const OpeningFile&) = delete;

 private:
  static void Tell(const std::string& path) {
    if (OpeningObserver()) OpeningObserver()(path);
  }
};

// Reads and probes one file; returns its bytes when `keep` (the form) and readable. A file a
// reader died on before is corrupt without reading it; `crash_file:TEXT` (core/fault.h) kills
// the process on a file whose path under the intake contains TEXT, as a crashing reader would.
std::string ProbeOne(DossierFileReader& reader, DossierFile& f, const Limits& limits, bool keep) {
  if (reader.IsUnreadable(f.path)) {
    f.format = FormatFromExtension(f.path);
    f.health = FileHealth::kCorrupt;
    f.health_detail = "a reader died on this file; not read again";
    return {};
  }
  if (FaultRequested("crash_file", JoinPath(reader.root(), f.path))) std::raise(SIGSEGV);
  if (f.size > limits.max_file_bytes) {
    f.format = FormatFromExtension(f.path);
    f.health = FileHealth::kTooLarge;
    f.health_detail =
        std::to_string(f.size) + " bytes, cap " + std::to_string(limits.max_file_bytes);
    return {};
  }
  Result<std::string> bytes = reader.Read(f);
  if (!bytes) {
    f.format = FormatFromExtension(f.path);
    f.health = FileHealth::kCorrupt;
    f.health_detail = "unreadable: " + bytes.error().message();
    return {};
  }
  Probe p = ProbeFile(f.path, *bytes, limits);
  f.format = p.format;
  f.health = p.health;
  f.health_detail = std::move(p.detail);
  f.pages = f.format == model::FileFormat::kPdf && f.health == FileHealth::kOk ? p.pages : 0;
  return keep ? std::move(*bytes) : std::string();
}

std::size_t Depth(const std::string& path) {
  return static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
}

void ReadForm(DossierFileReader& reader, Dossier& d, std::size_t index, const FormLabels& labels,
              const Limits& limits) {
  DossierFile& f = d.files[index];
  const OpeningFile opening(f.path);
  std::string bytes = ProbeOne(reader, f, limits, /*keep=*/true);
  auto unreadable = [&](const std::string& health, const std::string& detail) {
    AddFinding(d, "ING-012", Severity::kBlocking, "ingest.form_unreadable",
               {{"file", f.display_path}, {"health", health}, {"detail", detail}}, f.display_path);
  };
  if (f.health != FileHealth::kOk) {
    unreadable(model::FileHealthName(f.health), f.health_detail);
    return;
  }
  Result<model::FormData> form = f.format == model::FileFormat::kXml
                                     ? ReadXmlForm(bytes, f.display_path, limits)
                                     : ReadDocxForm(bytes, f.display_path, labels, limits);
  if (!form) {
    unreadable(model::FileHealthName(FileHealth::kCorrupt), form.error().message());
    return;
  }
  TidyFormValues(*form, labels);
  bool fatal = false;
  for (const model::LimitHit& hit : form->limit_hits) {
    fatal = fatal || hit.fatal;
    AddFinding(d, hit.fatal ? "ING-018" : "ING-019",
               hit.fatal ? Severity::kBlocking : Severity::kReview,
               hit.fatal ? "ingest.form_over_limit" : "ingest.form_part_over_limit",
               {{"file", f.display_path}, {"limit", hit.limit}, {"value", hit.value}},
               f.display_path, hit.location);
  }
  if (fatal) {
    form->cells.clear();  // not read: the dossier is checked for materials only
    d.form = std::move(*form);
    return;
  }
  if (form->cells.empty()) {
    AddFinding(d, "ING-013", Severity::kBlocking, "ingest.form_no_fields",
               {{"file", f.display_path}}, f.display_path);
  }
  if (!form->unknown_labels.empty()) {
    AddFinding(d, "ING-014", Severity::kReview, "ingest.form_unknown_labels",
               {{"file", f.display_path}, {"labels", JoinListArg(form->unknown_labels)}},
               f.display_path);
  }
  if (!form->unread_occupation_rows.empty()) {
    std::string where;
    for (const std::string& l : form->unread_occupation_rows)
      where += (where.empty() ? "" : ", ") + l;
    AddFinding(d, "ING-014", Severity::kReview, "ingest.occupation_table_unrecognised",
               {{"file", f.display_path}, {"rows", where}}, f.display_path,
               form->unread_occupation_rows.front());
  }
  // The same field written twice with different values: downstream reads the first.
  for (std::size_t i = 0; i < form->cells.size(); ++i) {
    const model::FormCell& a = form->cells[i];
    for (std::size_t j = i + 1; j < form->cells.size(); ++j) {
      const model::FormCell& b = form->cells[j];
      if (a.field != b.field || a.value == b.value || b.value.empty()) continue;
      Finding finding;
      finding.rule_id = "ING-015";
      finding.severity = Severity::kReview;
      finding.message = "ingest.form_field_conflict";
      finding.args = {{"file", f.display_path},
                      {"field", model::FormFieldName(a.field)},
                      {"first", a.value},
                      {"second", b.value}};
      finding.evidence = {a.where, b.where};
      d.findings.push_back(std::move(finding));
      break;
    }
  }
  d.form = std::move(*form);
}

// Ignored system and temporary files (Thumbs.db, desktop.ini, shortcuts, Office lock files)
// get one info note, so nothing in the folder disappears silently. Hidden dot-files, which
// the applicant's own system does not show either, are only listed in Dossier::ignored.
void ReportIgnored(Dossier& d) {
  std::string listed;
  for (const std::string& shown : d.ignored) {
    const std::string base = BaseName(shown);
    if (!base.empty() && base.front() == '.') continue;
    listed += (listed.empty() ? "" : "; ") + shown;
  }
  if (listed.empty()) return;
  AddFinding(d, "ING-007", Severity::kInfo, "ingest.files_ignored", {{"files", listed}});
}

// A form is blank when it names no institution, no credit code, no legal representative and
// no occupation: the untouched template next to the filled one.
bool IsBlankForm(const model::FormData& form) {
  for (model::FormField f :
       {model::FormField::kInstitutionName, model::FormField::kUnifiedCreditCode,
        model::FormField::kLegalRepresentative}) {
    const model::FormCell* c = form.Find(f);
    if (c != nullptr && !c->value.empty()) return false;
  }
  return std::all_of(
      form.occupations.begin(), form.occupations.end(),
      [](const model::OccupationRow& o) { return o.code.empty() && o.name.empty(); });
}

bool SameForm(const model::FormData& a, const model::FormData& b) {
  if (a.cells.size() != b.cells.size() || a.occupations.size() != b.occupations.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    if (a.cells[i].field != b.cells[i].field || a.cells[i].value != b.cells[i].value) return false;
  }
  for (std::size_t i = 0; i < a.occupations.size(); ++i) {
    const auto& x = a.occupations[i];
    const auto& y = b.occupations[i];
    if (x.code != y.code || x.name != y.name || x.levels != y.levels) return false;
  }
  return true;
}

// One form candidate read on its own: the file's probed state, the form and its findings.
struct Candidate {
  std::size_t index = 0;
  Dossier read;  // files[0]: the probed file; form, findings: what ReadForm found
  bool filled() const { return read.form.has_value() && !IsBlankForm(*read.form); }
};

Candidate ReadCandidate(DossierFileReader& reader, const Dossier& d, std::size_t index,
                        const FormLabels& labels, const Limits& limits) {
  Candidate c;
  c.index = index;
  c.read.root = d.root;
  c.read.files = {d.files[index]};
  ReadForm(reader, c.read, 0, labels, limits);
  return c;
}

// No .docx/.xml form, but a file named as the form in a format beian cannot read (.doc, .wps,
// a scanned PDF or photo): the dossier has no usable form; ask for it as .docx or .xml.
bool ReportUnreadableFormFormat(Dossier& d, const FormLabels& labels) {
  for (const DossierFile& f : d.files) {
    if (!labels.NamesForm(BaseName(f.title_path()))) continue;
    AddFinding(
        d, "ING-016", Severity::kBlocking, "ingest.form_format_not_readable",
        {{"file", f.display_path}, {"format", model::FileFormatName(FormatFromExtension(f.path))}},
        f.display_path);
    return true;
  }
  return false;
}

// Finds the form: every .docx/.xml named as the form is read (shallowest first, then by
// path); the first filled one is used, blank copies are ignored with an info note, and two
// different filled forms are ING-011. Marks the chosen file is_form and the read ones probed.
void ChooseForm(DossierFileReader& reader, Dossier& d, const FormLabels& labels,
                const Limits& limits, std::vector<bool>& probed) {
  std::vector<std::size_t> forms;
  for (std::size_t i = 0; i < d.files.size(); ++i) {
    if (labels.IsFormFileName(BaseName(d.files[i].title_path()))) forms.push_back(i);
  }
  std::stable_sort(forms.begin(), forms.end(), [&](std::size_t a, std::size_t b) {
    return Depth(d.files[a].path) < Depth(d.files[b].path);
  });
  if (forms.empty()) {
    if (!ReportUnreadableFormFormat(d, labels)) {
      AddFinding(d, "ING-010", Severity::kBlocking, "ingest.form_missing", {});
    }
    return;
  }
  std::vector<Candidate> read;
  for (std::size_t i : forms) read.push_back(ReadCandidate(reader, d, i, labels, limits));
  std::vector<const Candidate*> filled;
  for (const Candidate& c : read) {
    if (!c.filled()) continue;
    const bool copy = std::any_of(filled.begin(), filled.end(), [&](const Candidate* f) {
      return SameForm(*f->read.form, *c.read.form);
    });
    if (!copy) filled.push_back(&c);
  }
  // Without a filled form: the first one that has labelled cells at all, else the first.
  const Candidate* fallback = &read.front();
  for (const Candidate& c : read) {
    if (c.read.form.has_value() && !c.read.form->cells.empty()) {
      fallback = &c;
      break;
    }
  }
  const Candidate& used = filled.empty() ? *fallback : *filled.front();
  for (const Candidate& c : read) {
    d.files[c.index] = c.read.files.front();
    probed[c.index] = true;
    if (&c == &used) continue;
    DossierFile& f = d.files[c.index];
    if (c.read.form.has_value() && c.read.form->cells.empty()) {
      continue;  // no form labels at all (`申请表填写说明.docx`): an attachment, not a form
    }
    if (c.read.form.has_value() && !c.filled()) {
      AddFinding(d, "ING-017", Severity::kInfo, "ingest.form_blank_ignored",
                 {{"file", f.display_path}, {"used", used.read.files.front().display_path}},
                 f.display_path);
    } else if (f.health != FileHealth::kOk) {
      AddHealthFinding(d, f);
    }
  }
  if (filled.size() > 1) {
    std::string joined;
    Finding f;
    for (const Candidate* c : filled) {
      const std::string& shown = c->read.files.front().display_path;
      joined += (joined.empty() ? "" : "; ") + shown;
      f.evidence.push_back({shown, ""});
    }
    f.rule_id = "ING-011";
    f.severity = Severity::kBlocking;
    f.message = "ingest.form_multiple";
    f.args = {{"files", joined}, {"used", used.read.files.front().display_path}};
    d.findings.push_back(std::move(f));
  }
  d.files[used.index].is_form = true;
  d.findings.insert(d.findings.end(), used.read.findings.begin(), used.read.findings.end());
  d.form = used.read.form;
}

// Probes every other file: shallow files first, so a crowd of photos in a sub-folder does not
// push the materials at the top past the cap. Past Limits::max_files a file is listed by name
// only (DossierFile::probed = false), with one ING-006 naming the folder and the cap.
void ProbeAttachments(DossierFileReader& reader, Dossier& d, const Limits& limits,
                      std::vector<bool>& probed) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < d.files.size(); ++i) {
    if (!probed[i]) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return Depth(d.files[a].path) < Depth(d.files[b].path);
  });
  std::size_t count = d.files.size() - order.size();
  std::size_t skipped = 0;
  for (std::size_t i : order) {
    DossierFile& f = d.files[i];
    if (count >= limits.max_files) {
      f.probed = false;
      f.format = FormatFromExtension(f.path);
      ++skipped;
      continue;
    }
    ++count;
    {
      const OpeningFile opening(f.path);
      ProbeOne(reader, f, limits, /*keep=*/false);
    }
    if (!HealthSaidByArchive(f)) AddHealthFinding(d, f);
  }
  if (skipped > 0) {
    AddFinding(d, "ING-006", Severity::kReview, "ingest.probe_limit",
               {{"folder", d.name},
                {"count", std::to_string(d.files.size())},
                {"value", std::to_string(limits.max_files)},
                {"skipped", std::to_string(skipped)}});
  }
}

// An archive dossier (IsArchiveDossier): its one file, the archive itself, named as on disk
// (decoded), for OpenArchives to open.
void ListArchiveDossier(const FileSystem& fs, const IntakeEntry& entry, Walker& walker) {
  Dossier& d = walker.d;
  const DecodedName decoded = DecodeDiskName(entry.name);
  const std::string shown = DisplayPath(decoded.text);
  walker.CheckName(decoded, shown);
  Result<DirEntry> st = fs.Stat(entry.path);
  if (!st) {
    AddFinding(d, "ING-004", Severity::kBlocking, "ingest.unreadable",
               {{"file", shown}, {"detail", st.error().message()}}, shown);
    return;
  }
  DossierFile f;
  f.path = entry.name;
  f.name = decoded.text;
  f.display_path = shown;
  f.name_encoding = decoded.encoding;
  f.size = st->size;
  d.files.push_back(std::move(f));
}

// After OpenArchives: true when the archive dossier's archive did not give way to its files
// (damaged, encrypted, over a cap, or nothing in it to read). Its health is probed (ING-03x;
// a .7z or .rar has ING-037 already) and ING-038 says that nothing in it was checked.
bool UnopenedArchiveDossier(DossierFileReader& reader, Dossier& d, const IntakeEntry& entry,
                            const Limits& limits) {
  const auto it = std::find_if(d.files.begin(), d.files.end(),
                               [&](const DossierFile& f) { return f.path == entry.name; });
  if (it == d.files.end() && !d.files.empty()) return false;
  std::string shown = d.name;
  if (it != d.files.end()) {
    shown = it->display_path;
    {
      const OpeningFile opening(it->path);
      ProbeOne(reader, *it, limits, /*keep=*/false);
    }
    if (!HealthSaidByArchive(*it)) AddHealthFinding(d, *it);
  }
  AddFinding(d, "ING-038", Severity::kBlocking, "ingest.dossier_archive_unreadable",
             {{"entry", shown}}, shown);
  return true;
}

}  // namespace

bool IsIgnoredName(std::string_view name) {
  if (name.empty()) return true;
  if (name.front() == '.' || name.front() == '~') return true;
  std::string lower = AsciiLower(name);
  if (lower == "thumbs.db" || lower == "ehthumbs.db" || lower == "desktop.ini" ||
      lower == "__macosx") {
    return true;
  }
  // Windows shortcuts point elsewhere; they are never material themselves.
  if (lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".lnk") == 0) return true;
  return lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".tmp") == 0;
}

bool IsArchiveDossier(const IntakeEntry& entry) {
  return entry.type == EntryType::kFile && !ArchiveFormatOf(entry.name).empty();
}

std::string DossierDisplayName(std::string_view raw_name, EntryType type) {
  std::string_view stem = raw_name;
  if (type == EntryType::kFile && !ArchiveFormatOf(raw_name).empty()) {
    stem = raw_name.substr(0, raw_name.rfind('.'));
  }
  return DisplayPath(DecodeDiskName(stem).text);
}

Result<std::vector<IntakeEntry>> ScanIntake(const FileSystem& fs, const std::string& intake_dir) {
  Result<std::vector<DirEntry>> entries = fs.ListDir(intake_dir);
  if (!entries) return entries.error().WithContext("scanning intake");
  std::vector<IntakeEntry> out;
  for (const DirEntry& e : *entries) {
    if (IsIgnoredName(e.name)) continue;
    out.push_back(IntakeEntry{
        e.name, DossierDisplayName(e.name, e.type), JoinPath(intake_dir, e.name), e.type, {}});
  }
  std::sort(out.begin(), out.end(),
            [](const IntakeEntry& a, const IntakeEntry& b) { return a.name < b.name; });
  return out;
}

model::Dossier LoadDossier(const FileSystem& fs, const IntakeEntry& entry, const FormLabels& labels,
                           const Limits& limits) {
  Dossier d;
  d.name = entry.display_name.empty() ? DisplayPath(entry.name) : entry.display_name;
  d.root = entry.path;
  const bool archive = IsArchiveDossier(entry);
  switch (entry.type) {
    case EntryType::kSymlink:
      AddFinding(d, "ING-002", Severity::kBlocking, "ingest.intake_symlink", {{"entry", d.name}});
      return d;
    case EntryType::kFile:
    case EntryType::kOther:
      if (archive) break;
      AddFinding(d, "ING-001", Severity::kBlocking, "ingest.not_a_folder", {{"entry", d.name}});
      return d;
    case EntryType::kDirectory:
      break;
  }

  Walker walker{fs, labels, limits, d};
  if (archive) {
    // The archive is the dossier's one file, read from the intake beside it, and gives way to
    // its files as an archive in a folder does.
    d.root = DirName(entry.path);
    ListArchiveDossier(fs, entry, walker);
  } else {
    if (DecodeDiskName(entry.name).encoding == std::string_view("unknown")) {
      AddFinding(d, "ING-021", Severity::kReview, "ingest.name_not_utf8", {{"file", d.name}});
    }
    walker.Walk("", "", 0);
    std::sort(d.files.begin(), d.files.end(),
              [](const DossierFile& a, const DossierFile& b) { return a.path < b.path; });
  }
  DossierFileReader reader(fs, d.root, limits);
  reader.SetUnreadable(entry.unreadable);
  OpenArchives(reader, d, limits);
  std::sort(d.ignored.begin(), d.ignored.end());
  if (archive && UnopenedArchiveDossier(reader, d, entry, limits)) return d;
  if (d.files.empty()) {
    bool unreadable = std::any_of(d.findings.begin(), d.findings.end(),
                                  [](const Finding& f) { return f.rule_id == "ING-004"; });
    if (!unreadable) {
      AddFinding(d, "ING-003", Severity::kBlocking, "ingest.empty_folder", {{"entry", d.name}});
    }
    return d;
  }

  ReportIgnored(d);
  std::vector<bool> probed(d.files.size(), false);
  ChooseForm(reader, d, labels, limits, probed);
  ProbeAttachments(reader, d, limits, probed);
  return d;
}

void SetOpeningObserver(std::function<void(const std::string& path)> observer) {
  OpeningObserver() = std::move(observer);
}

}  // namespace pipeline::ingest
