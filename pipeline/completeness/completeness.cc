#include "pipeline/completeness/completeness.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstddef>
#include <set>

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
constexpr const char kRuleKindUnknown[] = "COMP-001";    // kind unknown, checked as initial
constexpr const char kRuleTypeUnknown[] = "COMP-002";    // type unknown, checked as social_org
constexpr const char kRuleNoChecklist[] = "COMP-003";    // no checklist for the pair

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

// Formats as a space-separated list of stable names ("pdf docx").
std::string FormatList(const Material& m) {
  std::string out;
  for (model::FileFormat f : m.formats) {
    if (!out.empty()) out += ' ';
    out += model::FileFormatName(f);
  }
  return out;
}

bool IsRequired(const ChecklistItem& item, const model::Dossier& dossier) {
  switch (item.requirement) {
    case Requirement::kRequired: return true;
    case Requirement::kOptional: return false;
    case Requirement::kConditional: break;
  }
  const std::optional<RequiredIf>& cond = item.material->required_if;
  if (!cond || !dossier.form) return false;
  const model::FormCell* cell = dossier.form->Find(cond->field);
  if (cell == nullptr) return false;
  return !re2::RE2::FullMatch(cell->value, *cond->unless);
}

bool Matches(const Material& m, const DossierFile& f) {
  return (m.form && f.is_form) || m.MatchesPath(f.path);
}

std::vector<std::pair<std::string, std::string>> MaterialArgs(const Material& m) {
  return {{"id", m.id}, {"material", m.name}, {"article", m.article}};
}

}  // namespace

CompletenessResult Check(const model::Dossier& dossier, model::ApplicationKind kind,
                         model::ApplicantType type, const ChecklistSet& checklists) {
  CompletenessResult result;

  // The form is the best evidence for an unknown kind or type.
  std::vector<model::SourceRef> form_evidence;
  for (const DossierFile& f : dossier.files) {
    if (f.is_form) form_evidence.push_back({f.display_path, ""});
  }
  if (kind == ApplicationKind::kUnknown) {
    kind = ApplicationKind::kInitial;
    result.findings.push_back(Finding{kRuleKindUnknown, Severity::kBlocking, kMsgKindUnknown,
                                      {{"fallback", model::ApplicationKindName(kind)}},
                                      form_evidence});
  }
  if (type == ApplicantType::kUnknown) {
    type = ApplicantType::kSocialOrg;
    result.findings.push_back(Finding{kRuleTypeUnknown, Severity::kBlocking, kMsgTypeUnknown,
                                      {{"fallback", model::ApplicantTypeName(type)}},
                                      form_evidence});
  }
  result.checked_kind = kind;
  result.checked_type = type;

  const Checklist* checklist = checklists.Find(kind, type);
  std::vector<bool> claimed(dossier.files.size(), false);
  if (checklist == nullptr) {
    result.findings.push_back(Finding{kRuleNoChecklist, Severity::kBlocking, kMsgNoChecklist,
                                      {{"kind", model::ApplicationKindName(kind)},
                                       {"type", model::ApplicantTypeName(type)}},
                                      {}});
  } else {
    for (const ChecklistItem& item : checklist->items) {
      const Material& m = *item.material;
      MaterialResult mr;
      mr.id = m.id;
      mr.name = m.name;
      mr.article = m.article;
      mr.required = IsRequired(item, dossier);

      std::vector<const DossierFile*> matched;
      for (std::size_t i = 0; i < dossier.files.size(); ++i) {
        if (Matches(m, dossier.files[i])) {
          matched.push_back(&dossier.files[i]);
          claimed[i] = true;
          mr.files.push_back(dossier.files[i].display_path);
        }
      }

      const Severity bad_severity = mr.required ? Severity::kBlocking : Severity::kReview;
      if (matched.empty()) {
        mr.status = MaterialStatus::kMissing;
        if (mr.required) {
          result.findings.push_back(
              Finding{m.id, Severity::kBlocking, kMsgMissing, MaterialArgs(m), {}});
        }
      } else {
        mr.status = MaterialStatus::kPresent;
        for (const DossierFile* f : matched) {
          auto args = MaterialArgs(m);
          args.emplace_back("file", f->display_path);
          if (f->health != FileHealth::kOk) {
            mr.status = MaterialStatus::kUnreadable;
            args.emplace_back("health", model::FileHealthName(f->health));
            result.findings.push_back(Finding{m.id, bad_severity,
                                              kMsgUnreadablePrefix +
                                                  std::string(model::FileHealthName(f->health)),
                                              std::move(args), {{f->display_path, ""}}});
          } else if (!m.Accepts(f->format)) {
            mr.status = MaterialStatus::kUnreadable;
            args.emplace_back("format", model::FileFormatName(f->format));
            args.emplace_back("accepted", FormatList(m));
            result.findings.push_back(Finding{m.id, bad_severity, kMsgFormatNotAccepted,
                                              std::move(args), {{f->display_path, ""}}});
          }
        }
        if (!m.multiple && matched.size() > 1) {
          std::string list;
          std::vector<model::SourceRef> evidence;
          for (const DossierFile* f : matched) {
            if (!list.empty()) list += ", ";
            list += f->display_path;
            evidence.push_back({f->display_path, ""});
          }
          auto args = MaterialArgs(m);
          args.emplace_back("files", list);
          args.emplace_back("count", std::to_string(matched.size()));
          result.findings.push_back(
              Finding{m.id, Severity::kReview, kMsgDuplicate, std::move(args), evidence});
        }
      }
      result.materials.push_back(std::move(mr));
    }
  }

  for (std::size_t i = 0; i < dossier.files.size(); ++i) {
    if (!claimed[i] && !dossier.files[i].is_form) {
      result.unmatched_files.push_back(dossier.files[i].display_path);
    }
  }
  std::sort(result.unmatched_files.begin(), result.unmatched_files.end());
  return result;
}

const std::vector<std::string>& MessageIds() {
  static const std::vector<std::string> kIds = [] {
    std::vector<std::string> ids = {kMsgMissing,     kMsgFormatNotAccepted, kMsgDuplicate,
                                    kMsgKindUnknown, kMsgTypeUnknown,       kMsgNoChecklist};
    for (FileHealth h : {FileHealth::kEmpty, FileHealth::kCorrupt, FileHealth::kTruncated,
                         FileHealth::kWrongFormat, FileHealth::kEncrypted, FileHealth::kTooLarge,
                         FileHealth::kUnsupported}) {
      ids.push_back(kMsgUnreadablePrefix + std::string(model::FileHealthName(h)));
    }
    return ids;
  }();
  return kIds;
}

}  // namespace pipeline::completeness
