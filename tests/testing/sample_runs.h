// Running the real `beian check --json` from a test, and reading the runs the ctest fixture
// samples_check (tests/e2e/run_samples.py) made once for every sample dossier.
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

// The rule ids of a report's findings.
std::set<std::string> RuleIds(const nlohmann::json& report);

}  // namespace pipeline::testing

#endif  // TESTS_TESTING_SAMPLE_RUNS_H_
