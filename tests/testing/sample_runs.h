// Running the real `beian check --json` from a test, and reading the runs the ctest fixtures
// made once: samples_check (tests/e2e/run_samples.py, `check` of every sample dossier) and
// samples_run (tests/e2e/run_sample_drafts.py, `run` over the samples with their drafts).
#ifndef TESTS_TESTING_SAMPLE_RUNS_H_
#define TESTS_TESTING_SAMPLE_RUNS_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace pipeline::testing {

struct CheckRun {
  int exit_code = -1;
  std::string stdout_text;
  std::string stderr_text;
  nlohmann::json report;  // stdout parsed; discarded when it was not JSON
};

// `beian check 'DOSSIER' --json ARGS` (ARGS already quoted for the shell).
CheckRun RunCheck(const std::string& dossier, const std::string& args);

// `beian check samples/intake/NAME --json --date DATE [--authority AUTHORITY]`: the fixture's
// run when it is there and newer than the binary, else run now; once per process either way.
const CheckRun& CheckSample(const std::string& name, const std::string& date,
                            const std::string& authority);

// The output folder of `beian run samples/intake --out DIR --date 2026-11-25 --quiet ARGS` for
// `variant` "default" (no ARGS) or "office" (`--config tests/e2e/testdata/office.json`): the
// fixture's folder when it is there and newer than the binary, else a run now (exit 0 or 1
// expected, anything else fails the calling test); once per process either way. Read only.
const std::string& SampleRunFolder(const std::string& variant);

// The rule ids of a report's findings.
std::set<std::string> RuleIds(const nlohmann::json& report);

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_SAMPLE_RUNS_H_
