#!/usr/bin/env bash
# Packaging test (ctest "packaging.deb"), docs/user-guide.md "Install":
#   1. no absolute build path in the binary (`strings`);
#   2. relocatable: build/beian and build/share copied to a temporary folder run from there;
#   3. `cpack -G DEB` builds beian_<version>_amd64.deb with the fonts and libraries in Depends
#      and /etc/beian/office.json as a conffile; unpacked into a throw-away root (dpkg-deb -x,
#      never installed), its beian runs the samples from a folder outside the source tree, with
#      the unpacked /etc/beian layered over the shipped defaults; the man page and the docs are in;
#   4. lintian finds no error and no warning in the package but those overridden, with their
#      reasons, in packaging/lintian-overrides; the changelog is of this version;
#   5. with CI=true as root, a real install, remove and purge (tests/packaging/install_test.sh;
#      skipped with a message elsewhere).
# The maintainer scripts are in (postinst, prerm, postrm), and both systemd units are hardened
# (systemd-analyze security's exposure below 4.0), the watcher's with its folders under
# /var/lib/beian and what the issue asks of it (UMask=0027, optional `-` paths, ...).
# usage: deb_test.sh SOURCE_DIR BUILD_DIR VERSION
# (No `cmd | grep -q` here: with pipefail, grep quitting early fails the pipe with SIGPIPE.)
set -euo pipefail
src=$1 build=$2 version=$3
work=$(mktemp -d /tmp/beian-deb-test-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "deb_test: FAILED: $*" >&2; exit 1; }
export BEIAN_SYSCONFDIR=""  # never this machine's /etc/beian
unset BEIAN_CONFIG BEIAN_DATA_DIR

dossiers=$(find "$src/samples/intake" -mindepth 1 -maxdepth 1 | wc -l)  # one report per entry

# Runs the samples with beian $1 from folder $2; checks one report per dossier and the batch files.
run_samples() {
  local beian=$1 dir=$2 rc=0
  (cd "$dir" && "$beian" run "$src/samples/intake" --out out --date 2026-11-25 --quiet \
     > stdout.txt 2> stderr.txt) || rc=$?
  [ "$rc" -eq 1 ] || fail "$beian run exited $rc (want 1): $(cat "$dir/stderr.txt")"
  local reports
  reports=$(find "$dir/out" -name report.json | wc -l)
  [ "$reports" -eq "$dossiers" ] || fail "$beian run wrote $reports reports, want $dossiers"
  [ -s "$dir/out/summary.json" ] && [ -s "$dir/out/index.html" ] || fail "no summary.json/index.html"
  [ -n "$(find "$dir/out" -name '*.pdf' -print -quit)" ] || fail "$beian run drafted no PDF"
}

# 1. No path of this machine's tree in the binary. (A sanitizer build is for finding memory
# errors, not for shipping; its instrumentation records source file names, so it is exempt.)
if strings "$build/beian" | grep __asan_init > /dev/null; then
  echo "deb_test: sanitizer build: path check skipped"
elif strings "$build/beian" | grep -F -e "$src" -e "$build" > "$work/paths.txt"; then
  fail "absolute build paths compiled into beian: $(head -3 "$work/paths.txt")"
fi

# 2. Relocatable: the binary and share/ copied elsewhere (links resolved), nothing else.
mkdir -p "$work/copy"
cp "$build/beian" "$work/copy/"
cp -rL "$build/share" "$work/copy/"
run_samples "$work/copy/beian" "$work/copy"
"$work/copy/beian" config | grep "^#   $work/copy/share/beian/templates/office.json" > /dev/null ||
  fail "the copied beian does not read its settings from its own share/beian"

# 3. The Debian package.
(cd "$build" && cpack -G DEB -B "$work/pkg" > "$work/cpack.log" 2>&1) ||
  fail "cpack: $(tail -20 "$work/cpack.log")"
deb="$work/pkg/beian_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb ($(ls "$work/pkg"))"
depends=$(dpkg-deb -f "$deb" Depends)
for need in adduser fonts-noto-cjk fonts-arphic-gbsn00lp fonts-arphic-gkai00mp fonts-droid-fallback \
            icc-profiles-free libc6 libpodofo libqpdf libicu libxlsxwriter libsqlite3 libharfbuzz libzip \
            libdeflate libcpp-httplib0.11 libargon2; do
  grep -q "$need" <<< "$depends" || fail "Depends lacks $need: $depends"
