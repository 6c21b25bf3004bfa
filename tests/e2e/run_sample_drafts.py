#!/usr/bin/env python3
"""ctest fixture `samples_run`: `beian run` once over the bundled samples, with their drafts.

usage: run_sample_drafts.py BEIAN OUTDIR   (from the repo root)

Writes OUTDIR/default (default settings) and OUTDIR/office (the office settings file
tests/e2e/testdata/office.json), both dated 2026-11-25, then OUTDIR/complete. The drafts'
end-to-end tests (tests/e2e/documents_e2e_test.cc, layout_e2e_test.cc) read these folders
(tests/testing/sample_runs.h, SampleRunFolder) instead of each running the samples again in
its own process; run alone (no fixture, or one older than the binary) they run beian.
"""
import os
import shutil
import subprocess
import sys

DATE = "2026-11-25"
VARIANTS = (("default", []),
            ("office", ["--config", os.path.abspath("tests/e2e/testdata/office.json")]))


def main():
    beian, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, BEIAN_SYSCONFDIR="")  # as tests/testing/test_paths.cc sets it
    env.pop("BEIAN_CONFIG", None)
    env.pop("BEIAN_DATA_DIR", None)
    for name, extra in VARIANTS:
        cmd = [beian, "run", os.path.abspath("samples/intake"), "--out", os.path.join(out, name), "--date", DATE,
               "--quiet"] + extra
        run = subprocess.run(cmd, capture_output=True, env=env, check=False)
        if run.returncode not in (0, 1):  # 1: some case needs attention, as the samples do
            sys.stdout.buffer.write(run.stdout + run.stderr)
            print("run_sample_drafts: %s exited %d" % (" ".join(cmd), run.returncode))
            return 1
    with open(os.path.join(out, "complete"), "w", encoding="ascii") as f:
        f.write("ok\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
