#include "pipeline/service/intake_state.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/fault.h"
#include "pipeline/core/file_system.h"
#include "pipeline/core/json_fields.h"

namespace pipeline::service {
namespace {

using nlohmann::json;

std::string LineOf(const CaseState& s) {
  json j = {{"case", s.case_id},
            {"dossier", s.dossier},
            {"fingerprint", s.fingerprint},
            {"status", s.status}};
  if (!s.reason.empty()) j["reason"] = s.reason;
  if (!s.folder_name.empty()) j["folder"] = s.folder_name;
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string BootLine(const std::string& boot) { return json({{"boot", boot}}).dump() + "\n"; }

const char kSyncedLine[] = "{\"synced\":true}\n";

// One line of the journal: a case, a boot line (`boot` set), a synced line, or anything else
// (a torn line after a kill, zeros after a power cut): ignored.
struct JournalLine {
  enum class Kind { kCase, kBoot, kSynced, kOther } kind = Kind::kOther;
  CaseState state;
  std::string boot;
};

JournalLine ParseLine(const std::string& text) {
  JournalLine l;
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return l;
  if (j.contains("boot")) {
    l.kind = JournalLine::Kind::kBoot;
    l.boot = StringAt(j, "boot");
  } else if (j.contains("synced")) {
    l.kind = JournalLine::Kind::kSynced;
  } else if (!StringAt(j, "case").empty()) {
    l.kind = JournalLine::Kind::kCase;
    l.state = {StringAt(j, "case"),   StringAt(j, "dossier"), StringAt(j, "fingerprint"),
               StringAt(j, "status"), StringAt(j, "reason"),  StringAt(j, "folder")};
  }
  return l;
}

// Reads the journal at `path` into *cases (later lines win). Case lines neither followed by a
// synced line nor written under `boot` (a journal from before boot lines counts as this boot's)
// are loaded as unconfirmed.
void ReadJournal(const std::string& path, const std::string& boot,
                 std::map<std::string, CaseState>* cases) {
  std::ifstream in(path, std::ios::binary);
  std::vector<CaseState> pending;  // case lines since the last synced line
  std::string writer;              // boot of the process that wrote them
  auto settle = [&]() {
    const bool trusted = writer.empty() || writer == boot;
    for (CaseState& s : pending) {
      if (!trusted) s = {s.case_id, s.dossier, "", "unconfirmed", "", s.folder_name};
      (*cases)[s.case_id] = std::move(s);
    }
    pending.clear();
  };
  std::string text;
  while (std::getline(in, text)) {
    JournalLine l = ParseLine(text);
    if (l.kind == JournalLine::Kind::kCase) pending.push_back(std::move(l.state));
    if (l.kind == JournalLine::Kind::kSynced) {
      for (CaseState& s : pending) (*cases)[s.case_id] = std::move(s);
      pending.clear();
    }
    if (l.kind == JournalLine::Kind::kBoot) {
      settle();
      writer = l.boot;
    }
  }
  settle();
}

}  // namespace

Result<IntakeState> IntakeState::Load(const std::string& out_dir) {
  IntakeState state;
  state.out_dir_ = out_dir;
  state.boot_ = BootId();
  const std::string path = JoinPath(out_dir, kStateFileName);
  ReadJournal(path, state.boot_, &state.cases_);
  if (state.cases_.empty()) return state;
  std::string compact = BootLine(state.boot_);
  for (const auto& [id, s] : state.cases_) compact += LineOf(s);
  RealFileSystem fs;
  PIPELINE_RETURN_IF_ERROR(fs.WriteFile(path, compact));
  state.boot_written_ = true;
  state.unsynced_ = true;  // the new journal itself
  PIPELINE_RETURN_IF_ERROR(state.Sync());
  return state;
}

const CaseState* IntakeState::Find(const std::string& case_id) const {
  auto it = cases_.find(case_id);
  return it == cases_.end() ? nullptr : &it->second;
}

bool IntakeState::FolderTaken(const std::string& folder, const std::string& case_id) const {
  for (const auto& [id, s] : cases_) {
    if (id != case_id && s.status != "superseded" && s.folder() == folder) return true;
  }
  return false;
}

Status IntakeState::Append(const std::string& text) {
  const std::string path = JoinPath(out_dir_, kStateFileName);
  const std::string line = boot_written_ ? text : BootLine(boot_) + text;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Status::IoError(std::strerror(errno), path);
  const int err = DiskFullInjected(path) ? ENOSPC : WriteAllTo(fd, line);
  ::close(fd);
  if (err != 0) return Status::IoError(std::string("write failed: ") + std::strerror(err), path);
  boot_written_ = true;
  return Status::Ok();
}

Status IntakeState::Record(const CaseState& s) {
  PIPELINE_RETURN_IF_ERROR(Append(LineOf(s)));
  cases_[s.case_id] = s;
  unsynced_ = true;
  return Status::Ok();
}

Status IntakeState::Sync() {
  if (!unsynced_) return Status::Ok();
  PIPELINE_RETURN_IF_ERROR(SyncFileSystem(out_dir_));
  // Written after the flush: a synced line only ever follows lines that are on the disk. It
  // is not flushed itself: lost, it makes the next start after a power cut process more again.
  PIPELINE_RETURN_IF_ERROR(Append(kSyncedLine));
  unsynced_ = false;
  return Status::Ok();
}

Result<std::vector<CaseState>> IntakeState::SupersedeMissing(const std::set<std::string>& present,
                                                             const std::string& superseded_dir) {
  std::vector<CaseState> gone;
  for (const auto& [id, s] : cases_) {
    if (present.count(id) == 0 && s.status != "superseded") gone.push_back(s);
  }
  for (CaseState& s : gone) {
    const std::string from = JoinPath(out_dir_, s.folder());
    std::error_code ec;
    if (std::filesystem::exists(from, ec)) {
      PIPELINE_RETURN_IF_ERROR(
          MoveDir(from, JoinPath(JoinPath(out_dir_, superseded_dir), s.folder())));
    }
    s.status = "superseded";
    s.reason.clear();
    PIPELINE_RETURN_IF_ERROR(Record(s));
  }
  return gone;
}

}  // namespace pipeline::service
