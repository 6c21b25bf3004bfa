#include "pipeline/registry/schema.h"

#include <algorithm>
#include <string_view>

namespace pipeline::registry {

const std::vector<Migration>& Migrations() {
  // Portable SQL only (SQLite and PostgreSQL): TEXT/INTEGER, ISO dates as TEXT, ids that the
  // registry allocates itself (id_counters), no auto-increment columns, no insert-or-replace.
  static const std::vector<Migration> kMigrations = {
      {1,
       "institutions, cases, versions, stage history, occupations, documents, filings, "
       "number sequences",
       {
           // 认定机构, keyed by 统一社会信用代码.
           "CREATE TABLE institutions (uscc TEXT PRIMARY KEY, name TEXT NOT NULL, "
           "first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)",
           // One application of an institution; stage is a stage id (pipeline/registry/stages.h).
           "CREATE TABLE cases (case_id TEXT PRIMARY KEY, "
           "uscc TEXT NOT NULL REFERENCES institutions (uscc), kind TEXT NOT NULL, "
           "authority TEXT NOT NULL, stage TEXT NOT NULL, stage_since TEXT NOT NULL, "
           "opened_on TEXT NOT NULL, current_version INTEGER NOT NULL)",
           "CREATE INDEX cases_by_uscc ON cases (uscc, kind)",
           // Each dossier submitted for a case; content_hash identifies the folder's content.
           "CREATE TABLE dossier_versions (case_id TEXT NOT NULL REFERENCES cases (case_id), "
           "version INTEGER NOT NULL, content_hash TEXT NOT NULL, folder TEXT NOT NULL, "
           "received_on TEXT NOT NULL, conclusion TEXT NOT NULL, report_id TEXT NOT NULL, "
           "recorded_by TEXT NOT NULL, PRIMARY KEY (case_id, version))",
           // Who did what, when, with which decision. corrects = seq of the entry a correction
           // replaces (NULL otherwise); nothing is ever deleted.
           "CREATE TABLE stage_history (case_id TEXT NOT NULL REFERENCES cases (case_id), "
           "seq INTEGER NOT NULL, action TEXT NOT NULL, stage TEXT NOT NULL, "
           "result TEXT NOT NULL, stage_after TEXT NOT NULL, acted_on TEXT NOT NULL, "
           "actor TEXT NOT NULL, note TEXT NOT NULL, reason TEXT NOT NULL, corrects INTEGER, "
           "version INTEGER NOT NULL, PRIMARY KEY (case_id, seq))",
           // Requested occupations per version; state requested | excluded | filed.
           "CREATE TABLE occupations (case_id TEXT NOT NULL, version INTEGER NOT NULL, "
           "seq INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, "
           "work_type TEXT NOT NULL, levels TEXT NOT NULL, state TEXT NOT NULL, "
           "reason TEXT NOT NULL, PRIMARY KEY (case_id, version, seq), "
           "FOREIGN KEY (case_id, version) REFERENCES dossier_versions (case_id, version))",
           // Drafts and issued copies. number/seq_* are set when issued; replaces names the
           // document a corrected re-issue replaces.
           "CREATE TABLE documents (document_id TEXT PRIMARY KEY, kind TEXT NOT NULL, "
           "authority TEXT NOT NULL, state TEXT NOT NULL, created_on TEXT NOT NULL, "
           "created_by TEXT NOT NULL, number TEXT, seq_year INTEGER, seq_value INTEGER, "
           "doc_date TEXT, sha256 TEXT, path TEXT, replaces TEXT)",
           "CREATE TABLE document_cases (document_id TEXT NOT NULL "
           "REFERENCES documents (document_id), case_id TEXT NOT NULL "
           "REFERENCES cases (case_id), PRIMARY KEY (document_id, case_id))",
           "CREATE TABLE document_slots (document_id TEXT NOT NULL "
           "REFERENCES documents (document_id), slot TEXT NOT NULL, text TEXT NOT NULL, "
           "PRIMARY KEY (document_id, slot))",
           // Filings and their validity.
           "CREATE TABLE filings (filing_id TEXT PRIMARY KEY, "
           "uscc TEXT NOT NULL REFERENCES institutions (uscc), "
           "case_id TEXT NOT NULL REFERENCES cases (case_id), filing_number TEXT NOT NULL, "
           "valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, state TEXT NOT NULL)",
           // 发文字号 sequences per authority and year: next_value is the next number to give.
           "CREATE TABLE number_sequences (authority TEXT NOT NULL, year INTEGER NOT NULL, "
           "next_value INTEGER NOT NULL, PRIMARY KEY (authority, year))",
           // Counters for the ids the registry allocates (case ids, document ids).
           "CREATE TABLE id_counters (name TEXT PRIMARY KEY, next_value INTEGER NOT NULL)",
       }},
      {2,
       "publicity periods, objections, document data",
       {
           // The 公示 a document announces: period and how it was counted.
           "CREATE TABLE publicities (document_id TEXT PRIMARY KEY "
           "REFERENCES documents (document_id), start_on TEXT NOT NULL, end_on TEXT NOT NULL, "
           "working_days INTEGER NOT NULL, count_start_day INTEGER NOT NULL)",
           // Objections raised during a 公示; open while resolved_on is NULL.
           "CREATE TABLE objections (case_id TEXT NOT NULL REFERENCES cases (case_id), "
           "seq INTEGER NOT NULL, raised_on TEXT NOT NULL, note TEXT NOT NULL, "
           "raised_by TEXT NOT NULL, resolved_on TEXT, resolution TEXT, resolved_by TEXT, "
           "PRIMARY KEY (case_id, seq))",
           // The data a document is rendered from, so the issued copy says what the draft said.
           "ALTER TABLE documents ADD COLUMN data_json TEXT",
           "ALTER TABLE filings ADD COLUMN renewed_from TEXT",
       }},
      {3,
       "title and page count of issued documents (archive catalogue)",
       {
           "ALTER TABLE documents ADD COLUMN title TEXT",
           "ALTER TABLE documents ADD COLUMN pages INTEGER",
       }},
      {4,
       "technical evaluation scores; ledger facts of dossier versions and occupations",
       {
           // What the ledger (beian ledger) shows of each version and requested occupation.
           "ALTER TABLE dossier_versions ADD COLUMN applicant_type TEXT",
           "ALTER TABLE dossier_versions ADD COLUMN completeness TEXT",
           "ALTER TABLE occupations ADD COLUMN check_status TEXT",
           // Every score of a technical evaluation (beian evaluate), by the history entry that
           // recorded it (a correction keeps both); sheet = "common" or an occupation code;
           // scores in tenths of a point.
           "CREATE TABLE evaluation_scores (case_id TEXT NOT NULL REFERENCES cases (case_id), "
           "history_seq INTEGER NOT NULL, sheet TEXT NOT NULL, item_id TEXT NOT NULL, "
           "score_tenths INTEGER NOT NULL, remark TEXT NOT NULL, "
           "PRIMARY KEY (case_id, history_seq, sheet, item_id))",
       }},
      {5,
       "filed record (Art. 8 elements) of versions and filings; deliveries; filing numbers",
       {
           // The Art. 8 elements as each dossier version's form gives them (exam_sites: one
           // address per line). NULL for versions recorded before this migration.
           "ALTER TABLE dossier_versions ADD COLUMN registered_address TEXT",
           "ALTER TABLE dossier_versions ADD COLUMN legal_representative TEXT",
           "ALTER TABLE dossier_versions ADD COLUMN exam_sites TEXT",
           // The filed record (备案信息) a filing holds; NULL = not known (filed before this
           // migration), and then never compared.
           "ALTER TABLE filings ADD COLUMN registered_address TEXT",
           "ALTER TABLE filings ADD COLUMN legal_representative TEXT",
           "ALTER TABLE filings ADD COLUMN exam_sites TEXT",
           // The occupations and levels a filing holds (changed by add_occupation and change).
           "CREATE TABLE filing_occupations (filing_id TEXT NOT NULL "
           "REFERENCES filings (filing_id), seq INTEGER NOT NULL, code TEXT NOT NULL, "
           "name TEXT NOT NULL, work_type TEXT NOT NULL, levels TEXT NOT NULL, "
           "PRIMARY KEY (filing_id, seq))",
           // Filings made before: their occupations are those filed with the case.
           "INSERT INTO filing_occupations (filing_id, seq, code, name, work_type, levels) "
           "SELECT f.filing_id, o.seq, o.code, o.name, o.work_type, o.levels FROM filings f "
           "JOIN cases c ON c.case_id = f.case_id JOIN occupations o ON o.case_id = c.case_id "
           "AND o.version = c.current_version WHERE o.state = 'filed'",
           // When a document was delivered (beian served); NULL = not known.
           "ALTER TABLE documents ADD COLUMN served_on TEXT",
       }},
      {6,
       "a case's documents found by case",
       {
           // LoadCase's documents were a scan of every document (the key is document_id first):
           // the ledger over 10,000 cases took 44 s of CPU instead of 2.
           "CREATE INDEX document_cases_by_case ON document_cases (case_id)",
       }},
      {7,
       "the workbench's users, sessions and failed logins (beian serve, beian user)",
       {
           // role: clerk | reviewer | archivist | admin; office: an authority code (220000, the
           // province, sees every case); password: an Argon2id encoded hash; disabled: 0 | 1.
           "CREATE TABLE web_users (name TEXT PRIMARY KEY, role TEXT NOT NULL, "
           "office TEXT NOT NULL, password TEXT NOT NULL, disabled INTEGER NOT NULL, "
           "created_on TEXT NOT NULL)",
           // A session is found by the SHA-256 of its token (the cookie's value is never
           // stored); expires: seconds since the epoch.
           "CREATE TABLE web_sessions (token_hash TEXT PRIMARY KEY, "
           "user_name TEXT NOT NULL REFERENCES web_users (name), csrf TEXT NOT NULL, "
           "expires INTEGER NOT NULL)",
           // Failed logins in a row per user and address; locked_until: seconds since the epoch.
           "CREATE TABLE web_login_failures (user_name TEXT NOT NULL, address TEXT NOT NULL, "
           "failures INTEGER NOT NULL, locked_until INTEGER NOT NULL, "
           "PRIMARY KEY (user_name, address))",
       }},
      {8,
       "DA/T 22: each issued document's retention period and item number, given once at issue",
       {
           // retention: the 保管期限 the office's settings gave the document's kind at issue
           // (NULL for documents issued before: the setting then applies); item_no: its 件号,
           // 1, 2, ... per authority, year (of the 成文日期) and retention, in issue order.
           "ALTER TABLE documents ADD COLUMN retention TEXT",
           "ALTER TABLE documents ADD COLUMN item_no INTEGER",
           // Documents issued before are numbered once, in the order the catalogue listed them.
           "UPDATE documents SET item_no = (SELECT COUNT(*) FROM documents d2 WHERE "
           "d2.state = 'issued' AND d2.authority = documents.authority AND "
           "SUBSTR(d2.doc_date, 1, 4) = SUBSTR(documents.doc_date, 1, 4) AND "
           "(d2.doc_date < documents.doc_date OR (d2.doc_date = documents.doc_date AND "
           "d2.document_id <= documents.document_id))) WHERE state = 'issued'",
       }},
      {9,
       "the files of each dossier version (the workbench's file viewer)",
       {
           // One row per file of a version as received (paths relative to the version's
           // folder, as DossierContentHash lists them); file_id is random, the only name a
           // request uses; bytes and sha256 say what was received (a file that differs since is
           // not served).
           "CREATE TABLE version_files (file_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, "
           "version INTEGER NOT NULL, seq INTEGER NOT NULL, path TEXT NOT NULL, "
           "bytes INTEGER NOT NULL, sha256 TEXT NOT NULL, "
           "FOREIGN KEY (case_id, version) REFERENCES dossier_versions (case_id, version))",
           "CREATE INDEX version_files_by_version ON version_files (case_id, version, seq)",
       }},
      {10,
       "indexes for the workbench's case list (an office's cases by stage, in case order)",
       {
           // Counts per stage and the list of one office (WHERE authority [AND stage] ORDER BY
           // case_id), and the province's list of one stage, without scanning every case
           // (bench/web-load: 100,000 cases).
           "CREATE INDEX cases_by_authority_stage ON cases (authority, stage, case_id)",
           "CREATE INDEX cases_by_authority ON cases (authority, case_id)",
           "CREATE INDEX cases_by_stage ON cases (stage, case_id)",
       }},
      {11,
       "the issued copies' bytes (every office on one registry reads them; archive export)",
       {
           // One row per issued document, written in the transaction that marks it issued:
           // the PDF/A bytes whose SHA-256 is documents.sha256. Drafts are not kept (they
           // render again from their data). Documents issued before this migration have none
           // (their copy is the archive folder's file; beian archive import stores it).
           "CREATE TABLE document_files (document_id TEXT PRIMARY KEY "
           "REFERENCES documents (document_id), content {bytes} NOT NULL)",
       }},
  };
  return kMigrations;
}

int CurrentSchemaVersion() { return Migrations().back().version; }

std::string MigrationSql(const Storage& db, const char* statement) {
  std::string sql = statement;
  static constexpr std::string_view kBytes = "{bytes}";
  for (std::size_t at = sql.find(kBytes); at != std::string::npos; at = sql.find(kBytes, at)) {
    sql.replace(at, kBytes.size(), db.BytesType());
  }
  return sql;
}

Result<int> SchemaVersion(Storage& db) {
  PIPELINE_RETURN_IF_ERROR(
      db.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                 "description TEXT NOT NULL, applied_on TEXT NOT NULL)"));
  Result<std::vector<Row>> rows = db.Query("SELECT MAX(version) FROM schema_version");
  if (!rows) return rows.error();
  return rows->empty() ? 0 : static_cast<int>(AsInt(rows->front().front()));
}

