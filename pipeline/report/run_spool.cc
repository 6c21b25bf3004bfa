#include "pipeline/report/run_spool.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "pipeline/core/file_system.h"
#include "pipeline/core/file_writer.h"
#include "pipeline/report/summary_table.h"

namespace pipeline::report {
namespace {

using nlohmann::json;

// Reads the spool's records one at a time.
class SpoolReader {
 public:
  explicit SpoolReader(const std::string& path) : path_(path), in_(path, std::ios::binary) {}
  Status Opened() const {
    return in_.is_open() ? Status::Ok() : Status::IoError("cannot read the spool file", path_);
  }
  // The next record; false at the end (or at a malformed line: bad_ is set).
  bool Next(SpoolRecord* record) {
    if (!std::getline(in_, line_)) return false;
    if (ParseSpoolLine(line_, record)) return true;
    bad_ = true;
    return false;
  }
  Status Done() const {
    return bad_ ? Status::InvalidData("malformed spool line", path_) : Status::Ok();
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::string line_;
  bool bad_ = false;
};

// OUT/summary.json and OUT/index.html in one reading of the spool: each record's row goes to
// both, between the frames made from the totals.
Status WriteSummaryAndPage(const std::string& spool, const RunFilesSetup& setup,
                           const RunTotals& totals) {
  Result<std::unique_ptr<FileWriter>> summary =
      FileWriter::Open(JoinPath(setup.out_dir, "summary.json"));
  if (!summary) return summary.error();
  Result<std::unique_ptr<FileWriter>> page =
      FileWriter::Open(JoinPath(setup.out_dir, "index.html"));
  if (!page) return page.error();
  const RunFileFrame summary_frame = SummaryJsonFrame(totals, *setup.provenance);
  const RunFileFrame page_frame =
      IndexHtmlFrame(totals, *setup.provenance, *setup.messages, *setup.labels, *setup.css);
  (*summary)->Write(summary_frame.head);
  (*page)->Write(page_frame.head);
  SpoolReader reader(spool);
  PIPELINE_RETURN_IF_ERROR(reader.Opened());
  SpoolRecord r;
  for (std::size_t i = 0; reader.Next(&r); ++i) {
    (*summary)->Write(RunFileFrame::RowSeparator(i));
    (*summary)->Write(r.run.summary);
    (*page)->Write(r.run.html);
  }
  PIPELINE_RETURN_IF_ERROR(reader.Done());
  (*summary)->Write(summary_frame.tail);
  (*page)->Write(page_frame.tail);
  PIPELINE_RETURN_IF_ERROR((*summary)->Commit());
  return (*page)->Commit();
}

}  // namespace

std::string SpoolLine(const SpoolRecord& r) {
  const json j = {{"table", r.table},
                  {"blocking", r.blocking},
                  {"conclusion", static_cast<int>(r.run.conclusion)},
                  {"summary", r.run.summary},
                  {"html", r.run.html},
                  {"ledger", r.ledger}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

bool ParseSpoolLine(const std::string& line, SpoolRecord* r) {
  const json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return false;
  auto text = [&](const char* key, std::string* out) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return false;
    *out = it->get<std::string>();
    return true;
  };
  auto table = j.find("table");
  auto conclusion = j.find("conclusion");
  if (table == j.end() || !table->is_array() || conclusion == j.end() ||
      !conclusion->is_number_integer()) {
    return false;
  }
  const int c = conclusion->get<int>();
  if (c < 0 || c > static_cast<int>(model::Conclusion::kReferred)) return false;
  r->table.clear();
  for (const json& cell : *table) {
    if (!cell.is_string()) return false;
    r->table.push_back(cell.get<std::string>());
  }
  r->blocking = j.value("blocking", false);
  r->run.conclusion = static_cast<model::Conclusion>(c);
  r->ledger = j.contains("ledger") ? j["ledger"] : json(nullptr);
  return text("summary", &r->run.summary) && text("html", &r->run.html);
}

Result<std::unique_ptr<RunSpool>> RunSpool::Create(const std::string& path) {
  std::unique_ptr<RunSpool> spool(new RunSpool(path));
  spool->out_.open(path, std::ios::binary | std::ios::trunc);
  if (!spool->out_) return Status::IoError("cannot create the spool file", path);
  return spool;
}

RunSpool::~RunSpool() {
  if (out_.is_open()) out_.close();
  ::unlink(path_.c_str());
}

void RunSpool::Append(const std::string& line) { out_ << line; }

Status RunSpool::Close() {
  out_.close();
  if (out_.fail()) return Status::IoError("write failed", path_);
  return Status::Ok();
}

Result<RunTotals> WriteRunFiles(const std::string& spool, const RunFilesSetup& setup) {
  RunTotals totals;
  std::vector<std::size_t> widths;
  bool numbers = false;  // a registry's case number in some row: the table shows the column
  {
    SpoolReader reader(spool);
    PIPELINE_RETURN_IF_ERROR(reader.Opened());
    for (SpoolRecord r; reader.Next(&r);) numbers = numbers || HasCaseNumber(r.table);
    PIPELINE_RETURN_IF_ERROR(reader.Done());
  }
  const std::vector<std::string> header = ShownColumns(SummaryHeaderRow(*setup.messages), numbers);
  WidenColumns(header, &widths);
  {
    SpoolReader reader(spool);
    PIPELINE_RETURN_IF_ERROR(reader.Opened());
    for (SpoolRecord r; reader.Next(&r);) {
      totals.Add(r.run.conclusion);
      WidenColumns(ShownColumns(r.table, numbers), &widths);
    }
    PIPELINE_RETURN_IF_ERROR(reader.Done());
  }
  PIPELINE_RETURN_IF_ERROR(WriteSummaryAndPage(spool, setup, totals));
  {
    SpoolReader reader(spool);
    PIPELINE_RETURN_IF_ERROR(reader.Opened());
    SpoolRecord r;
    PIPELINE_RETURN_IF_ERROR(setup.write_ledger([&](json* row) {
      if (!reader.Next(&r)) return false;
      *row = std::move(r.ledger);
      return true;
    }));
    PIPELINE_RETURN_IF_ERROR(reader.Done());
  }
  if (setup.table != nullptr) {
    *setup.table << AlignedLine(header, widths);
    SpoolReader reader(spool);
    PIPELINE_RETURN_IF_ERROR(reader.Opened());
    for (SpoolRecord r; reader.Next(&r);) {
      *setup.table << AlignedLine(ShownColumns(r.table, numbers), widths);
    }
    PIPELINE_RETURN_IF_ERROR(reader.Done());
  }
  return totals;
}

}  // namespace pipeline::report
