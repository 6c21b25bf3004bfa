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
#include "pipeline/core/file_system.h"

namespace pipeline::service {
namespace {

using nlohmann::json;

std::string LineOf(const CaseState& s) {
  json j = {{"case", s.case_id},
            {"dossier", s.dossier},
            {"fingerprint", s.fingerprint},
            {"status", s.status}};
  if (!s.reason.empty()) j["reason"] = s.reason;
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

bool ParseLine(const std::string& line, CaseState* s) {
  json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("case") || !j["case"].is_string()) return false;
  s->case_id = j["case"].get<std::string>();
  s->dossier = j.value("dossier", "");
  s->fingerprint = j.value("fingerprint", "");
  s->status = j.value("status", "");
  s->reason = j.value("reason", "");
  return true;
}

}  // namespace

Result<IntakeState> IntakeState::Load(const std::string& out_dir) {
  IntakeState state;
  state.out_dir_ = out_dir;
  const std::string path = JoinPath(out_dir, kStateFileName);
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    CaseState s;
    if (ParseLine(line, &s)) state.cases_[s.case_id] = s;  // later lines win
  }
  std::string compact;
  for (const auto& [id, s] : state.cases_) compact += LineOf(s);
  if (compact.empty()) return state;
  RealFileSystem fs;
  PIPELINE_RETURN_IF_ERROR(fs.WriteFile(path, compact));
  return state;
}

const CaseState* IntakeState::Find(const std::string& case_id) const {
  auto it = cases_.find(case_id);
  return it == cases_.end() ? nullptr : &it->second;
}

Status IntakeState::Record(const CaseState& s) {
  const std::string path = JoinPath(out_dir_, kStateFileName);
  const std::string line = LineOf(s);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Status::IoError(std::strerror(errno), path);
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  const int err = errno;
  ::close(fd);
  if (!ok) return Status::IoError(std::string("write failed: ") + std::strerror(err), path);
  cases_[s.case_id] = s;
  return Status::Ok();
}

Result<std::vector<CaseState>> IntakeState::SupersedeMissing(const std::set<std::string>& present,
                                                             const std::string& superseded_dir) {
  std::vector<CaseState> gone;
  for (const auto& [id, s] : cases_) {
    if (present.count(id) == 0 && s.status != "superseded") gone.push_back(s);
  }
  for (CaseState& s : gone) {
    const std::string from = JoinPath(out_dir_, s.case_id);
    std::error_code ec;
    if (std::filesystem::exists(from, ec)) {
      PIPELINE_RETURN_IF_ERROR(
          MoveDir(from, JoinPath(JoinPath(out_dir_, superseded_dir), s.case_id)));
    }
    s.status = "superseded";
    s.reason.clear();
    PIPELINE_RETURN_IF_ERROR(Record(s));
  }
  return gone;
}

}  // namespace pipeline::service
