#include "pipeline/report/decision_table.h"

#include <pugixml.hpp>

#include "pipeline/core/xml.h"

namespace pipeline::report {

CaseFacts FactsOf(const model::CaseReport& report, bool folder) {
  CaseFacts f;
  f.folder = folder;
  f.kind = report.application.kind.value;
  for (const model::Finding& x : report.findings) {
    if (x.severity != model::Severity::kBlocking) continue;
    switch (x.consequence) {
      case model::Consequence::kRefer:
        f.refer = true;
        break;
      case model::Consequence::kNotEligible:
        f.not_eligible = true;
        break;
      case model::Consequence::kCorrect:
        f.correct = true;
        break;
      case model::Consequence::kExcludeOccupation:
        break;  // counted per occupation below
    }
  }
  f.occupations = static_cast<int>(report.occupations.size());
  for (const auto& o : report.occupations) f.excluded += o.excluded ? 1 : 0;
  return f;
}

namespace {

std::vector<std::string> Words(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

class Loader {
 public:
  Loader(const std::string& path, const std::string& text) : path_(path), text_(text) {}

  Status Error(const pugi::xml_node& n, const std::string& msg) const {
    return Status::InvalidData(msg, path_, LineAtOffset(text_, n.offset_debug()));
  }

  Result<std::optional<bool>> Bool(const pugi::xml_node& n, const char* name) const {
    pugi::xml_attribute a = n.attribute(name);
    if (!a) return std::optional<bool>();
    const std::string v = a.value();
    if (v == "yes") return std::optional<bool>(true);
    if (v == "no") return std::optional<bool>(false);
    return Error(n, std::string("attribute ") + name + " must be yes or no, not '" + v + "'");
  }

  Result<DocumentSpec> Document(const pugi::xml_node& n) const {
    for (const pugi::xml_attribute& a : n.attributes()) {
      const std::string k = a.name();
      if (k != "kind" && k != "template" && k != "title" && k != "official" && k != "sender") {
        return Error(n, "unknown attribute " + k + " on <document>");
      }
    }
    DocumentSpec d;
    d.kind = n.attribute("kind").value();
    d.tmpl = n.attribute("template").value();
    d.title = n.attribute("title").value();
    d.sender = n.attribute("sender").value();
    if (d.kind.empty() || d.tmpl.empty() || d.title.empty()) {
      return Error(n, "<document> needs kind, template and title");
    }
    if (d.sender != "bureau" && d.sender != "expert_group" && d.sender != "internal") {
      return Error(n, "sender must be bureau, expert_group or internal");
    }
    Result<std::optional<bool>> official = Bool(n, "official");
    if (!official) return official.error();
    if (!official->has_value()) return Error(n, "<document> needs official=\"yes|no\"");
    d.official = **official;
    return d;
  }

  Result<DecisionRow> Row(const pugi::xml_node& n, const DecisionTable& table) const {
    DecisionRow r;
    r.line = LineAtOffset(text_, n.offset_debug());
    for (const pugi::xml_attribute& a : n.attributes()) {
      const std::string k = a.name();
      if (k != "folder" && k != "kind" && k != "refer" && k != "not_eligible" && k != "correct" &&
          k != "occupations" && k != "documents") {
        return Error(n, "unknown attribute " + k + " on <case>");
      }
    }
    struct {
      const char* name;
      std::optional<bool>* out;
    } flags[] = {{"folder", &r.folder},
                 {"refer", &r.refer},
                 {"not_eligible", &r.not_eligible},
                 {"correct", &r.correct}};
    for (auto& f : flags) {
      Result<std::optional<bool>> v = Bool(n, f.name);
      if (!v) return v.error();
      *f.out = *v;
    }
    for (const std::string& k : Words(n.attribute("kind").value())) {
      std::optional<model::ApplicationKind> kind = model::ApplicationKindFromName(k);
      if (!kind) return Error(n, "unknown application kind '" + k + "'");
      r.kinds.push_back(*kind);
    }
    if (pugi::xml_attribute a = n.attribute("occupations")) {
      const std::string v = a.value();
      if (v != "all_excluded" && v != "some_excluded" && v != "none_excluded") {
        return Error(n, "occupations must be all_excluded, some_excluded or none_excluded");
      }
      r.occupations = v;
    }
    if (!n.attribute("documents")) return Error(n, "<case> needs documents=\"...\"");
    for (const std::string& k : Words(n.attribute("documents").value())) {
      if (table.Find(k) == nullptr) return Error(n, "document kind '" + k + "' is not declared");
      r.documents.push_back(k);
    }
    return r;
  }

 private:
  const std::string& path_;
  const std::string& text_;
};

bool IsCatchAll(const DecisionRow& r) {
  return !r.folder && r.kinds.empty() && !r.refer && !r.not_eligible && !r.correct &&
         !r.occupations;
}

bool Matches(const DecisionRow& r, const CaseFacts& f) {
  if (r.folder && *r.folder != f.folder) return false;
  if (!r.kinds.empty()) {
    bool any = false;
    for (auto k : r.kinds) any = any || k == f.kind;
    if (!any) return false;
  }
  if (r.refer && *r.refer != f.refer) return false;
  if (r.not_eligible && *r.not_eligible != f.not_eligible) return false;
  if (r.correct && *r.correct != f.correct) return false;
  if (r.occupations) {
    const bool all = f.occupations > 0 && f.excluded == f.occupations;
    const bool some = f.excluded > 0 && !all;
    const bool none = f.excluded == 0;
    if (*r.occupations == "all_excluded" && !all) return false;
    if (*r.occupations == "some_excluded" && !some) return false;
    if (*r.occupations == "none_excluded" && !none) return false;
  }
  return true;
}

}  // namespace

Result<DecisionTable> DecisionTable::Load(const FileSystem& fs, const std::string& path) {
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  return Parse(path, *text);
}

Result<DecisionTable> DecisionTable::Parse(const std::string& path, const std::string& text) {
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(path, text, doc));
  Loader loader(path, text);
  pugi::xml_node root = doc.child("decisions");
  if (!root) return Status::InvalidData("root element must be <decisions>", path, 1);
  DecisionTable t;
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const std::string name = n.name();
    if (name == "document") {
      Result<DocumentSpec> d = loader.Document(n);
      if (!d) return d.error();
      if (t.Find(d->kind) != nullptr) return loader.Error(n, "duplicate document kind " + d->kind);
      t.documents_.push_back(std::move(*d));
    } else if (name == "case") {
      Result<DecisionRow> r = loader.Row(n, t);
      if (!r) return r.error();
      t.rows_.push_back(std::move(*r));
    } else {
      return loader.Error(n, "unknown element <" + name + ">");
    }
  }
  if (t.rows_.empty() || !IsCatchAll(t.rows_.back())) {
    return Status::InvalidData("the last <case> must have no conditions (the catch-all row)", path,
                               LineAtOffset(text, root.offset_debug()));
  }
  return t;
}

const DecisionRow& DecisionTable::Decide(const CaseFacts& facts) const {
  for (const DecisionRow& r : rows_) {
    if (Matches(r, facts)) return r;
  }
  return rows_.back();  // unreachable: the loader guarantees a catch-all last row
}

std::vector<const DocumentSpec*> DecisionTable::DocumentsFor(const CaseFacts& facts) const {
  std::vector<const DocumentSpec*> out;
  for (const std::string& k : Decide(facts).documents) out.push_back(Find(k));
  return out;
}

const DocumentSpec* DecisionTable::Find(const std::string& kind) const {
  for (const DocumentSpec& d : documents_) {
    if (d.kind == kind) return &d;
  }
  return nullptr;
}

}  // namespace pipeline::report