done
dpkg-deb -e "$deb" "$work/control"
grep -qx /etc/beian/office.json "$work/control/conffiles" || fail "office.json is no conffile"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "the package has no executable $script"
done
dpkg-deb -x "$deb" "$work/root"
for f in usr/bin/beian usr/share/beian/templates/office.json usr/share/beian/checklists/rules.xml \
         usr/share/beian/data/occupations_2022.tsv usr/share/doc/beian/README.md \
         "usr/share/doc/beian/申请表（空白）.docx" usr/share/man/man1/beian.1.gz etc/beian/office.json \
         usr/lib/systemd/system/beian-watch.service usr/lib/systemd/system/beian-web.service \
         usr/share/doc/beian/copyright usr/share/doc/beian/changelog.gz \
         usr/share/lintian/overrides/beian; do
  [ -f "$work/root/$f" ] || fail "the package lacks /$f"
done
# Both units are hardened (systemd-analyze's exposure below 4.0; docs/web-admin.md,
# docs/user-guide.md "Running the watcher as a service").
for name in beian-web beian-watch; do
  unit="$work/root/usr/lib/systemd/system/$name.service"
  exposure=$(systemd-analyze security --offline=true "$unit" 2>/dev/null |
    sed -n 's/.*exposure level for .*: \([0-9.]*\).*/\1/p')
  awk -v s="$exposure" 'BEGIN { exit !(s != "" && s < 4.0) }' ||
    fail "$name.service: systemd-analyze security exposure '$exposure', want below 4.0"
done
# The watcher: the package's folders, its user, outputs unreadable to others, and a missing
# folder does not stop the start (every ReadWritePaths=/ReadOnlyPaths= path optional).
unit="$work/root/usr/lib/systemd/system/beian-watch.service"
for line in User=beian Group=beian UMask=0027 NoNewPrivileges=yes ProtectSystem=strict \
            ProtectHome=yes PrivateTmp=yes StateDirectory=beian \
            Environment=BEIAN_INTAKE=/var/lib/beian/intake Environment=BEIAN_OUT=/var/lib/beian/out \
            Environment=BEIAN_REGISTRY=/var/lib/beian/registry.sqlite \
            "ReadWritePaths=-/var/lib/beian/out -/var/lib/beian/archive" \
            "ReadOnlyPaths=-/var/lib/beian/intake"; do
  grep -qxF "$line" "$unit" || fail "beian-watch.service lacks the line $line"
done
! grep -E '^(ReadWrite|ReadOnly|Inaccessible)Paths=.*(=| )[^-]' "$unit" > "$work/paths.txt" ||
  fail "beian-watch.service: a path without '-' stops the start when it is missing: $(cat "$work/paths.txt")"
! grep -n /srv "$unit" > "$work/srv.txt" || fail "beian-watch.service names /srv: $(cat "$work/srv.txt")"
zcat "$work/root/usr/share/man/man1/beian.1.gz" | grep "catalogue" > /dev/null ||
  fail "man page lacks the commands"
mkdir -p "$work/elsewhere"
BEIAN_SYSCONFDIR="$work/root/etc/beian" run_samples "$work/root/usr/bin/beian" "$work/elsewhere"
BEIAN_SYSCONFDIR="$work/root/etc/beian" "$work/root/usr/bin/beian" config > "$work/config.txt"
grep -q "^#   $work/root/etc/beian/office.json" "$work/config.txt" ||
  fail "the unpacked /etc/beian/office.json is not layered: $(cat "$work/config.txt")"
[ "$("$work/root/usr/bin/beian" version)" = "beian $version" ] || fail "version is not $version"
zcat "$work/root/usr/share/doc/beian/changelog.gz" | head -1 > "$work/changelog.txt"
grep -F "beian ($version) " "$work/changelog.txt" > /dev/null ||
  fail "packaging/changelog's latest entry is not $version: $(cat "$work/changelog.txt")"

# 4. lintian (Debian's package checker, a few seconds): errors and warnings fail the test unless
# packaging/lintian-overrides overrides them with a reason; info tags are printed, not failed on.
command -v lintian > /dev/null || fail "lintian not found (Debian package lintian)"
lintian --fail-on error,warning --info --display-info "$deb" > "$work/lintian.txt" 2>&1 ||
  fail "lintian: $(grep -E '^[EW]: ' "$work/lintian.txt" || cat "$work/lintian.txt")"
grep -E '^[IP]: ' "$work/lintian.txt" || true

# 5. Installed, removed and purged for real (CI=true as root only).
first_sample=$(find "$src/samples/intake" -mindepth 1 -maxdepth 1 -name 'R01-*' -print -quit)
bash "$src/tests/packaging/install_test.sh" "$deb" "$version" "$first_sample"
echo "deb_test: ok ($(basename "$deb"), $(du -h "$deb" | cut -f1))"
