// MessageCatalog: MessageId -> user-facing text (Chinese), loaded from
// templates/messages.zh-CN.tsv at start. Each line is `key<TAB>text`; blank lines and lines
// starting with '#' are ignored. Text may hold named placeholders `{name}` filled from a
// Finding's args. Code never holds the wording, only the keys.
#ifndef PIPELINE_REPORT_MESSAGES_H_
#define PIPELINE_REPORT_MESSAGES_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/status.h"

namespace pipeline::report {

class MessageCatalog {
 public:
  // Fails with InvalidData naming file:line for a line without a tab, an empty key, a duplicate
  // key or invalid UTF-8.
  static Result<MessageCatalog> Load(const FileSystem& fs, const std::string& path);

  bool Has(const std::string& key) const { return texts_.count(key) != 0; }

  // The text for `key` with `{name}` placeholders replaced by the matching arg; unknown
  // placeholders are left as written. An arg whose value is a code has its wording in the
  // catalogue under "arg.<name>.<value>" (e.g. arg.material_status.missing) and is replaced by
  // it, so codes such as "missing" never reach a clerk. A placeholder may name a filter:
  // `{filed|date}` words an ISO date with format.date (2025年12月20日), `{value|q}` quotes a
  // value with format.open_quote/close_quote or, when empty, says format.empty (未填写),
  // `{files|list}` joins a "; "-separated list with format.list_separator. Any other arg whose
  // value is empty (a field the applicant did not fill) is worded by "arg.<name>." (the empty
  // value), else by `arg.empty` (未填写): a message never shows an empty hole. A missing key
  // yields "[key]" so the gap is visible (a
  // test keeps every key used in code and data present).
  std::string Format(const std::string& key,
                     const std::vector<std::pair<std::string, std::string>>& args = {}) const;

  const std::map<std::string, std::string>& texts() const { return texts_; }

 private:
  // The wording of one arg value (see Format).
  std::string Worded(const std::string& name, const std::string& value) const;

  std::map<std::string, std::string> texts_;
};

}  // namespace pipeline::report

#endif  // PIPELINE_REPORT_MESSAGES_H_
