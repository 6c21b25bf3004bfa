// PoDoFo writes its parser's log and debug lines (a PDF's trailer, "Warning: ...") to stderr,
// where a clerk reads them as beian's own messages. Every place that makes PoDoFo parse a PDF
// calls this first; what beian makes of a PDF is said through Status and findings instead.
#ifndef PIPELINE_CORE_PODOFO_LOG_H_
#define PIPELINE_CORE_PODOFO_LOG_H_

namespace pipeline {

// Turns PoDoFo's logging and debug output off for the process (idempotent, thread-safe).
void SilencePoDoFo();

}  // namespace pipeline

#endif  // PIPELINE_CORE_PODOFO_LOG_H_
