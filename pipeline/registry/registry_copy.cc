#include "pipeline/registry/registry_copy.h"

#include <algorithm>

#include "pipeline/core/sha256.h"

namespace pipeline::registry {
namespace {

// The tables holding registry data (schema_version is each side's own).
Result<std::vector<std::string>> DataTables(Storage& db) {
  Result<std::vector<std::string>> all = db.Tables();
  if (!all) return all.error();
  std::vector<std::string> out;
  for (const std::string& t : *all) {
    if (t != "schema_version") out.push_back(t);
  }
  return out;
}

// A row as text that keeps each value's type: NULL, an integer, a text and bytes never look
// alike.
std::string RowText(const Row& r) {
  std::string s;
  for (const Value& v : r) {
    if (std::holds_alternative<std::monostate>(v)) {
      s += "N;";
    } else if (std::holds_alternative<std::int64_t>(v)) {
      s += "i" + AsText(v) + ";";
    } else if (const auto* b = std::get_if<Bytes>(&v)) {
      s += "b" + std::to_string(b->data.size()) + ":" + b->data + ";";
    } else {
      const std::string& t = std::get<std::string>(v);
      s += "t" + std::to_string(t.size()) + ":" + t + ";";
    }
  }
  return s;
}

Status CopyTable(Storage& from, Storage& to, const std::string& table) {
  Result<std::vector<Row>> rows = from.Query("SELECT * FROM " + table);
  if (!rows) return rows.error();
  for (const Row& r : *rows) {
    std::string sql = "INSERT INTO " + table + " VALUES (";
    for (std::size_t i = 0; i < r.size(); ++i) sql += i == 0 ? "?" : ", ?";
    PIPELINE_RETURN_IF_ERROR(to.Execute(sql + ")", r));
  }
  return Status::Ok();
}

Status EmptyTarget(Storage& to, const std::vector<std::string>& tables, bool replace,
                   const std::string& refusal) {
  for (const std::string& t : tables) {
    Result<std::vector<Row>> n = to.Query("SELECT COUNT(*) FROM " + t);
    if (!n) return n.error();
    if (AsInt(n->front()[0]) == 0) continue;
    if (!replace) return Status::InvalidArgument(refusal);
    // Referring tables were made later: delete from the last made first.
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
      PIPELINE_RETURN_IF_ERROR(to.Execute("DELETE FROM " + *it));
    }
    return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Result<TableCopy> TableDigest(Storage& db, const std::string& table) {
  Result<std::vector<Row>> rows = db.Query("SELECT * FROM " + table);
  if (!rows) return rows.error();
  std::vector<std::string> texts;
  texts.reserve(rows->size());
  for (const Row& r : *rows) texts.push_back(RowText(r));
  std::sort(texts.begin(), texts.end());
  Sha256 h;
  for (const std::string& t : texts) h.Update(t + "\n");
  return TableCopy{table, static_cast<std::int64_t>(rows->size()), h.HexDigest()};
}

Result<std::vector<TableCopy>> CopyRegistry(Storage& from, Storage& to, bool replace,
                                            const std::string& refusal) {
  std::vector<TableCopy> out;
  Status s = InTransaction(from, TxMode::kRead, [&]() -> Status {
    return InTransaction(to, TxMode::kWrite, [&]() -> Status {
      out.clear();
      Result<std::vector<std::string>> tables = DataTables(from);
      if (!tables) return tables.error();
      Result<std::vector<std::string>> target_tables = DataTables(to);
      if (!target_tables) return target_tables.error();
      PIPELINE_RETURN_IF_ERROR(EmptyTarget(to, *target_tables, replace, refusal));
      for (const std::string& t : *tables) PIPELINE_RETURN_IF_ERROR(CopyTable(from, to, t));
      for (const std::string& t : *tables) {
        Result<TableCopy> a = TableDigest(from, t);
        if (!a) return a.error();
        Result<TableCopy> b = TableDigest(to, t);
        if (!b) return b.error();
        if (a->rows != b->rows || a->sha256 != b->sha256) {
          return Status::Internal(
              "table " + t + " differs after the copy: " + std::to_string(a->rows) +
              " rows, SHA-256 " + a->sha256 + " in " + from.Location() + "; " +
              std::to_string(b->rows) + " rows, SHA-256 " + b->sha256 + " in " + to.Location());
        }
        out.push_back(*a);
      }
      return Status::Ok();
    });
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace pipeline::registry
