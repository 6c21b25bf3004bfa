#include "pipeline/completeness/checklist.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <pugixml.hpp>
#include <set>
#include <string_view>

#include "pipeline/core/utf8.h"
#include "pipeline/core/xml.h"

namespace pipeline::completeness {
namespace {

using model::ApplicantType;
using model::ApplicationKind;
using model::FileFormat;

// Format names accepted in `formats="..."`; the same spelling as model::FileFormatName.
constexpr FileFormat kKnownFormats[] = {
    FileFormat::kPdf, FileFormat::kJpeg, FileFormat::kPng,  FileFormat::kDocx, FileFormat::kXlsx,
    FileFormat::kXml, FileFormat::kOfd,  FileFormat::kTiff, FileFormat::kHeic, FileFormat::kWebp,
    FileFormat::kDoc, FileFormat::kXls,  FileFormat::kPpt};

// Words of a vocabulary list, normalised like titles.
std::vector<std::string> TitleWords(std::string_view s);

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() &&
           (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == ',')) {
      ++i;
    }
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r' &&
           s[j] != ',') {
      ++j;
    }
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<std::string> TitleWords(std::string_view s) {
  std::vector<std::string> out;
  for (const std::string& w : SplitWords(s)) {
    std::string n = NormaliseTitleText(w);
    if (!n.empty()) out.push_back(std::move(n));
  }
  return out;
}

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::shared_ptr<const re2::RE2> Compile(const std::string& pattern, std::string* error) {
  re2::RE2::Options options;
  options.set_encoding(re2::RE2::Options::EncodingUTF8);
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  if (!re->ok()) {
    *error = re->error();
    return nullptr;
  }
  return re;
}

}  // namespace

// Parses one or more checklist files into a ChecklistSet, then resolves references.
class ChecklistLoader {
 public:
  Status AddFile(const std::string& xml, const std::string& file);
  Result<ChecklistSet> Finish();

 private:
  struct PendingItem {
    std::string ref;
    Requirement requirement = Requirement::kRequired;
    bool to_confirm = false;
    std::optional<std::string> basis;
    std::vector<model::ChangedElement> changed;  // required="if-changed"
    std::vector<ApplicantType> types;            // empty = all types of the checklist
    int line = 0;
  };
  struct PendingChecklist {
    ApplicationKind kind = ApplicationKind::kUnknown;
    std::vector<ApplicantType> types;
    std::vector<PendingItem> items;
    std::string file;
    int line = 0;
  };

  int LineOf(const pugi::xml_node& node) const;
  Status Error(const pugi::xml_node& node, const std::string& msg) const {
    return Status::InvalidData(msg, file_, LineOf(node));
  }
  Status CheckAttributes(const pugi::xml_node& node, std::initializer_list<const char*> allowed,
                         const std::string& what) const;
  Result<bool> ParseBool(const pugi::xml_node& node, const char* attr,
                         const std::string& what) const;
  Result<std::vector<ApplicantType>> ParseTypes(const pugi::xml_node& node,
                                                const std::string& what) const;
  Status ParseChanged(const pugi::xml_node& node, const std::string& what, PendingItem& item) const;
  Status ParseMaterial(const pugi::xml_node& node);
  Status ParseTitle(const pugi::xml_node& node, Material& m, const std::string& what);
  Status ParseVocabulary(const pugi::xml_node& node);
  Status ParseChecklist(const pugi::xml_node& node);

  // Per file being parsed.
  std::string file_;
  std::vector<std::size_t> line_starts_;

  ChecklistSet set_;
  bool has_vocabulary_ = false;
  std::map<std::string, const Material*> by_id_;
  std::vector<PendingChecklist> pending_;
};

int ChecklistLoader::LineOf(const pugi::xml_node& node) const {
  const std::ptrdiff_t off = node.offset_debug();
  if (off < 0) return 0;
  auto it =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::size_t>(off));
  return static_cast<int>(it - line_starts_.begin());
}

Status ChecklistLoader::CheckAttributes(const pugi::xml_node& node,
                                        std::initializer_list<const char*> allowed,
                                        const std::string& what) const {
  for (const pugi::xml_attribute& a : node.attributes()) {
    bool ok = false;
    for (const char* name : allowed) ok = ok || std::string_view(a.name()) == name;
    if (!ok) return Error(node, what + ": unknown attribute \"" + a.name() + "\"");
  }
  return Status::Ok();
}

