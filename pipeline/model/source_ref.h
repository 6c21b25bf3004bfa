// SourceRef: where a value or a finding comes from, so a reviewer can check it in seconds.
#ifndef PIPELINE_MODEL_SOURCE_REF_H_
#define PIPELINE_MODEL_SOURCE_REF_H_

#include <string>

namespace pipeline::model {

struct SourceRef {
  std::string file;      // path relative to the dossier folder, UTF-8 (DisplayPath), "" = dossier
  std::string location;  // e.g. `表1 第3行 第2列`, `/application/institution/name`, `page 2`
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_SOURCE_REF_H_
