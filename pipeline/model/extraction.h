// Extraction: what the extract stage read from the application form, as the crosscheck stage and
// the job receive it: the typed application, the requested occupations and the findings about
// single values, every value with the form cell it came from.
#ifndef PIPELINE_MODEL_EXTRACTION_H_
#define PIPELINE_MODEL_EXTRACTION_H_

#include <vector>

#include "pipeline/model/application.h"
#include "pipeline/model/finding.h"
#include "pipeline/model/occupation.h"
#include "pipeline/model/source_ref.h"

namespace pipeline::model {

struct Extraction {
  SourceRef form;  // the form file itself ({"", ""} when there is none)
  Application application;
  std::vector<RequestedOccupation> occupations;  // form order
  std::vector<Finding> findings;                 // form order
};

}  // namespace pipeline::model

#endif  // PIPELINE_MODEL_EXTRACTION_H_
