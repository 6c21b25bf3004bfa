#ifndef PIPELINE_REGISTRY_PREPARED_RECORD_H_
#define PIPELINE_REGISTRY_PREPARED_RECORD_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pipeline::registry {

// What a worker process works out for the registry ahead of the parent's recording, so the
// parent (which records in intake order, one dossier at a time) has less to do: the dossier's
// content hash and file list, and the 材料接收回执 drawn for the version the registry would give
// the dossier now. The parent uses that receipt only when the data it would draw its own from
// is the same (else it draws it again), so the outputs never depend on which process drew what.
struct PreparedRecord {
  bool hashed = false;  // content_hash and files are set
  std::string content_hash;
  std::vector<std::string> files;
  nlohmann::json receipt_data;  // what receipt_pdf was drawn from; null when none was drawn
  std::string receipt_pdf;
};

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_PREPARED_RECORD_H_
