#include "pipeline/completeness/classify.h"

#include <algorithm>

#include "pipeline/core/file_system.h"
#include "pipeline/core/utf8.h"

namespace pipeline::completeness {
namespace {

// The file's title and its folders' titles, nearest folder first.
struct Context {
  Title file;
  std::vector<Title> folders;
  std::string all_text;  // every title joined, for subject and exclude words
  std::string head;      // the file's head, or the nearest folder's
  bool head_from_folder = false;
};

Context MakeContext(const TitleVocabulary& v, const std::string& path) {
  Context c;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (parts.empty()) return c;
  c.file = AnalyseTitle(v, parts.back(), /*is_file=*/true);
  c.all_text = c.file.text;
  for (std::size_t i = parts.size() - 1; i-- > 0;) {
    c.folders.push_back(AnalyseTitle(v, parts[i], /*is_file=*/false));
    c.all_text += "/" + c.folders.back().text;
  }
  c.head = c.file.head;
  for (const Title& f : c.folders) {
    if (!c.head.empty()) break;
    c.head = f.head;
    c.head_from_folder = true;
  }
  return c;
}

std::size_t CodePoints(const std::string& s) { return Utf8Length(s); }

bool Has(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// How specifically `word` names the file: its length, and more when the file's own name holds it
// than when only a folder's does (资料/题库情况说明.doc is the 题库情况说明, not a 资料 document).
std::size_t SubjectScore(const Context& c, const std::string& word) {
  constexpr std::size_t kInOwnName = 100;
  if (Contains(c.file.text, word)) return CodePoints(word) + kInOwnName;
  return Contains(c.all_text, word) ? CodePoints(word) : 0;
}

Candidate ByTitle(const TitleVocabulary& v, const Material& m, const Context& c) {
  const TitleSpec& t = *m.title;
  for (const std::string& x : t.excludes) {
    if (Contains(c.all_text, x)) return {&m, Strength::kNone, 0};
  }
  std::size_t subject = 0;
  for (const std::string& s : t.subjects) subject = std::max(subject, SubjectScore(c, s));
  if (c.head.empty()) {
    return {&m, subject > 0 ? Strength::kWeak : Strength::kNone, subject};
  }
  // The head is this kind of document when it is one of the material's heads or a more
  // specific form of one (明细表 is a 表); a merged-file head (全部材料) only when named.
  const bool merged_head = Has(v.merged_heads, c.head);
  const bool head_fits = std::any_of(t.heads.begin(), t.heads.end(), [&](const std::string& h) {
    if (merged_head) return h == c.head;
    return c.head.size() >= h.size() && c.head.compare(c.head.size() - h.size(), h.size(), h) == 0;
  });
  if (!head_fits) return {&m, Strength::kNone, 0};
  for (const std::string& s : t.topics) subject = std::max(subject, SubjectScore(c, s));
  if ((t.subjects.empty() && t.topics.empty()) || subject > 0) {
    return {&m, Strength::kStrong, subject};
  }
  if (!c.head_from_folder && c.file.residue.empty()) return {&m, Strength::kWeak, 0};
  return {&m, Strength::kNone, 0};
}

Candidate Match(const TitleVocabulary& v, const Material& m, const Context& c,
                const std::string& path, bool is_form) {
  if (m.form && is_form) return {&m, Strength::kStrong, 1000};  // the form is the form
  Candidate best{&m, Strength::kNone, 0};
  if (m.title) best = ByTitle(v, m, c);
  if (best.strength != Strength::kStrong && !m.patterns.empty()) {
    const std::size_t n = m.PatternMatchLength(path);
    if (n > 0) best = {&m, Strength::kStrong, n};
  }
  return best;
}

bool Better(const Candidate& a, const Candidate& b) {
  if (a.strength != b.strength) return a.strength > b.strength;
  return a.specificity > b.specificity;
}

}  // namespace

Candidate MatchMaterial(const ChecklistSet& set, const Material& m, const std::string& path,
                        bool is_form) {
  return Match(set.vocabulary(), m, MakeContext(set.vocabulary(), path), path, is_form);
}

namespace {

Classification ClassifyWhole(const ChecklistSet& set, const std::string& path, bool is_form) {
  const Context c = MakeContext(set.vocabulary(), path);
  Classification out;
  for (const auto& m : set.materials()) {
    Candidate cand = Match(set.vocabulary(), *m, c, path, is_form);
    if (cand.strength == Strength::kNone) continue;
    if (out.best.empty() || Better(cand, out.best.front())) {
      out.best.assign(1, cand);
    } else if (!Better(out.best.front(), cand)) {
      out.best.push_back(cand);
    }
  }
  if (out.best.empty() && !c.file.head.empty()) {
    out.merged = Has(set.vocabulary().merged_heads, c.file.head);
  }
  return out;
}

// The parts of a title split at the joiners, each with a head (borrowed from the last part
// when it has none); fewer than two parts: none.
std::vector<std::string> TitleParts(const TitleVocabulary& v, std::string text) {
  for (const std::string& w : v.collective_words) {
    if (text.size() > w.size() && text.ends_with(w)) {
      text.resize(text.size() - w.size());
      break;
    }
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t cut = std::string::npos, length = 0;
    for (const std::string& j : v.joiners) {
      const std::size_t at = text.find(j, start);
      if (!j.empty() && at < cut) cut = at, length = j.size();
    }
    if (cut == std::string::npos) cut = text.size();
    if (cut > start) parts.push_back(text.substr(start, cut - start));
    start = cut + length;
  }
  if (parts.size() < 2) return {};
  const std::string last_head = AnalyseTitle(v, parts.back(), /*is_file=*/false).head;
  for (std::string& p : parts) {
    if (AnalyseTitle(v, p, /*is_file=*/false).head.empty()) p += last_head;
  }
  return parts;
}

// The different materials the title's parts strongly name, in title order.
std::vector<const Material*> NamedMaterials(const ChecklistSet& set, const std::string& path) {
  const std::string folder = DirName(path);
  std::vector<const Material*> named;
  const Title title = AnalyseTitle(set.vocabulary(), BaseName(path), /*is_file=*/true);
  for (const std::string& part : TitleParts(set.vocabulary(), title.text)) {
    const Classification c = ClassifyWhole(set, JoinPath(folder, part), /*is_form=*/false);
    if (c.best.size() != 1 || c.best.front().strength != Strength::kStrong) continue;
    const Material* m = c.best.front().material;
    if (std::find(named.begin(), named.end(), m) == named.end()) named.push_back(m);
  }
  if (named.size() < 2) named.clear();
  return named;
}

}  // namespace

Classification ClassifyFile(const ChecklistSet& set, const std::string& path, bool is_form) {
  if (!is_form) {
    Classification out;
    out.named = NamedMaterials(set, path);
    if (!out.named.empty()) return out;
  }
  return ClassifyWhole(set, path, is_form);
}

}  // namespace pipeline::completeness