Result<int> ReadSchemaVersion(Storage& db) {
  Result<std::vector<std::string>> tables = db.Tables();
  if (!tables) return tables.error();
  if (std::find(tables->begin(), tables->end(), "schema_version") == tables->end()) return 0;
  Result<std::vector<Row>> rows = db.Query("SELECT MAX(version) FROM schema_version");
  if (!rows) return rows.error();
  return rows->empty() ? 0 : static_cast<int>(AsInt(rows->front().front()));
}

Status Migrate(Storage& db, const std::string& today) {
  return InTransaction(db, TxMode::kWrite, [&]() -> Status {
    Result<int> have = SchemaVersion(db);
    if (!have) return have.error();
    if (*have > CurrentSchemaVersion()) {
      return Status::Unsupported("registry schema version " + std::to_string(*have) +
                                     " is newer than this beian understands (" +
                                     std::to_string(CurrentSchemaVersion()) + "); update beian",
                                 db.Location());
    }
    for (const Migration& m : Migrations()) {
      if (m.version <= *have) continue;
      for (const char* sql : m.statements) {
        PIPELINE_RETURN_IF_ERROR(db.Execute(MigrationSql(db, sql)));
      }
      PIPELINE_RETURN_IF_ERROR(
          db.Execute("INSERT INTO schema_version (version, description, applied_on) "
                     "VALUES (?, ?, ?)",
                     {std::int64_t{m.version}, std::string(m.description), today}));
    }
    return Status::Ok();
  });
}

}  // namespace pipeline::registry