Result<bool> ChecklistLoader::ParseBool(const pugi::xml_node& node, const char* attr,
                                        const std::string& what) const {
  pugi::xml_attribute a = node.attribute(attr);
  if (!a) return false;
  const std::string v = a.value();
  if (v == "true") return true;
  if (v == "false") return false;
  return Error(node, what + ": " + attr + "=\"" + v + "\" is not true or false");
}

Result<std::vector<ApplicantType>> ChecklistLoader::ParseTypes(const pugi::xml_node& node,
                                                               const std::string& what) const {
  std::vector<ApplicantType> out;
  for (const std::string& w : SplitWords(node.attribute("types").value())) {
    std::optional<ApplicantType> t = model::ApplicantTypeFromName(w);
    if (!t) {
      return Error(
          node, what + ": unknown applicant type \"" + w + "\" (expected employer or social_org)");
    }
    if (std::find(out.begin(), out.end(), *t) != out.end()) {
      return Error(node, what + ": applicant type \"" + w + "\" listed twice");
    }
    out.push_back(*t);
  }
  return out;
}

// changed="..." of an item: the Art. 8 elements, required exactly with required="if-changed".
Status ChecklistLoader::ParseChanged(const pugi::xml_node& node, const std::string& what,
                                     PendingItem& item) const {
  for (const std::string& w : SplitWords(node.attribute("changed").value())) {
    std::optional<model::ChangedElement> e = model::ChangedElementFromName(w);
    if (!e) return Error(node, what + ": unknown changed element \"" + w + "\"");
    item.changed.push_back(*e);
  }
  if (item.changed.empty() != (item.requirement != Requirement::kIfChanged)) {
    return Error(node, what + ": changed=\"...\" goes with required=\"if-changed\" and only there");
  }
  return Status::Ok();
}

Status ChecklistLoader::ParseMaterial(const pugi::xml_node& node) {
  const std::string id = node.attribute("id").value();
  if (IsBlank(id)) return Error(node, "material: missing id");
  const std::string what = "material \"" + id + "\"";
  PIPELINE_RETURN_IF_ERROR(CheckAttributes(
      node, {"id", "name", "article", "basis", "formats", "multiple", "form"}, what));
  if (by_id_.count(id)) {
    const Material* first = by_id_.at(id);
    return Error(node, what + ": duplicate id (first defined at " + first->file + ":" +
                           std::to_string(first->line) + ")");
  }

  auto m = std::make_unique<Material>();
  m->id = id;
  m->file = file_;
  m->line = LineOf(node);
  m->name = node.attribute("name").value();
  if (IsBlank(m->name)) return Error(node, what + ": missing name");
  m->article = node.attribute("article").value();
  if (IsBlank(m->article)) return Error(node, what + ": missing article");
  m->basis = node.attribute("basis").value();
  m->has_basis = !node.attribute("basis").empty();

  for (const std::string& f : SplitWords(node.attribute("formats").value())) {
    std::optional<FileFormat> fmt;
    for (FileFormat k : kKnownFormats) {
      if (f == model::FileFormatName(k)) fmt = k;
    }
    if (!fmt) {
      return Error(node, what + ": unknown format \"" + f +
                             "\" (expected pdf, jpeg, png, docx, xlsx, xml, ofd, tiff, heic, "
                             "webp, doc, xls or ppt)");
    }
    if (std::find(m->formats.begin(), m->formats.end(), *fmt) != m->formats.end()) {
      return Error(node, what + ": format \"" + f + "\" listed twice");
    }
    m->formats.push_back(*fmt);
  }
  if (m->formats.empty()) return Error(node, what + ": no formats");

  Result<bool> multiple = ParseBool(node, "multiple", what);
  if (!multiple) return multiple.error();
  m->multiple = *multiple;
  Result<bool> form = ParseBool(node, "form", what);
  if (!form) return form.error();
  m->form = *form;

  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string tag = child.name();
    if (tag == "pattern") {
      PIPELINE_RETURN_IF_ERROR(CheckAttributes(child, {"on"}, what + ": pattern"));
      NamePattern p;
      const std::string on = child.attribute("on").as_string("name");
      if (on == "name") {
        p.target = NamePattern::Target::kBaseName;
      } else if (on == "path") {
        p.target = NamePattern::Target::kPath;
      } else {
        return Error(child, what + ": pattern on=\"" + on + "\" is not name or path");
      }
      p.source = child.text().get();
      if (IsBlank(p.source)) return Error(child, what + ": empty pattern");
      std::string error;
      p.regex = Compile(p.source, &error);
      if (!p.regex) return Error(child, what + ": bad regex: " + error);
      m->patterns.push_back(std::move(p));
    } else if (tag == "title") {
      PIPELINE_RETURN_IF_ERROR(ParseTitle(child, *m, what));
    } else if (tag == "required-if") {
      PIPELINE_RETURN_IF_ERROR(CheckAttributes(child, {"field", "unless"}, what + ": required-if"));
      if (m->required_if) return Error(child, what + ": more than one required-if");
      const std::string field = child.attribute("field").value();
      std::optional<model::FormField> f = model::FormFieldFromName(field);
      if (!f) return Error(child, what + ": required-if: unknown form field \"" + field + "\"");
      RequiredIf r;
      r.field = *f;
      r.unless_source = child.attribute("unless").value();
      std::string error;
      r.unless = Compile(r.unless_source, &error);
      if (!r.unless) return Error(child, what + ": required-if: bad regex: " + error);
      m->required_if = std::move(r);
    } else {
      return Error(child, what + ": unknown element <" + tag + ">");
    }
  }
  if (m->patterns.empty() && !m->title) return Error(node, what + ": no pattern and no title");

  by_id_[id] = m.get();
  set_.materials_.push_back(std::move(m));
  return Status::Ok();
}

