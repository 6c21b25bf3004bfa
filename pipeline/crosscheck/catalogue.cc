#include "pipeline/crosscheck/catalogue.h"

#include <algorithm>
#include <charconv>

#include "pipeline/core/text.h"
#include "pipeline/core/tsv.h"
#include "pipeline/core/utf8.h"
#include "pipeline/model/occupation.h"

namespace pipeline::crosscheck {

using model::CatalogueMatch;
using model::CatalogueOccupation;
using model::CatalogueStandard;
using model::MatchKind;

namespace {

bool ParseInt(const std::string& s, int* out) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && p == end;
}

// First four parts of a code ("6-30-05-01-014" -> "6-30-05-01").
std::string_view BaseCode(std::string_view code) {
  return code.size() > 10 && code[10] == '-' ? code.substr(0, 10) : code;
}

}  // namespace

Result<Catalogue> Catalogue::FromTsv(std::string_view occupations_tsv,
                                     const std::string& occupations_file,
                                     std::string_view standards_tsv,
                                     const std::string& standards_file) {
  Result<TsvTable> occ = ParseTsv(occupations_tsv, occupations_file,
                                  {"code", "name", "marks", "major_group", "major_group_name",
                                   "small_name", "work_type_count", "post_2022_candidate"});
  if (!occ) return occ.error();
  Result<TsvTable> std_t = ParseTsv(
      standards_tsv, standards_file,
      {"published_code", "published_name", "base_occupation_name", "work_type_or_direction",
       "issued_date", "edition_year", "doc_number", "code_2022", "standard_kind"});
  if (!std_t) return std_t.error();

  Catalogue c;
  auto col = [](const TsvTable& t, const char* name) {
    return static_cast<std::size_t>(t.Column(name));
  };
  const std::size_t c_code = col(*occ, "code"), c_name = col(*occ, "name"),
                    c_marks = col(*occ, "marks"), c_group = col(*occ, "major_group"),
                    c_gname = col(*occ, "major_group_name"), c_small = col(*occ, "small_name"),
                    c_wtc = col(*occ, "work_type_count"), c_post = col(*occ, "post_2022_candidate");
  for (const TsvTable::Row& row : occ->rows) {
    CatalogueOccupation o;
    o.code = row.fields[c_code];
    o.name = row.fields[c_name];
    o.marks = row.fields[c_marks];
    o.major_group_name = row.fields[c_gname];
    o.small_group_name = row.fields[c_small];
    o.post_2022_candidate = row.fields[c_post] == "1";
    if (model::NormaliseOccupationCode(o.code).value_or("") != o.code || o.code.size() != 10) {
      return Status::InvalidData("malformed occupation code \"" + o.code + "\"", occupations_file,
                                 row.line);
    }
    if (!ParseInt(row.fields[c_group], &o.major_group) || o.major_group != o.code[0] - '0') {
      return Status::InvalidData(
          "major_group \"" + row.fields[c_group] + "\" disagrees with code " + o.code,
          occupations_file, row.line);
    }
    if (!ParseInt(row.fields[c_wtc], &o.work_type_count)) o.work_type_count = 0;
    if (o.name.empty()) {
      return Status::InvalidData("empty name for " + o.code, occupations_file, row.line);
    }
    if (!c.by_code_.emplace(o.code, c.occupations_.size()).second) {
      return Status::InvalidData("duplicate code " + o.code, occupations_file, row.line);
    }
    std::string key = NormaliseCompact(o.name);
    c.by_name_.emplace(key, c.occupations_.size());  // first wins on a (rare) repeated name
    c.name_keys_.push_back(std::move(key));
    c.occupations_.push_back(std::move(o));
  }

  const std::size_t s_pcode = col(*std_t, "published_code"),
                    s_pname = col(*std_t, "published_name"),
                    s_base = col(*std_t, "base_occupation_name"),
                    s_wt = col(*std_t, "work_type_or_direction"),
                    s_issued = col(*std_t, "issued_date"), s_year = col(*std_t, "edition_year"),
                    s_doc = col(*std_t, "doc_number"), s_c22 = col(*std_t, "code_2022"),
                    s_kind = col(*std_t, "standard_kind");
  for (const TsvTable::Row& row : std_t->rows) {
    CatalogueStandard s;
    s.published_code = row.fields[s_pcode];
    s.published_name = row.fields[s_pname];
    s.base_name = row.fields[s_base];
    s.work_type = row.fields[s_wt];
    s.issued_date = row.fields[s_issued];
    s.doc_number = row.fields[s_doc];
    s.code_2022 = row.fields[s_c22];
    s.standard_kind = row.fields[s_kind];
    if (s.published_name.empty()) {
      return Status::InvalidData("empty published_name", standards_file, row.line);
    }
    if (!row.fields[s_year].empty() && !ParseInt(row.fields[s_year], &s.edition_year)) {
      return Status::InvalidData("edition_year \"" + row.fields[s_year] + "\" is not a number",
                                 standards_file, row.line);
    }
    if (!s.code_2022.empty()) {
      if (c.by_code_.count(s.code_2022) == 0) {
        return Status::InvalidData("code_2022 " + s.code_2022 + " is not in " + occupations_file,
                                   standards_file, row.line);
      }
      c.standards_by_code_[s.code_2022].push_back(c.standards_.size());
    }
    c.standards_.push_back(std::move(s));
  }
  for (auto& [code, idx] : c.standards_by_code_) {
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return c.standards_[a].issued_date > c.standards_[b].issued_date;
    });
  }
  return c;
}

