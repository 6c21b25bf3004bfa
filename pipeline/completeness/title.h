// Attachment titles read the way a clerk reads them.
//
// A Chinese document title ends with what the document is (its head: 名单, 清单, 制度, 预案,
// 说明, 证明, 承诺书, 报告/请示, 执照/证书, ...); what comes before says whose it is and about
// what (its subject). `考评人员管理制度` is a 制度 about assessors, not a 名单 of them.
//
// AnalyseTitle turns a file or folder name into a Title: outline numbers (`1.`, `附件3`,
// `（一）`, `三、`), extensions (also doubled: `.docx.docx`), trailing decorations (`（盖章）`,
// `(1)`, 副本, 复印件, dates) removed, the longest known head it ends with, and what is left
// once the owner's name (`…有限公司`, `…学校`) and filler words (关于, 的) are taken away.
// Every word list is data (TitleVocabulary, from the <vocabulary> element of
// checklists/materials.xml); matching is done on NFKC-folded, space-free, ASCII-lower-case
// text.
#ifndef PIPELINE_COMPLETENESS_TITLE_H_
#define PIPELINE_COMPLETENESS_TITLE_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace pipeline::completeness {

// The words titles are read with; all entries are stored normalised (NormaliseTitleText).
struct TitleVocabulary {
  // Known heads (what a document is), longest first. The loader adds every head a material
  // names to the ones the vocabulary lists.
  std::vector<std::string> heads;
  // Trailing words that say how a copy was made, not what it is (副本, 复印件, 盖章版).
  std::vector<std::string> decorations;
  // Words that carry no subject (关于, 的, 本单位).
  std::vector<std::string> fillers;
  // Endings of an organisation's name (有限公司, 学校): a title's prefix up to one of them is
  // the owner, not the subject.
  std::vector<std::string> owner_suffixes;
  // Heads of a merged file that may hold many materials (汇总, 合集, 全部材料).
  std::vector<std::string> merged_heads;
  // Words joining the materials one title names (及, 和, 与, 、): `登记证书及法定代表人身份证明`.
  std::vector<std::string> joiners;
  // Words ending a title that collects the materials named before them (汇编, 合集):
  // `管理运行制度、人员管理制度及应急预案汇编`.
  std::vector<std::string> collective_words;
  // Bracket pairs (open and close) a trailing group is cut at: `(盖章)`, `【扫描件】`.
  std::vector<std::pair<std::string, std::string>> brackets;
  // RE2, anchored at the start: one outline number with its separator (`附件3-`, `三、`).
  std::shared_ptr<const re2::RE2> numbering;

  // Sorts `heads` longest first (ties by bytes) and removes duplicates.
  void Finish();
};

struct Title {
  std::string text;  // normalised, without numbering, extension and decorations
  std::string head;  // the known head `text` ends with, or empty
  // `text` without the head, the owner's name and filler words: empty for a bare `承诺书`.
  std::string residue;
};

// NFKC, whitespace removed, ASCII lower case (the form every vocabulary entry is kept in).
std::string NormaliseTitleText(std::string_view s);

// Reads one path component. `is_file`: strip the extension(s) first.
Title AnalyseTitle(const TitleVocabulary& vocabulary, std::string_view name, bool is_file);

// True when `text` contains `word` (both normalised).
inline bool Contains(const std::string& text, const std::string& word) {
  return !word.empty() && text.find(word) != std::string::npos;
}

}  // namespace pipeline::completeness

#endif  // PIPELINE_COMPLETENESS_TITLE_H_
