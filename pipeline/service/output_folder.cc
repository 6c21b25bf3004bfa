#include "pipeline/service/output_folder.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include "pipeline/core/atomic_dir.h"
#include "pipeline/core/file_system.h"
#include "pipeline/report/case_id.h"

namespace pipeline::service {
namespace {

// A temporary file RealFileSystem::WriteFile left when its process was killed:
// ".<name>.<pid>.tmp".
bool IsLeftoverTemp(const std::string& name) {
  if (name.size() < 6 || name[0] != '.' || name.compare(name.size() - 4, 4, ".tmp") != 0) {
    return false;
  }
  const std::string stem = name.substr(0, name.size() - 4);
  const std::size_t dot = stem.rfind('.');
  return dot != std::string::npos && dot + 1 < stem.size() &&
         stem.find_first_not_of("0123456789", dot + 1) == std::string::npos;
}

Status CleanLeftovers(const std::string& out_dir, const std::string& staging) {
  PIPELINE_RETURN_IF_ERROR(RemoveTree(staging));
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(out_dir, ec)) {
    if (IsLeftoverTemp(e.path().filename().string())) {
      PIPELINE_RETURN_IF_ERROR(RemoveTree(e.path().string()));
    }
  }
  if (ec) return Status::IoError(ec.message(), out_dir);
  if (::mkdir(staging.c_str(), 0755) != 0) return Status::IoError(std::strerror(errno), staging);
  return Status::Ok();
}

// "OUT/.beian-tmp/123.4/x.pdf: ..." -> "OUT/<folder>/x.pdf: ...": errors name the file the
// clerk knows, not the staging folder.
std::string Unstaged(std::string text, const std::string& staged, const std::string& final_dir) {
  for (std::size_t at = text.find(staged); at != std::string::npos;
       at = text.find(staged, at + final_dir.size())) {
    text.replace(at, staged.size(), final_dir);
  }
  return text;
}

}  // namespace

OutputFolder::OutputFolder(std::string out_dir, std::unique_ptr<OutputLock> lock, IntakeState state,
                           CaseHandler& handler, int jobs, int timeout_seconds)
    : out_dir_(std::move(out_dir)),
      staging_(JoinPath(out_dir_, kStagingDirName)),
      lock_(std::move(lock)),
      state_(std::move(state)),
      handler_(handler),
      pool_(handler, jobs, staging_, timeout_seconds) {}

OutputFolder::~OutputFolder() {
  // Workers first (the pool), then the staging area they wrote into, then the lock.
  std::error_code ec;
  std::filesystem::remove(staging_, ec);  // only when empty: a fault leaves it to the next open
}

Result<std::unique_ptr<OutputFolder>> OutputFolder::Open(const std::string& out_dir, int jobs,
                                                         int timeout_seconds, CaseHandler& handler,
                                                         long* holder) {
  Result<std::unique_ptr<OutputLock>> lock = OutputLock::Acquire(out_dir, holder);
  if (!lock) return lock.error();
  const std::string staging = JoinPath(out_dir, kStagingDirName);
  PIPELINE_RETURN_IF_ERROR(CleanLeftovers(out_dir, staging));
  Result<IntakeState> state = IntakeState::Load(out_dir);
  if (!state) return state.error();
  return std::unique_ptr<OutputFolder>(new OutputFolder(
      out_dir, std::move(*lock), std::move(*state), handler, jobs, timeout_seconds));
}

// The folder the case's outputs go to: `wanted`, unless another case holds that name (two
// versions of one registry case in the intake): then with the case id after it.
std::string OutputFolder::FreeFolder(const std::string& wanted, const std::string& case_id) const {
  return state_.FolderTaken(wanted, case_id) ? wanted + "-" + case_id : wanted;
}

// Before the outputs go to OUT/<folder>: the case's folder under an earlier name is renamed to
// it, so they replace it as a whole (see ReplaceDir) and no folder of the case is left behind.
Status OutputFolder::TakeOldFolder(const std::string& case_id, const std::string& folder) {
  const CaseState* before = state_.Find(case_id);
  if (before == nullptr || before->status == "superseded" || before->folder() == folder) {
    return Status::Ok();
  }
  const std::string old_dir = JoinPath(out_dir_, before->folder());
  const std::string new_dir = JoinPath(out_dir_, folder);
  std::error_code ec;
  if (!std::filesystem::is_directory(old_dir, ec)) return Status::Ok();
  if (std::filesystem::exists(new_dir, ec)) return RemoveTree(old_dir);
  return MoveDir(old_dir, new_dir);
}

Status OutputFolder::Commit(const ingest::IntakeEntry& entry, CaseResult& result,
                            const std::string& dir, CaseDone* done, CaseState* state, bool* fatal) {
  if (!result.died.empty()) {
    handler_.DiedReport(entry, &result);
    done->died = true;
    done->failure = result.died;
  }
  Status st;
  if (result.failed.empty()) st = handler_.Finish(entry, result, dir, fatal);
  if (*fatal) return st;
  const std::string folder = FreeFolder(handler_.FolderName(entry, result), state->case_id);
  const std::string final_dir = JoinPath(out_dir_, folder);
  // Until this run's outputs are in place, the case keeps the folder it had (none in OUT once
  // superseded).
  const CaseState* before = state_.Find(state->case_id);
  state->folder_name =
      before != nullptr && before->status != "superseded" ? before->folder() : folder;
  if (result.failed.empty() && st.ok()) st = TakeOldFolder(state->case_id, folder);
  if (result.failed.empty() && st.ok()) st = ReplaceDir(dir, final_dir);
  if (result.failed.empty() && st.ok()) state->folder_name = folder;
  done->folder = state->folder();
  if (!result.failed.empty() || !st.ok()) {  // nothing of this run reaches OUT/<folder>
    done->failure = Unstaged(result.failed.empty() ? st.ToString() : result.failed, dir, final_dir);
    PIPELINE_RETURN_IF_ERROR(RemoveTree(dir));
  }
  if (done->failure.empty() && !result.report.draft_failure.empty()) {
    done->failure = result.report.draft_failure;
  }
  if (!done->failure.empty()) {
    state->status = "failed";
    state->reason = done->failure;
  }
  done->report = std::move(result.report);
  if (done->report.draft_failure.empty()) done->report.draft_failure = done->failure;
  return Status::Ok();
}

Status OutputFolder::Process(const std::vector<ingest::IntakeEntry>& entries,
                             const std::vector<std::string>& fingerprints,
                             const std::function<void(std::size_t, const CaseDone&)>& done,
                             const volatile std::sig_atomic_t* stop) {
  FinishFn finish = [&](std::size_t i, CaseResult& result, const std::string& dir) -> Status {
    CaseDone d;
    CaseState state{report::CaseIdFor(entries[i].name), entries[i].display_name, fingerprints[i],
                    "done", ""};
    bool fatal = false;
    Status s = Commit(entries[i], result, dir, &d, &state, &fatal);
    if (fatal || !s.ok()) return s;
    // The caller keeps what it needs of the case before the state says it is finished: a
    // crash in between processes the dossier again rather than lose that.
    done(i, d);
    return state_.Record(state);
  };
  Result<std::size_t> n = pool_.Run(entries, finish, stop);
  return n ? Status::Ok() : n.error();
}

Result<std::vector<CaseState>> OutputFolder::SupersedeMissing(const std::set<std::string>& present,
                                                              const std::string& superseded_dir) {
  return state_.SupersedeMissing(present, superseded_dir);
}

}  // namespace pipeline::service