Status ChecklistLoader::ParseTitle(const pugi::xml_node& node, Material& m,
                                   const std::string& what) {
  PIPELINE_RETURN_IF_ERROR(
      CheckAttributes(node, {"heads", "subjects", "topics", "exclude"}, what + ": title"));
  if (m.title) return Error(node, what + ": more than one <title>");
  TitleSpec t;
  t.heads = TitleWords(node.attribute("heads").value());
  t.subjects = TitleWords(node.attribute("subjects").value());
  t.topics = TitleWords(node.attribute("topics").value());
  t.excludes = TitleWords(node.attribute("exclude").value());
  if (t.heads.empty()) return Error(node, what + ": title without heads");
  m.title = std::move(t);
  return Status::Ok();
}

Status ChecklistLoader::ParseVocabulary(const pugi::xml_node& node) {
  PIPELINE_RETURN_IF_ERROR(CheckAttributes(node, {}, "vocabulary"));
  if (has_vocabulary_) return Error(node, "vocabulary: defined twice");
  has_vocabulary_ = true;
  TitleVocabulary& v = set_.vocabulary_;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string tag = child.name();
    PIPELINE_RETURN_IF_ERROR(CheckAttributes(child, {}, "vocabulary: " + tag));
    const std::string text = child.text().get();
    if (tag == "brackets") {
      for (const std::string& pair : TitleWords(text)) {
        const std::vector<char32_t> cps = DecodeUtf8(pair);
        if (cps.size() != 2)
          return Error(child, "vocabulary: brackets: \"" + pair +
                                  "\" is not an opening and a closing bracket");
        std::string open, close;
        AppendUtf8(cps[0], open);
        AppendUtf8(cps[1], close);
        v.brackets.emplace_back(std::move(open), std::move(close));
      }
      continue;
    }
    if (tag == "numbering") {
      std::string error;
      v.numbering = Compile(text, &error);
      if (!v.numbering) return Error(child, "vocabulary: numbering: bad regex: " + error);
      continue;
    }
    std::vector<std::string>* list = tag == "heads"              ? &v.heads
                                     : tag == "decorations"      ? &v.decorations
                                     : tag == "fillers"          ? &v.fillers
                                     : tag == "owner-suffixes"   ? &v.owner_suffixes
                                     : tag == "merged-heads"     ? &v.merged_heads
                                     : tag == "joiners"          ? &v.joiners
                                     : tag == "collective-words" ? &v.collective_words
                                                                 : nullptr;
    if (list == nullptr) return Error(child, "vocabulary: unknown element <" + tag + ">");
    for (std::string& w : TitleWords(text)) list->push_back(std::move(w));
  }
  return Status::Ok();
}

