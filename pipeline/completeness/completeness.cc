#include "pipeline/completeness/completeness.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>

#include "pipeline/completeness/classify.h"

namespace pipeline::completeness {
namespace {

using model::ApplicantType;
using model::ApplicationKind;
using model::DossierFile;
using model::FileHealth;
using model::Finding;
using model::MaterialResult;
using model::MaterialStatus;
using model::Severity;

// Stage-level rule ids.
// NOTE: do not renumber; rule IDs appear in issued reports.
constexpr const char kRuleKindUnknown[] = "COMP-001";   // kind unknown, checked as initial
constexpr const char kRuleTypeUnknown[] = "COMP-002";   // type unknown, checked as social_org
constexpr const char kRuleNoChecklist[] = "COMP-003";   // no checklist for the pair
constexpr const char kRuleAmbiguous[] = "COMP-004";     // a file fits several materials
constexpr const char kRuleNamesSeveral[] = "COMP-005";  // a file's title names several

// Message keys (templates/messages.zh-CN.tsv).
constexpr const char kMsgMissing[] = "completeness.material_missing";
// Unreadable files get one key per health ("completeness.material_unreadable.truncated") so
// the wording can name the problem; the health is also in args as {health}.
constexpr const char kMsgUnreadablePrefix[] = "completeness.material_unreadable.";
constexpr const char kMsgFormatNotAccepted[] = "completeness.material_format_not_accepted";
constexpr const char kMsgDuplicate[] = "completeness.material_duplicate";
constexpr const char kMsgKindUnknown[] = "completeness.kind_unknown";
constexpr const char kMsgTypeUnknown[] = "completeness.type_unknown";
constexpr const char kMsgNoChecklist[] = "completeness.no_checklist";
// A usable file is there; another copy cannot be opened or is in a format not accepted.
constexpr const char kMsgExtraUnreadablePrefix[] = "completeness.material_extra_unreadable.";
constexpr const char kMsgExtraFormat[] = "completeness.material_extra_format";
// Neither present nor missing (MaterialStatus::kUncertain).
constexpr const char kMsgUncertain[] = "completeness.material_uncertain";
constexpr const char kMsgInMerged[] = "completeness.material_in_merged";
constexpr const char kMsgNotProbed[] = "completeness.material_not_probed";
// A file whose title fits two or more materials equally well.
constexpr const char kMsgAmbiguous[] = "completeness.file_ambiguous";
// A file whose title names several materials: each is present (merged); confirm it holds each.
constexpr const char kMsgNamesSeveral[] = "completeness.file_names_several";

// Formats as a space-separated list of stable names ("pdf docx").
std::string FormatList(const Material& m) {
  std::string out;
  for (model::FileFormat f : m.formats) {
    if (!out.empty()) out += ' ';
    out += model::FileFormatName(f);
  }
  return out;
}

bool IsRequired(const ChecklistItem& item, const model::Dossier& dossier,
                const std::vector<model::ChangedElement>& changed) {
  switch (item.requirement) {
    case Requirement::kRequired:
      return true;
    case Requirement::kOptional:
      return false;
    case Requirement::kIfChanged:
      return std::any_of(item.changed.begin(), item.changed.end(), [&](model::ChangedElement e) {
        return std::find(changed.begin(), changed.end(), e) != changed.end();
      });
    case Requirement::kConditional:
      break;
  }
  const std::optional<RequiredIf>& cond = item.material->required_if;
  if (!cond || !dossier.form) return false;
  const model::FormCell* cell = dossier.form->Find(cond->field);
  if (cell == nullptr) return false;
  return !re2::RE2::FullMatch(cell->value, *cond->unless);
}

std::vector<std::pair<std::string, std::string>> MaterialArgs(const Material& m) {
  std::vector<std::pair<std::string, std::string>> args = {
      {"id", m.id}, {"material", m.name}, {"article", m.article}};
  if (!m.basis.empty()) args.emplace_back("basis", m.basis);
  if (m.form) args.emplace_back("form", "true");
  return args;
}

// The article the item's findings cite: the item's own basis= or, for an item the province
// must still confirm, none.
void CiteItemBasis(const ChecklistItem& item, std::vector<Finding>& findings, std::size_t from) {
  if (!item.basis && !item.to_confirm) return;
  const std::string basis = item.to_confirm ? std::string() : *item.basis;
  for (std::size_t i = from; i < findings.size(); ++i) {
    auto& args = findings[i].args;
    args.erase(
        std::remove_if(args.begin(), args.end(), [](const auto& a) { return a.first == "basis"; }),
        args.end());
    if (!basis.empty()) args.emplace_back("basis", basis);
  }
}

std::string JoinFiles(const std::vector<const DossierFile*>& files) {
  std::string list;
  for (const DossierFile* f : files) list += (list.empty() ? "" : "; ") + f->display_path;
  return list;
}

std::vector<model::SourceRef> EvidenceOf(const std::vector<const DossierFile*>& files) {
  std::vector<model::SourceRef> out;
  for (const DossierFile* f : files) out.push_back({f->display_path, ""});
  return out;
}

// A file that can stand for its material: probed, healthy, in an accepted format.
bool Usable(const Material& m, const DossierFile& f) {
  return f.probed && f.health == FileHealth::kOk && m.Accepts(f.format);
}

// The finding for a file that is there but cannot stand for the material.
Finding UnusableFinding(const Material& m, const DossierFile& f, Severity severity,
                        const char* prefix) {
  auto args = MaterialArgs(m);
  args.emplace_back("file", f.display_path);
  std::string message;
  if (f.health != FileHealth::kOk) {
    args.emplace_back("health", model::FileHealthName(f.health));
    args.emplace_back("kind", model::FileFormatLabel(f.format));
    args.emplace_back("detail", f.health_detail);  // English: report.json and the worksheet
    message = prefix + std::string(model::FileHealthName(f.health));
  } else {
    args.emplace_back("format", model::FileFormatName(f.format));
    args.emplace_back("accepted", FormatList(m));
    message = prefix == std::string(kMsgUnreadablePrefix) ? kMsgFormatNotAccepted : kMsgExtraFormat;
  }
  return Finding{m.id, severity, message, std::move(args), {{f.display_path, ""}}};
}

// What the dossier offers for one material, from the files assigned to it.
struct Offer {
  std::vector<const DossierFile*> strong;  // assigned by a strong match
  std::vector<const DossierFile*> weak;    // weak match or one of an ambiguity
  std::vector<const DossierFile*> named;   // a file whose title names it among others
};

// Decides the status of one material and adds its findings:
// present (a usable file) > present (merged: a usable file whose title names it among others)
// > uncertain (a file past the probing cap) > unreadable > uncertain (weak match) > uncertain
// (a merged file may hold it; required only) > missing.
void Judge(const Material& m, bool required, const Offer& offer,
           const std::vector<const DossierFile*>& merged, MaterialResult& mr,
           std::vector<Finding>& findings) {
  std::vector<const DossierFile*> usable, unprobed, unusable;
  const bool own = std::any_of(offer.strong.begin(), offer.strong.end(),
                               [&](const DossierFile* f) { return Usable(m, *f); });
  if (!own && std::any_of(offer.named.begin(), offer.named.end(),
                          [&](const DossierFile* f) { return Usable(m, *f); })) {
    mr.status = MaterialStatus::kPresent;
    mr.merged = true;
    return;
  }
  std::vector<const DossierFile*> strong = offer.strong;
  strong.insert(strong.end(), offer.named.begin(), offer.named.end());
  for (const DossierFile* f : strong) {
    if (!f->probed)
      unprobed.push_back(f);
    else if (Usable(m, *f))
      usable.push_back(f);
    else
      unusable.push_back(f);
  }
  const Severity bad = required ? Severity::kBlocking : Severity::kReview;
  if (!usable.empty()) {
    mr.status = MaterialStatus::kPresent;
    // Another copy that cannot be opened does not undo the usable one: a note, not a demand.
    for (const DossierFile* f : unusable) {
      findings.push_back(UnusableFinding(m, *f, Severity::kReview, kMsgExtraUnreadablePrefix));
    }
    if (!m.multiple && offer.strong.size() > 1) {
      auto args = MaterialArgs(m);
      args.emplace_back("files", JoinFiles(offer.strong));
      args.emplace_back("count", std::to_string(offer.strong.size()));
      findings.push_back(Finding{m.id, Severity::kReview, kMsgDuplicate, std::move(args),
                                 EvidenceOf(offer.strong)});
    }
    return;
  }
  auto uncertain = [&](const char* message, const std::vector<const DossierFile*>& files) {
    mr.status = MaterialStatus::kUncertain;
    auto args = MaterialArgs(m);
    args.emplace_back("files", JoinFiles(files));
    findings.push_back(
        Finding{m.id, Severity::kReview, message, std::move(args), EvidenceOf(files)});
  };
  if (!unprobed.empty()) return uncertain(kMsgNotProbed, unprobed);
  if (!unusable.empty()) {
    mr.status = MaterialStatus::kUnreadable;
    for (const DossierFile* f : unusable) {
      findings.push_back(UnusableFinding(m, *f, bad, kMsgUnreadablePrefix));
    }
    return;
  }
  std::vector<const DossierFile*> weak;
  for (const DossierFile* f : offer.weak) {
    if (!f->probed || f->health == FileHealth::kOk) weak.push_back(f);
  }
  if (!weak.empty()) return uncertain(kMsgUncertain, weak);
  if (required && !merged.empty()) {
    for (const DossierFile* f : merged) mr.files.push_back(f->display_path);
    return uncertain(kMsgInMerged, merged);
  }
  mr.status = MaterialStatus::kMissing;
  if (required)
    findings.push_back(Finding{m.id, Severity::kBlocking, kMsgMissing, MaterialArgs(m), {}});
}

// Each file goes to its best material (classify.h); then every checklist material is judged
// on the files it got.
void Assign(const model::Dossier& dossier, const Checklist& checklist, const ChecklistSet& set,
            const std::vector<model::ChangedElement>& changed, CompletenessResult& result) {
  std::map<const Material*, Offer> offers;
  std::vector<const DossierFile*> merged;
  std::vector<bool> claimed(dossier.files.size(), false);
  std::set<const Material*> listed;
  for (const ChecklistItem& item : checklist.items) listed.insert(item.material);
  std::vector<std::pair<const DossierFile*, std::vector<const Material*>>> ambiguous;
  for (std::size_t i = 0; i < dossier.files.size(); ++i) {
    const DossierFile& f = dossier.files[i];
    const Classification c = ClassifyFile(set, f.title_path(), f.is_form);
    if (!c.named.empty()) {
      std::string names;
      for (const Material* m : c.named) {
        if (!listed.count(m)) continue;
        offers[m].named.push_back(&f);
        names += (names.empty() ? "" : "; ") + m->name;
      }
      claimed[i] = !names.empty();
      if (claimed[i]) {
        result.findings.push_back(Finding{kRuleNamesSeveral,
                                          Severity::kReview,
                                          kMsgNamesSeveral,
                                          {{"file", f.display_path}, {"materials", names}},
                                          {{f.display_path, ""}}});
      }
      continue;
    }
    if (c.merged) {
      // A merged file that cannot be opened holds nothing a person could check.
      if (f.health == FileHealth::kOk) merged.push_back(&f);
      continue;
    }
    if (c.best.size() == 1) {
      Offer& o = offers[c.best.front().material];
      (c.best.front().strength == Strength::kStrong ? o.strong : o.weak).push_back(&f);
      claimed[i] = listed.count(c.best.front().material) > 0;
      continue;
    }
    std::vector<const Material*> tied;
    for (const Candidate& cand : c.best) {
      if (!listed.count(cand.material)) continue;
      tied.push_back(cand.material);
      offers[cand.material].weak.push_back(&f);
    }
    if (!tied.empty()) ambiguous.emplace_back(&f, std::move(tied));
  }
  for (const ChecklistItem& item : checklist.items) {
    const Material& m = *item.material;
    MaterialResult mr;
    mr.id = m.id;
    mr.name = m.name;
    mr.article = m.article;
    mr.required = IsRequired(item, dossier, changed);
    const Offer& o = offers[&m];
    for (const auto* list : {&o.strong, &o.weak, &o.named}) {
      for (const DossierFile* f : *list) mr.files.push_back(f->display_path);
    }
    const std::size_t before = result.findings.size();
    Judge(m, mr.required, o, merged, mr, result.findings);
    CiteItemBasis(item, result.findings, before);
    result.materials.push_back(std::move(mr));
  }
  // An ambiguous file matters only while one of its materials is not otherwise present.
  for (const auto& [file, tied] : ambiguous) {
    std::string names;
    bool open = false;
    for (const Material* m : tied) {
      names += (names.empty() ? "" : "; ") + m->name;
      for (const MaterialResult& mr : result.materials) {
        open = open || (mr.id == m->id && mr.status != MaterialStatus::kPresent);
      }
    }
    if (open) {
      result.findings.push_back(Finding{kRuleAmbiguous,
                                        Severity::kReview,
                                        kMsgAmbiguous,
                                        {{"file", file->display_path}, {"materials", names}},
                                        {{file->display_path, ""}}});
    }
    for (std::size_t i = 0; i < dossier.files.size(); ++i) {
      if (&dossier.files[i] == file) claimed[i] = true;
    }
  }
  const bool merged_used =
      std::any_of(result.materials.begin(), result.materials.end(),
                  [](const MaterialResult& mr) { return mr.status == MaterialStatus::kUncertain; });
  for (std::size_t i = 0; i < dossier.files.size(); ++i) {
    const DossierFile& f = dossier.files[i];
    const bool is_merged = std::find(merged.begin(), merged.end(), &f) != merged.end();
    if (!claimed[i] && !f.is_form && !(is_merged && merged_used)) {
      result.unmatched_files.push_back(f.display_path);
    }
  }
  std::sort(result.unmatched_files.begin(), result.unmatched_files.end());
}

}  // namespace

CompletenessResult Check(const model::Dossier& dossier, model::ApplicationKind kind,
                         model::ApplicantType type, const ChecklistSet& checklists,
                         const std::vector<model::ChangedElement>& changed) {
  CompletenessResult result;

  // The form is the best evidence for an unknown kind or type.
  std::vector<model::SourceRef> form_evidence;
  for (const DossierFile& f : dossier.files) {
    if (f.is_form) form_evidence.push_back({f.display_path, ""});
  }
  if (kind == ApplicationKind::kUnknown) {
    kind = ApplicationKind::kInitial;
    result.findings.push_back(Finding{kRuleKindUnknown,
                                      Severity::kBlocking,
                                      kMsgKindUnknown,
                                      {{"fallback", model::ApplicationKindName(kind)}},
                                      form_evidence});
  }
  if (type == ApplicantType::kUnknown) {
    type = ApplicantType::kSocialOrg;
    result.findings.push_back(Finding{kRuleTypeUnknown,
                                      Severity::kBlocking,
                                      kMsgTypeUnknown,
                                      {{"fallback", model::ApplicantTypeName(type)}},
                                      form_evidence});
  }
  result.checked_kind = kind;
  result.checked_type = type;

  const Checklist* checklist = checklists.Find(kind, type);
  if (checklist == nullptr) {
    result.findings.push_back(Finding{
        kRuleNoChecklist,
        Severity::kBlocking,
        kMsgNoChecklist,
        {{"kind", model::ApplicationKindName(kind)}, {"type", model::ApplicantTypeName(type)}},
        {}});
    for (const DossierFile& f : dossier.files) {
      if (!f.is_form) result.unmatched_files.push_back(f.display_path);
    }
    std::sort(result.unmatched_files.begin(), result.unmatched_files.end());
    return result;
  }
  Assign(dossier, *checklist, checklists, changed, result);
  return result;
}

const std::vector<std::string>& MessageIds() {
  static const std::vector<std::string> kIds = [] {
    std::vector<std::string> ids = {kMsgMissing,     kMsgFormatNotAccepted, kMsgDuplicate,
                                    kMsgKindUnknown, kMsgTypeUnknown,       kMsgNoChecklist,
                                    kMsgExtraFormat, kMsgUncertain,         kMsgInMerged,
                                    kMsgNotProbed,   kMsgAmbiguous,         kMsgNamesSeveral};
    for (FileHealth h : {FileHealth::kEmpty, FileHealth::kCorrupt, FileHealth::kTruncated,
                         FileHealth::kWrongFormat, FileHealth::kEncrypted, FileHealth::kTooLarge,
                         FileHealth::kUnsupported}) {
      ids.push_back(kMsgUnreadablePrefix + std::string(model::FileHealthName(h)));
      ids.push_back(kMsgExtraUnreadablePrefix + std::string(model::FileHealthName(h)));
    }
    return ids;
  }();
  return kIds;
}

}  // namespace pipeline::completeness
