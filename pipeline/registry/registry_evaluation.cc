// Registry operations of the evaluation stages (issue 11): the 技术评估意见 with its scores and
// the 综合技术评估意见, each recorded with its stage's decision in one transaction.
#include "pipeline/registry/registry.h"

namespace pipeline::registry {

Result<std::string> Registry::RecordOpinion(const std::string& case_id, const OpinionRecord& r,
                                            const Actor& actor) {
  std::string document_id;
  const std::string action = r.stage == Stage::kTechnical ? "evaluate" : "summarize";
  Status s = InTransaction(*db_, TxMode::kWrite, [&]() -> Status {
    // The decision, with every guard of `beian decide` (wrong stage, already decided,
    // corrections).
    PIPELINE_RETURN_IF_ERROR(RecordDecisionIn(case_id, r.stage, r.decision, action,
                                              actor.today.ToIso(), r.note, r.reason, actor));
    Result<CaseRecord> c = LoadCaseRow(case_id);
    if (!c) return c.error();
    Result<std::vector<Row>> last =
        db_->Query("SELECT MAX(seq) FROM stage_history WHERE case_id = ?", {case_id});
    if (!last) return last.error();
    const std::int64_t seq = AsInt(last->front()[0]);
    Result<std::string> made = InsertDraftIn(r.kind, r.authority, {case_id}, r.data_json, actor);
    if (!made) return made.error();
    document_id = *made;
    for (const ScoreRow& row : r.scores) {
      PIPELINE_RETURN_IF_ERROR(db_->Execute(
          "INSERT INTO evaluation_scores (case_id, history_seq, sheet, item_id, score_tenths, "
          "remark) VALUES (?, ?, ?, ?, ?, ?)",
          {case_id, seq, row.sheet, row.item_id, std::int64_t{row.score_tenths}, row.remark}));
    }
    for (const auto& [code, reason] : r.excluded_occupations) {
      PIPELINE_RETURN_IF_ERROR(
          db_->Execute("UPDATE occupations SET state = 'excluded', reason = ? "
                       "WHERE case_id = ? AND version = ? AND code = ?",
                       {reason, case_id, std::int64_t{c->current_version}, code}));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return document_id;
}

Result<DocumentDetail> Registry::LatestDocument(const std::string& case_id,
                                                const std::string& kind) {
  Result<std::vector<Row>> rows = db_->Query(
      "SELECT d.document_id FROM documents d JOIN document_cases dc "
      "ON dc.document_id = d.document_id WHERE dc.case_id = ? AND d.kind = ? "
      "AND d.state <> 'superseded' "
      "ORDER BY d.created_on DESC, d.document_id DESC",
      {case_id, kind});
  if (!rows) return rows.error();
  if (rows->empty()) {
    return Status::NotFound(messages_.Format(
        "registry.refused.no_document",
        {{"case", case_id}, {"kind", messages_.Format("registry.document." + kind)}}));
  }
  return LoadDocument(AsText(rows->front()[0]));
}

}  // namespace pipeline::registry