const CatalogueOccupation* Catalogue::FindCode(std::string_view code) const {
  auto it = by_code_.find(std::string(BaseCode(code)));
  return it == by_code_.end() ? nullptr : &occupations_[it->second];
}

const CatalogueOccupation* Catalogue::FindName(std::string_view name) const {
  auto it = by_name_.find(NormaliseCompact(name));
  return it == by_name_.end() ? nullptr : &occupations_[it->second];
}

std::vector<const CatalogueStandard*> Catalogue::StandardsFor(std::string_view code) const {
  std::vector<const CatalogueStandard*> out;
  auto it = standards_by_code_.find(std::string(BaseCode(code)));
  if (it == standards_by_code_.end()) return out;
  for (std::size_t i : it->second) out.push_back(&standards_[i]);
  return out;
}

CatalogueMatch Catalogue::MakeMatch(std::size_t index, MatchKind kind, double score) const {
  CatalogueMatch m;
  m.occupation = &occupations_[index];
  m.kind = kind;
  m.score = score;
  m.standards = StandardsFor(m.occupation->code);
  return m;
}

std::vector<CatalogueMatch> Catalogue::SuggestNames(std::string_view name, std::size_t max) const {
  const std::string q = NormaliseCompact(name);
  std::vector<CatalogueMatch> out;
  if (q.empty() || max == 0) return out;
  const std::size_t qlen = Utf8Length(q);
  for (std::size_t i = 0; i < occupations_.size(); ++i) {
    const std::string& key = name_keys_[i];
    const std::size_t klen = Utf8Length(key);
    if (key == q) {
      out.push_back(MakeMatch(i, MatchKind::kExactName, 1.0));
      continue;
    }
    if (key.find(q) != std::string::npos || q.find(key) != std::string::npos) {
      const double ratio =
          static_cast<double>(std::min(qlen, klen)) / static_cast<double>(std::max(qlen, klen));
      out.push_back(MakeMatch(i, MatchKind::kContains, 0.6 + 0.35 * ratio));
      continue;
    }
    const std::size_t ed = EditDistance(q, key);
    const double bigram = BigramSimilarity(q, key);
    const std::size_t longest = std::max(qlen, klen);
    if (ed <= std::max<std::size_t>(1, qlen / 3) || bigram >= 0.5) {
      const double by_ed = 1.0 - static_cast<double>(ed) / static_cast<double>(longest);
      out.push_back(MakeMatch(i, MatchKind::kFuzzy, 0.9 * std::max(by_ed, bigram)));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const CatalogueMatch& a, const CatalogueMatch& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.occupation->code < b.occupation->code;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

std::vector<CatalogueMatch> Catalogue::Lookup(std::string_view query, std::size_t max) const {
  std::vector<CatalogueMatch> out;
  const std::string q = UnifyDashes(NormaliseCompact(query));
  if (q.empty() || max == 0) return out;
  if (std::optional<std::string> code = model::NormaliseOccupationCode(q)) {
    if (const CatalogueOccupation* o = FindCode(*code)) {
      out.push_back(
          MakeMatch(static_cast<std::size_t>(o - occupations_.data()), MatchKind::kExactCode, 1.0));
    }
    return out;
  }
  const bool code_like = std::all_of(q.begin(), q.end(),
                                     [](char ch) { return (ch >= '0' && ch <= '9') || ch == '-'; });
  if (code_like) {
    for (std::size_t i = 0; i < occupations_.size() && out.size() < max; ++i) {
      if (occupations_[i].code.compare(0, q.size(), q) == 0) {
        out.push_back(MakeMatch(i, MatchKind::kCodePrefix, 1.0));
      }
    }
    return out;
  }
  return SuggestNames(q, max);
}

Result<Catalogue> LoadCatalogue(const FileSystem& fs, const std::string& data_dir) {
  const std::string occ_path = JoinPath(data_dir, "occupations_2022.tsv");
  const std::string std_path = JoinPath(data_dir, "skill_standards.tsv");
  Result<std::string> occ = fs.ReadFile(occ_path);
  if (!occ) return occ.error().WithContext("loading the occupation catalogue");
  Result<std::string> stds = fs.ReadFile(std_path);
  if (!stds) return stds.error().WithContext("loading the skill standards catalogue");
  return Catalogue::FromTsv(*occ, occ_path, *stds, std_path);
}

}  // namespace pipeline::crosscheck
