#include "pipeline/crosscheck/business_terms.h"

#include <algorithm>
#include <pugixml.hpp>

#include "pipeline/core/text.h"
#include "pipeline/core/xml.h"

namespace pipeline::crosscheck {

namespace {

// Code points in valid UTF-8 `s` (continuation bytes are not counted).
int CharCount(std::string_view s) {
  return static_cast<int>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

}  // namespace

Result<BusinessTerms> BusinessTerms::FromXml(const std::string& xml, const std::string& file) {
  pugi::xml_document doc;
  PIPELINE_RETURN_IF_ERROR(ParseXml(file, xml, doc));
  pugi::xml_node root = doc.child("business-terms");
  if (!root) return Status::InvalidData("missing <business-terms> root element", file, 1);
  BusinessTerms t;
  for (pugi::xml_node n : root.children()) {
    if (n.type() != pugi::node_element) continue;
    const int line = LineAtOffset(xml, n.offset_debug());
    const std::string tag = n.name();
    const std::string text = NormaliseCompact(n.text().get());
    if (tag == "min-chars") {
      t.min_chars_ = n.text().as_int(0);
      if (t.min_chars_ < 1 || t.min_chars_ > 10) {
        return Status::InvalidData("<min-chars> must be 1..10", file, line);
      }
    } else if (tag == "evidence-joiner") {
      t.evidence_joiner_ = n.text().get();
      if (t.evidence_joiner_.empty()) {
        return Status::InvalidData("<evidence-joiner> is empty", file, line);
      }
    } else if (tag == "suffix" || tag == "generic" || tag == "separator") {
      if (text.empty()) return Status::InvalidData("<" + tag + "> is empty", file, line);
      (tag == "suffix" ? t.suffixes_ : t.cut_words_).push_back(text);
    } else if (tag == "synonyms") {
      std::string key = n.attribute("code").value();
      if (key.empty()) key = NormaliseCompact(n.attribute("name").value());
      std::vector<std::string> words;
      std::string cur;
      for (char c : NormaliseText(n.text().get()) + " ") {
        if (c == ' ') {
          AddUnique(words, NormaliseCompact(cur));
          cur.clear();
        } else {
          cur += c;
        }
      }
      if (key.empty() || words.empty()) {
        return Status::InvalidData("<synonyms> needs code= or name= and words", file, line);
      }
      auto& slot = t.synonyms_[key];
      for (std::string& w : words) AddUnique(slot, std::move(w));
    } else {
      return Status::InvalidData("unknown element <" + tag + ">", file, line);
    }
  }
  std::sort(t.cut_words_.begin(), t.cut_words_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return t;
}

std::string BusinessTerms::JoinForEvidence(const std::vector<std::string>& words) const {
  std::string joined;
  for (const std::string& w : words) joined += (joined.empty() ? "" : evidence_joiner_) + w;
  return joined;
}

std::vector<std::string> BusinessTerms::Pieces(std::string_view word) const {
  const std::string w = NormaliseCompact(word);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&]() {
    if (CharCount(cur) >= min_chars_) AddUnique(out, cur);
    cur.clear();
  };
  std::size_t pos = 0;
  while (pos < w.size()) {
    auto cut = std::find_if(cut_words_.begin(), cut_words_.end(),
                            [&](const std::string& c) { return w.compare(pos, c.size(), c) == 0; });
    if (cut != cut_words_.end()) {
      flush();
      pos += cut->size();
      continue;
    }
    cur += w[pos++];
  }
  flush();
  return out;
}

std::vector<std::string> BusinessTerms::Candidates(
    const model::RequestedOccupation& occupation, const model::CatalogueOccupation* catalogue_entry,
    const std::vector<model::StandardRef>& standards) const {
  std::vector<std::string> words;
  auto with_stem = [&](const std::string& name) {
    const std::string n = NormaliseCompact(name);
    AddUnique(words, n);
    for (const std::string& s : suffixes_) {
      if (n.size() > s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0) {
        AddUnique(words, n.substr(0, n.size() - s.size()));
      }
    }
  };
  with_stem(occupation.name);
  with_stem(occupation.work_type);
  if (catalogue_entry != nullptr) {
    with_stem(catalogue_entry->name);
    AddUnique(words, NormaliseCompact(catalogue_entry->small_group_name));
  }
  for (const model::StandardRef& s : standards) with_stem(s.work_type);
  for (const std::string& key : {occupation.code, occupation.name}) {
    if (auto it = synonyms_.find(key); it != synonyms_.end()) {
      for (const std::string& w : it->second) AddUnique(words, w);
    }
  }
  return words;
}

std::vector<std::string> BusinessTerms::Match(
    std::string_view main_business, const model::RequestedOccupation& occupation,
    const model::CatalogueOccupation* catalogue_entry,
    const std::vector<model::StandardRef>& standards) const {
  const std::string business = NormaliseCompact(main_business);
  std::vector<std::string> found;
  if (business.empty()) return found;
  for (const std::string& word : Candidates(occupation, catalogue_entry, standards)) {
    for (const std::string& piece : Pieces(word)) {
      if (business.find(piece) != std::string::npos) AddUnique(found, piece);
    }
  }
  return found;
}

Result<BusinessTerms> LoadBusinessTerms(const FileSystem& fs, const std::string& path) {
  Result<std::string> xml = fs.ReadFile(path);
  if (!xml) return xml.error().WithContext("loading business terms");
  return BusinessTerms::FromXml(*xml, path);
}

}  // namespace pipeline::crosscheck
