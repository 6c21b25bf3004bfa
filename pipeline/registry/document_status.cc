// beian status DOCUMENT-ID: one document with the free-text slots its template prints, each
// with the text filled so far; with --out, a draft rendered there as `edit` renders it. The
// workbench's document page shows the same (pipeline/web).
#include <nlohmann/json.hpp>

#include "pipeline/core/text.h"
#include "pipeline/registry/command_context.h"
#include "pipeline/render/doc/render_command.h"
#include "pipeline/render/doc/template.h"

namespace pipeline::registry {
namespace {

struct SlotView {
  std::string name, label, text;
  std::vector<std::string> choices;  // a choice slot's values; empty for free text
};

std::string SlotLabel(const report::MessageCatalog& m, const std::string& name) {
  const std::string key = "registry.slot." + name;
  return m.Has(key) ? m.Format(key, {{"slot", name}}) : name;
}

std::vector<SlotView> SlotViews(const report::MessageCatalog& m,
                                const std::vector<std::string>& names,
                                const std::vector<render::ChoiceSlot>& choices,
                                const std::map<std::string, std::string>& filled) {
  std::vector<SlotView> out;
  auto text = [&](const std::string& name) {
    auto it = filled.find(name);
    return it == filled.end() ? std::string() : it->second;
  };
  for (const render::ChoiceSlot& c : choices) {
    out.push_back(
        {c.name, c.label.empty() ? SlotLabel(m, c.name) : c.label, text(c.name), c.values});
  }
  for (const std::string& name : names) out.push_back({name, SlotLabel(m, name), text(name), {}});
  return out;
}

nlohmann::json DocumentJson(const DocumentDetail& d, const std::vector<SlotView>& slots) {
  nlohmann::json j = {
      {"document", d.document_id}, {"kind", d.kind},         {"authority", d.authority},
      {"state", d.state},          {"number", d.number},     {"date", d.doc_date},
      {"cases", d.case_ids},       {"replaces", d.replaces}, {"created_on", d.created_on}};
  j["slots"] = nlohmann::json::array();
  for (const SlotView& s : slots) {
    nlohmann::json slot = {{"name", s.name}, {"label", s.label}, {"text", s.text}};
    if (!s.choices.empty()) slot["choices"] = s.choices;
    j["slots"].push_back(std::move(slot));
  }
  return j;
}

void PrintDocument(const Context& ctx, const DocumentDetail& d,
                   const std::vector<SlotView>& slots) {
  const report::MessageCatalog& m = ctx.messages;
  const std::string line = DocumentLine(m, d.document_id, d.kind, d.state, d.number, d.doc_date,
                                        d.created_on, d.served_on);
  ctx.out << m.Format("registry.status.document_head",
                      {{"line", line}, {"cases", JoinListArg(d.case_ids)}})
          << "\n";
  if (slots.empty()) {
    ctx.out << m.Format("registry.status.no_slots") << "\n";
    return;
  }
  ctx.out << m.Format("registry.status.slots_head", {{"id", d.document_id}}) << "\n";
  for (const SlotView& s : slots) {
    const std::string label =
        s.choices.empty() ? s.label
                          : m.Format("registry.status.choice_label",
                                     {{"label", s.label}, {"values", JoinListArg(s.choices)}});
    ctx.out << m.Format(
                   "registry.status.slot_line",
                   {{"label", label},
                    {"text", s.text.empty() ? m.Format("registry.status.slot_unfilled") : s.text}})
            << "\n";
  }
}

}  // namespace

bool IsDocumentId(std::string_view ref) {
  if (ref.size() < 7 || ref[0] != 'D' || ref[5] != '-') return false;
  for (std::size_t i = 1; i < ref.size(); ++i) {
    if (i != 5 && (ref[i] < '0' || ref[i] > '9')) return false;
  }
  return true;
}

Result<std::vector<std::string>> TemplateSlots(const FileSystem& fs, const std::string& data_dir,
                                               const std::string& kind) {
  Result<std::string> text =
      fs.ReadFile(render::ResolveTemplatePath(data_dir, kind), FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  return render::SlotNames(*text);
}

Result<std::vector<render::ChoiceSlot>> TemplateChoiceSlots(const FileSystem& fs,
                                                            const std::string& data_dir,
                                                            const std::string& kind,
                                                            const nlohmann::json& data) {
  const std::string path = render::ResolveTemplatePath(data_dir, kind);
  Result<std::string> text = fs.ReadFile(path, FileSystem::kDefaultMaxRead);
  if (!text) return text.error();
  if (text->find("<choice-slots") == std::string::npos) return std::vector<render::ChoiceSlot>{};
  Result<std::unique_ptr<render::Template>> t = render::Template::Parse(path, std::move(*text));
  if (!t) return t.error();
  return (*t)->ChoiceSlots(data);
}

Status DocumentStatus(Context& ctx) {
  Result<DocumentDetail> d = ctx.registry.LoadDocument(ctx.options.case_ref);
  if (!d) return d.error();
  Result<std::vector<std::string>> names = TemplateSlots(ctx.fs, ctx.data_dir, d->kind);
  if (!names) return names.error();
  Result<nlohmann::json> data = StoredDocumentData(ctx.registry, *d);
  if (!data) return data.error();
  Result<std::vector<render::ChoiceSlot>> choices =
      TemplateChoiceSlots(ctx.fs, ctx.data_dir, d->kind, *data);
  if (!choices) return choices.error();
  Result<std::map<std::string, std::string>> filled = ctx.registry.Slots(d->document_id);
  if (!filled) return filled.error();
  const std::vector<SlotView> slots = SlotViews(ctx.messages, *names, *choices, *filled);
  std::string draft;
  if (!ctx.options.out_dir.empty() && d->state == "draft") {
    Result<std::string> path =
        RenderDraftFile(ctx.registry, ctx.fs, ctx.messages, ctx.data_dir, d->document_id,
                        ctx.actor.today, ctx.options.out_dir, ctx.options.fonts);
    if (!path) return path.error();
    draft = *path;
  }
  if (ctx.options.json) {
    nlohmann::json j = DocumentJson(*d, slots);
    if (!draft.empty()) j["draft_file"] = draft;
    ctx.out << j.dump(2) << "\n";
    return Status::Ok();
  }
  PrintDocument(ctx, *d, slots);
  if (!draft.empty()) {
    ctx.out << ctx.messages.Format("registry.drafted",
                                   {{"document", d->document_id},
                                    {"kind", Word(ctx.messages, "registry.document.", d->kind)},
                                    {"file", draft}})
            << "\n";
  }
  return Status::Ok();
}

}  // namespace pipeline::registry