Status ChecklistLoader::ParseChecklist(const pugi::xml_node& node) {
  const std::string kind_name = node.attribute("kind").value();
  const std::string what = "checklist \"" + kind_name + "\"";
  PIPELINE_RETURN_IF_ERROR(CheckAttributes(node, {"kind", "types"}, what));
  PendingChecklist c;
  c.file = file_;
  c.line = LineOf(node);
  std::optional<ApplicationKind> kind = model::ApplicationKindFromName(kind_name);
  if (!kind) {
    return Error(node, what +
                           ": unknown application kind (expected initial, add_occupation, "
                           "change, renewal or termination)");
  }
  c.kind = *kind;
  Result<std::vector<ApplicantType>> types = ParseTypes(node, what);
  if (!types) return types.error();
  if (types->empty()) return Error(node, what + ": no types");
  c.types = *types;

  for (const pugi::xml_node& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    if (std::string_view(child.name()) != "item") {
      return Error(child, what + ": unknown element <" + child.name() + ">");
    }
    PendingItem item;
    item.ref = child.attribute("ref").value();
    item.line = LineOf(child);
    const std::string iwhat = what + ": item \"" + item.ref + "\"";
    PIPELINE_RETURN_IF_ERROR(CheckAttributes(
        child, {"ref", "required", "types", "to-confirm", "basis", "changed"}, iwhat));
    if (IsBlank(item.ref)) return Error(child, what + ": item without ref");
    const std::string req = child.attribute("required").value();
    if (req == "yes") {
      item.requirement = Requirement::kRequired;
    } else if (req == "no") {
      item.requirement = Requirement::kOptional;
    } else if (req == "if") {
      item.requirement = Requirement::kConditional;
    } else if (req == "if-changed") {
      item.requirement = Requirement::kIfChanged;
    } else {
      return Error(child, iwhat + ": required=\"" + req + "\" is not yes, no, if or if-changed");
    }
    PIPELINE_RETURN_IF_ERROR(ParseChanged(child, iwhat, item));
    Result<bool> confirm = ParseBool(child, "to-confirm", iwhat);
    if (!confirm) return confirm.error();
    item.to_confirm = *confirm;
    if (!child.attribute("basis").empty()) item.basis = child.attribute("basis").value();
    Result<std::vector<ApplicantType>> itypes = ParseTypes(child, iwhat);
    if (!itypes) return itypes.error();
    for (ApplicantType t : *itypes) {
      if (std::find(c.types.begin(), c.types.end(), t) == c.types.end()) {
        return Error(child, iwhat + ": type \"" + model::ApplicantTypeName(t) +
                                "\" is not one of the checklist's types");
      }
    }
    item.types = *itypes;
    for (const PendingItem& other : c.items) {
      if (other.ref == item.ref) return Error(child, iwhat + ": listed twice");
    }
    c.items.push_back(std::move(item));
  }
  if (c.items.empty()) return Error(node, what + ": no items");
  pending_.push_back(std::move(c));
  return Status::Ok();
}

Status ChecklistLoader::AddFile(const std::string& xml, const std::string& file) {
  file_ = file;
  line_starts_.assign(1, 0);
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '\n') line_starts_.push_back(i + 1);
  }
  set_.files_.push_back(file);

  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(file, xml, doc));
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "checklists") {
    return Error(root, std::string("root element is <") + root.name() + ">, expected <checklists>");
  }
  PIPELINE_RETURN_IF_ERROR(CheckAttributes(root, {"version"}, "checklists"));
  if (std::string_view(root.attribute("version").value()) != "1") {
    return Error(root, "checklists: unsupported version \"" +
                           std::string(root.attribute("version").value()) + "\" (expected 1)");
  }
  for (const pugi::xml_node& child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string tag = child.name();
    if (tag == "material") {
      PIPELINE_RETURN_IF_ERROR(ParseMaterial(child));
    } else if (tag == "vocabulary") {
      PIPELINE_RETURN_IF_ERROR(ParseVocabulary(child));
    } else if (tag == "checklist") {
      PIPELINE_RETURN_IF_ERROR(ParseChecklist(child));
    } else {
      return Error(child, "unknown element <" + tag + ">");
    }
  }
  return Status::Ok();
}

