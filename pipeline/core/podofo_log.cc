#include "pipeline/core/podofo_log.h"

#include <podofo/podofo.h>

namespace pipeline {

void SilencePoDoFo() {
  static const bool silenced = [] {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfError::EnableDebug(false);
    return true;
  }();
  (void)silenced;
}

}  // namespace pipeline
