#!/usr/bin/env python3
"""ctest fixture `samples_check`: runs `beian check --json` once over every sample dossier.

usage: run_samples.py BEIAN OUTDIR   (from the repo root)

For each dossier of samples/expected.json it runs
  beian check samples/intake/NAME --json --date 2026-01-05                  (tests/e2e/samples_test)
  beian check samples/intake/NAME --json --date RULES_DATE [--authority A]  (samples_rules_test)
and writes OUTDIR/<date>[_<authority>]/NAME.{json,err,rc}, then OUTDIR/complete. The e2e tests
read these files (tests/testing/sample_runs.h) instead of running beian 39 times each; they run
it themselves when the fixture is missing or older than the binary.
"""
import json
import os
import shutil
import subprocess
import sys

SAMPLES_TEST_DATE = "2026-01-05"


def main():
    beian, out = sys.argv[1], sys.argv[2]
    with open("samples/expected.json", encoding="utf-8") as f:
        expected = json.load(f)
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, BEIAN_SYSCONFDIR="")  # as tests/testing/test_paths.cc sets it
    env.pop("BEIAN_CONFIG", None)
    env.pop("BEIAN_DATA_DIR", None)
    for name, want in sorted(expected["dossiers"].items()):
        authority = want.get("authority") or ""
        for date, code in ((SAMPLES_TEST_DATE, ""), (expected["rules_date"], authority)):
            folder = os.path.join(out, date + ("_" + code if code else ""))
            os.makedirs(folder, exist_ok=True)
            cmd = [beian, "check", "samples/intake/" + name, "--json", "--date", date]
            if code:
                cmd += ["--authority", code]
            run = subprocess.run(cmd, capture_output=True, env=env, check=False)
            base = os.path.join(folder, name)
            with open(base + ".json", "wb") as f:
                f.write(run.stdout)
            with open(base + ".err", "wb") as f:
                f.write(run.stderr)
            with open(base + ".rc", "w", encoding="ascii") as f:
                f.write(str(run.returncode))
    with open(os.path.join(out, "complete"), "w", encoding="ascii") as f:
        f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
