// Seeded fault injection for the kill tests: with BEIAN_FAULT=<point> in the environment, the
// process ends at once (_exit, no cleanup, like a kill) when it reaches FaultPoint("<point>").
// Points: after_case_id_allocation, after_number_allocation, before_commit, before_final_rename
// (issue: before the archived file gets its name; archive export: before the folder is renamed in).
#ifndef PIPELINE_REGISTRY_FAULT_H_
#define PIPELINE_REGISTRY_FAULT_H_

namespace pipeline::registry {

// Exit code of a process stopped at a fault point.
inline constexpr int kFaultExitCode = 86;

void FaultPoint(const char* point);

}  // namespace pipeline::registry

#endif  // PIPELINE_REGISTRY_FAULT_H_
