// RunRecorder: how `beian run` registers each dossier as a case (docs/user-guide.md "Case
// registry"). Only when a registry is chosen for run (--registry, $BEIAN_REGISTRY or the settings'
// key); without one, run records nothing and behaves as it always has.
#ifndef PIPELINE_REGISTRY_RUN_RECORDER_H_
#define PIPELINE_REGISTRY_RUN_RECORDER_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pipeline/core/file_system.h"
#include "pipeline/core/reporter.h"
#include "pipeline/core/status.h"
#include "pipeline/ingest/archives.h"
#include "pipeline/model/command_request.h"
#include "pipeline/model/report.h"
#include "pipeline/registry/prepared_record.h"
#include "pipeline/registry/record_check.h"
#include "pipeline/registry/registry.h"
#include "pipeline/render/doc/document_renderer.h"
#include "pipeline/report/messages.h"

namespace pipeline::registry {

// SHA-256 over the sorted (path, size, SHA-256 of content) of every file below `dir` that
// ingest reads (hidden and temporary files skipped, symlinks never followed): the same
// content gives the same hash whatever the folder is called.
// `files`, when given, receives the paths hashed (relative to `dir`, in order).
// A dossier sent as one archive (`dir` names a .zip, .7z or .rar file): its files as ingest
// reads them (ingest::ReadArchiveFiles), hashed the same way by name.
Result<std::string> DossierContentHash(const FileSystem& fs, const std::string& dir,
                                       std::vector<std::string>* files = nullptr);

// The files of the archive dossier at `path`, by name, with their bytes (the default Limits).
Result<std::vector<ingest::ArchiveFile>> ArchiveDossierFiles(const FileSystem& fs,
                                                             const std::string& path);

class RunRecorder {
 public:
  // The recorder for this run, or nullptr when no registry is chosen for run.
  // `messages` must outlive it.
  static Result<std::unique_ptr<RunRecorder>> ForRun(const model::CommandRequest& options,
                                                     FileSystem& fs,
                                                     const report::MessageCatalog& messages,
                                                     const std::string& data_dir);

  // Registers the dossier at `dossier_path` whose report is `report`, and sets `registry` to
  // report.json's "registry" object ({case, version, stage, outcome, ...}). A dossier without a
  // valid USCC or known kind, or a changed dossier refused by its case's stage, is a warning, not
  // an error; an unusable registry is an error. `letters` is the data of the letters run
  // drew for it (补正材料通知书, 受理部门告知书 and 移送函, 不予备案告知书, 终止备案通知; JSON
  // text of an array, or of one object, each with document.kind; `` when none): each is kept as
  // a registry document of a new case or version, so it can be issued and its delivery recorded
  // (report.json registry.<kind> names it).
  // `prepared`, when given, is what a worker prepared for this dossier (Prepare).
  Status Record(const model::CaseReport& report, const std::string& dossier_path,
                nlohmann::json* registry, Reporter& reporter, const std::string& letters = {},
                const PreparedRecord* prepared = nullptr);

  // In a worker: the content hash and file list of the dossier, and its receipt drawn for what
  // the registry would record now (nothing drawn with --no-pdf, or when the dossier would be
  // unchanged or refused). Reads the registry only.
  Result<PreparedRecord> Prepare(const model::CaseReport& report, const std::string& dossier_path);

  // Draws receipts with `renderer` (same font configuration; it must outlive the recorder)
  // rather than loading the fonts a second time: a worker shares the one it drafts with.
  void UseRenderer(render::DocumentRenderer* renderer) { shared_renderer_ = renderer; }

  // What the registry says about the dossier before it is recorded (docs/user-guide.md "Case
  // registry": the filed record, the registry's expiry, an earlier termination), as findings. Reads
  // only; a dossier without a valid USCC or known kind gets an empty check.
  Result<RecordCheck> Check(const model::CaseReport& report);

  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;
  ~RunRecorder();

 private:
  RunRecorder(std::unique_ptr<Registry> registry, FileSystem& fs, Actor actor,
              std::optional<std::string> authority, const report::MessageCatalog& messages)
      : registry_(std::move(registry)),
        fs_(fs),
        actor_(std::move(actor)),
        authority_(std::move(authority)),
        messages_(messages) {}
  // Record's changes, inside its transaction.
  // `folder` is the name the version is recorded under (RecordedFolder).
  Status RecordIn(const model::CaseReport& report, const std::string& folder,
                  const PreparedRecord& prepared, nlohmann::json* registry, Reporter& reporter,
                  const std::string& letters);
  Status KeepLetters(const model::CaseReport& report, const std::string& case_id,
                     const std::string& letters, nlohmann::json* registry);
  // Drafts the 材料接收回执 of a newly received dossier version (file list and date), taking
  // the receipt `prepared` holds when a worker drew it from the same data.
  Result<std::string> DraftReceipt(const model::CaseReport& report, const RecordOutcome& out,
                                   const PreparedRecord& prepared);
  // The data the receipt of `version` is drawn from.
  nlohmann::json ReceiptData(const model::CaseReport& report, int version,
                             const std::vector<std::string>& files) const;
  // The receipt's PDF drawn from `data` as the registry stores it (JSON text read back).
  Result<std::string> RenderReceipt(const nlohmann::json& data);

  Status AddFilingFacts(const model::CaseReport& report, nlohmann::json* registry,
                        Reporter& reporter);

  std::unique_ptr<Registry> registry_;
  FileSystem& fs_;
  Actor actor_;
  std::string data_dir_;     // templates for the receipt
  std::string drafts_dir_;   // drafts/ beside the registry file
  std::string fonts_path_;   // --fonts or the fonts setting (empty: templates/fonts.xml)
  bool no_pdf_ = false;      // --no-pdf: the receipt is recorded, not rendered
  std::string issuer_;       // the office's name, for the receipt
  std::string date_format_;  // office.json date_format
  std::optional<std::string> authority_;  // --authority: the office running beian
  const report::MessageCatalog& messages_;
  std::unique_ptr<render::DocumentRenderer> renderer_;   // made on the first receipt
  render::DocumentRenderer* shared_renderer_ = nullptr;  // UseRenderer
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_RUN_RECORDER_H_