Result<ChecklistSet> ChecklistLoader::Finish() {
  for (const PendingChecklist& pc : pending_) {
    for (ApplicantType type : pc.types) {
      const auto key = std::make_pair(pc.kind, type);
      if (set_.checklists_.count(key)) {
        const Checklist& first = *set_.checklists_.at(key);
        return Status::InvalidData(std::string("checklist \"") +
                                       model::ApplicationKindName(pc.kind) + "\": type \"" +
                                       model::ApplicantTypeName(type) + "\" already defined at " +
                                       first.file + ":" + std::to_string(first.line),
                                   pc.file, pc.line);
      }
      auto c = std::make_unique<Checklist>();
      c->kind = pc.kind;
      c->type = type;
      c->file = pc.file;
      c->line = pc.line;
      for (const PendingItem& pi : pc.items) {
        auto it = by_id_.find(pi.ref);
        if (it == by_id_.end()) {
          return Status::InvalidData(std::string("checklist \"") +
                                         model::ApplicationKindName(pc.kind) + "\": item \"" +
                                         pi.ref + "\": no material with this id",
                                     pc.file, pi.line);
        }
        if (pi.requirement == Requirement::kConditional && !it->second->required_if) {
          return Status::InvalidData(std::string("checklist \"") +
                                         model::ApplicationKindName(pc.kind) + "\": item \"" +
                                         pi.ref +
                                         "\": required=\"if\" but the material has no "
                                         "<required-if>",
                                     pc.file, pi.line);
        }
        if (!pi.types.empty() &&
            std::find(pi.types.begin(), pi.types.end(), type) == pi.types.end()) {
          continue;
        }
        c->items.push_back(
            ChecklistItem{it->second, pi.requirement, pi.to_confirm, pi.basis, pi.changed});
      }
      set_.checklists_[key] = std::move(c);
    }
  }
  pending_.clear();
  // Every head a material names, and the merged-file heads, are known heads.
  TitleVocabulary& v = set_.vocabulary_;
  for (const auto& m : set_.materials_) {
    if (m->title) v.heads.insert(v.heads.end(), m->title->heads.begin(), m->title->heads.end());
  }
  v.heads.insert(v.heads.end(), v.merged_heads.begin(), v.merged_heads.end());
  v.Finish();
  return std::move(set_);
}

bool Material::Accepts(model::FileFormat f) const {
  return std::find(formats.begin(), formats.end(), f) != formats.end();
}

bool Material::MatchesPath(const std::string& path) const {
  const std::string base = BaseName(path);
  for (const NamePattern& p : patterns) {
    const std::string& subject = p.target == NamePattern::Target::kBaseName ? base : path;
    if (re2::RE2::PartialMatch(subject, *p.regex)) return true;
  }
  return false;
}

std::size_t Material::PatternMatchLength(const std::string& path) const {
  const std::string base = BaseName(path);
  std::size_t best = 0;
  for (const NamePattern& p : patterns) {
    const std::string& subject = p.target == NamePattern::Target::kBaseName ? base : path;
    re2::StringPiece match;
    if (p.regex->Match(subject, 0, subject.size(), re2::RE2::UNANCHORED, &match, 1)) {
      const std::size_t n = Utf8Length(std::string_view(match.data(), match.size()));
      best = std::max<std::size_t>(best, std::max<std::size_t>(n, 1));  // an empty match counts
    }
  }
  return best;
}

const Checklist* ChecklistSet::Find(model::ApplicationKind kind, model::ApplicantType type) const {
  auto it = checklists_.find({kind, type});
  return it == checklists_.end() ? nullptr : it->second.get();
}

const Material* ChecklistSet::FindMaterial(const std::string& id) const {
  for (const auto& m : materials_) {
    if (m->id == id) return m.get();
  }
  return nullptr;
}

std::vector<const Checklist*> ChecklistSet::checklists() const {
  std::vector<const Checklist*> out;
  for (const auto& [key, c] : checklists_) out.push_back(c.get());
  return out;
}

Result<ChecklistSet> ParseChecklists(const std::string& xml, const std::string& file) {
  ChecklistLoader loader;
  PIPELINE_RETURN_IF_ERROR(loader.AddFile(xml, file));
  return loader.Finish();
}

Result<ChecklistSet> LoadChecklists(const FileSystem& fs, const std::string& path_or_dir) {
  Result<DirEntry> st = fs.Stat(path_or_dir);
  if (!st) return Status::NotFound("checklists not found", path_or_dir);
  std::vector<std::string> files;
  if (st->type == EntryType::kDirectory) {
    Result<std::vector<DirEntry>> entries = fs.ListDir(path_or_dir);
    if (!entries) return entries.error();
    for (const DirEntry& e : *entries) {
      const std::string& n = e.name;
      if (e.type == EntryType::kFile && n.size() > 4 && n.compare(n.size() - 4, 4, ".xml") == 0) {
        files.push_back(JoinPath(path_or_dir, n));
      }
    }
    if (files.empty()) return Status::NotFound("no *.xml checklist in directory", path_or_dir);
  } else {
    files.push_back(path_or_dir);
  }
  ChecklistLoader loader;
  for (const std::string& f : files) {
    Result<std::string> text = fs.ReadFile(f, FileSystem::kDefaultMaxRead);
    if (!text) return text.error();
    PIPELINE_RETURN_IF_ERROR(loader.AddFile(*text, f));
  }
  return loader.Finish();
}

}  // namespace pipeline::completeness
