#!/bin/sh
# Regenerates the golden report models tests/golden/<dossier>.json from the beian binary
# (checked by SamplesRulesTest.ReportsMatchGoldenFiles; see tests/golden/README.md).
#
#   BEIAN=build-e2e/beian tests/golden/update.sh            # refresh every existing golden file
#   BEIAN=build-e2e/beian tests/golden/update.sh R10-...    # add or refresh the named dossiers
#
# Each file is `beian check samples/intake/<dossier> --json --date <rules_date>
# [--authority <authority>]` (both from samples/expected.json), normalised: parsed and written
# back with sorted keys, 2-space indent, unescaped UTF-8 and a final newline. Review the result
# with `git diff tests/golden` before committing: a golden file is a statement, not a snapshot.
set -eu
cd "$(dirname "$0")/../.."

BEIAN=${BEIAN:-build/beian}
if [ ! -x "$BEIAN" ]; then
  echo "update.sh: no beian binary at '$BEIAN'; build first and set BEIAN=<build dir>/beian" >&2
  exit 2
fi

if [ "$#" -eq 0 ]; then
  set --
  for f in tests/golden/*.json; do
    [ -e "$f" ] || continue
    set -- "$@" "$(basename "$f" .json)"
  done
fi
if [ "$#" -eq 0 ]; then
  echo "update.sh: no golden files yet; name the dossiers to add" >&2
  exit 2
fi

for name in "$@"; do
  python3 - "$BEIAN" "$name" <<'PY'
import json, os, subprocess, sys

beian, name = sys.argv[1], sys.argv[2]
with open("samples/expected.json", encoding="utf-8") as f:
    expected = json.load(f)
if name not in expected["dossiers"]:
    sys.exit("update.sh: %s is not in samples/expected.json" % name)
cmd = [beian, "check", "samples/intake/" + name, "--json", "--date", expected["rules_date"]]
authority = expected["dossiers"][name].get("authority")
if authority:
    cmd += ["--authority", authority]
# Only the shipped settings: never this machine's /etc/beian or $BEIAN_CONFIG.
env = dict(os.environ, BEIAN_SYSCONFDIR="")
env.pop("BEIAN_CONFIG", None)
env.pop("BEIAN_DATA_DIR", None)
run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
if run.returncode not in (0, 1):
    sys.exit("update.sh: %s exited %d: %s" % (" ".join(cmd), run.returncode,
                                              run.stderr.decode("utf-8", "replace")))
report = json.loads(run.stdout.decode("utf-8"))
# Not pinned (tests/golden/README.md "Normalisation"): the test checks them on their own.
report["generator"]["version"] = "VERSION"
report["parameters"]["settings_hash"] = "SETTINGS_HASH"
with open("tests/golden/%s.json" % name, "w", encoding="utf-8", newline="\n") as f:
    json.dump(report, f, ensure_ascii=False, indent=2, sort_keys=True)
    f.write("\n")
print("wrote tests/golden/%s.json" % name)
PY
done
