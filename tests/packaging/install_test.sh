#!/usr/bin/env bash
# A real install, remove and purge of the built .deb (step 5 of tests/packaging/deb_test.sh,
# docs/user-guide.md "Install"): what an administrator's `apt-get install ./beian_*.deb`,
# `dpkg -r` and `dpkg -P` do to the machine.
#   install  the user and group beian, /var/lib/beian/{intake,out,archive} with their owners and
#            modes; beian runs a sample as the user beian into a registry there;
#   remove   keeps the data, the settings and the user;
#   purge    removes the enable link of `systemctl enable beian-watch` and the upload spool,
#            keeps the data and the user; after a second install, BEIAN_PURGE_DATA=yes
#            removes them too, and the machine is as it was before the test.
# Only when CI=true and the user is root (the CI machine is disposable); elsewhere it prints why
# it is skipped. Where the kernel allows it (root may make a mount namespace and an overlay),
# all of it happens in a copy-on-write view of the root file system that disappears with the
# test, so nothing of it is ever visible to other processes; otherwise on the machine itself,
# which the last purge leaves as found. ctest runs deb_test.sh with RESOURCE_LOCK dpkg.
# Nothing is downloaded: the package's Depends must be installed already (.ci/packages.txt).
# usage: install_test.sh DEB VERSION SAMPLE_DOSSIER
set -euo pipefail
fail() { echo "install_test: FAILED: $*" >&2; exit 1; }

# The steps, run as root in the root file system under test.
steps() {
  local deb=$1 version=$2 sample=$3
  export DEBIAN_FRONTEND=noninteractive
  unset BEIAN_SYSCONFDIR BEIAN_CONFIG BEIAN_DATA_DIR BEIAN_REGISTRY  # the installed beian as is
  local lib=/var/lib/beian link=/etc/systemd/system/multi-user.target.wants/beian-watch.service
  mode() { stat -c '%U:%G %a' "$1"; }
  want_mode() { [ "$(mode "$1")" = "$2" ] || fail "$1 is $(mode "$1"), want $2"; }
  status() { dpkg-query -W -f='${db:Status-Abbrev}' beian 2>/dev/null | tr -d ' ' || true; }

  for f in /etc/beian $lib /etc/systemd/system/beian-watch.service "$link"; do
    [ ! -e "$f" ] || fail "$f exists before the install: not a machine without beian"
  done
  ! getent passwd beian > /dev/null || fail "a user beian exists before the install"
  ! getent group beian > /dev/null || fail "a group beian exists before the install"
  # Whatever a failed step leaves, the machine goes back to how it was.
  trap 'clean_up > /dev/null 2>&1 || true' EXIT

  # Install (apt resolves Depends from what is installed: it would install beian alone, so
  # nothing is fetched).
  apt-get install -s -q --no-install-recommends "$deb" > apt.log 2>&1 ||
    fail "apt-get install -s: $(tail -15 apt.log)"
  local more
  more=$(sed -n 's/^Inst \([^ ]*\) .*/\1/p' apt.log | grep -vx beian || true)
  [ -z "$more" ] || fail "the package's Depends are not all installed: $more"
  apt-get install -y -q --no-install-recommends "$deb" > apt.log 2>&1 ||
    fail "apt-get install: $(tail -15 apt.log)"
  [ "$(status)" = ii ] || fail "beian is '$(status)' after the install, want ii"
  local home shell uid
  IFS=: read -r _ _ uid _ _ home shell <<< "$(getent passwd beian)"
  [ "$home" = $lib ] && [ "$shell" = /usr/sbin/nologin ] && [ "$uid" -lt 1000 ] ||
    fail "user beian is '$(getent passwd beian)', want a system user, home $lib, no login"
  getent group beian > /dev/null || fail "no group beian"
  want_mode $lib "beian:beian 750"
  want_mode $lib/intake "beian:beian 2770"
  want_mode $lib/out "beian:beian 750"
  want_mode $lib/archive "beian:beian 750"
  [ "$(beian --version)" = "beian $version" ] || fail "beian --version: $(beian --version)"
  # The user beian runs a dossier from the intake into the registry, as the watcher would
  # (beian-watch.service's UMask=0027).
  cp -r "$sample" $lib/intake/
  chown -R beian:beian $lib/intake
  local rc=0
  runuser -u beian -- sh -c "umask 0027 && cd / && beian run $lib/intake --out $lib/out \
      --registry $lib/registry.sqlite --date 2026-11-25 --quiet" > run.log 2>&1 || rc=$?
  [ "$rc" -le 1 ] || fail "beian run as beian exited $rc: $(tail -5 run.log)"
  [ -n "$(find $lib/out -name report.json -print -quit)" ] || fail "no report in $lib/out"
  want_mode $lib/registry.sqlite "beian:beian 640"
  runuser -u beian -- install -d $lib/web-spool  # what the workbench leaves while uploading
  runuser -u beian -- install -d $lib/empty       # a folder beian made and left empty
  runuser -u beian -- touch $lib/archive/issued.pdf  # as `beian issue` leaves a copy
  systemctl enable beian-watch.service > systemctl.log 2>&1 ||
    fail "systemctl enable: $(cat systemctl.log)"
  [ -L "$link" ] || fail "systemctl enable made no $link"

  # Remove: the program goes; data, settings and the user stay.
  dpkg -r beian > dpkg.log 2>&1 || fail "dpkg -r: $(cat dpkg.log)"
  [ "$(status)" = rc ] || fail "beian is '$(status)' after dpkg -r, want rc"
  [ ! -e /usr/bin/beian ] || fail "/usr/bin/beian is still there after dpkg -r"
  for f in /etc/beian/office.json $lib/registry.sqlite $lib/intake $lib/out $lib/archive \
           $lib/web-spool; do
    [ -e "$f" ] || fail "dpkg -r removed $f"
  done
  getent passwd beian > /dev/null || fail "dpkg -r removed the user beian"
  [ -L "$link" ] || fail "dpkg -r removed the enable link (the administrator's choice)"
  [ "$(readlink /etc/systemd/system/beian-watch.service)" = /dev/null ] ||
    fail "dpkg -r did not mask beian-watch.service"

  # Purge: the enable link and the spool go, with the settings; data and the user stay.
  dpkg -P beian > dpkg.log 2>&1 || fail "dpkg -P: $(cat dpkg.log)"
  [ -z "$(status)" ] || [ "$(status)" = un ] || fail "beian is '$(status)' after dpkg -P"
  [ ! -e "$link" ] && [ ! -L "$link" ] || fail "dpkg -P left the enable link $link"
  [ ! -e /etc/systemd/system/beian-watch.service ] || fail "dpkg -P left the unit masked"
  [ ! -e /etc/beian ] || fail "dpkg -P left /etc/beian: $(ls -A /etc/beian)"
  [ ! -e $lib/web-spool ] || fail "dpkg -P left the upload spool"
  for f in $lib/registry.sqlite $lib/intake/"$(basename "$sample")" $lib/archive/issued.pdf \
           $lib/empty; do
    [ -e "$f" ] || fail "dpkg -P removed $f (without BEIAN_PURGE_DATA=yes)"
  done
  [ -n "$(find $lib/out -name report.json -print -quit)" ] || fail "dpkg -P removed the reports"
  getent passwd beian > /dev/null || fail "dpkg -P removed the user beian, who owns the data"

  # Installed again over the kept data (dpkg -i: the Depends are there), then purged with it.
  dpkg -i "$deb" > dpkg.log 2>&1 || fail "dpkg -i over the kept data: $(cat dpkg.log)"
  want_mode $lib/registry.sqlite "beian:beian 640"
  want_mode $lib/intake "beian:beian 2770"
  BEIAN_PURGE_DATA=yes dpkg -P beian > dpkg.log 2>&1 ||
    fail "BEIAN_PURGE_DATA=yes dpkg -P: $(cat dpkg.log)"
  for f in /etc/beian $lib "$link" /etc/systemd/system/beian-watch.service /usr/bin/beian; do
    [ ! -e "$f" ] || fail "BEIAN_PURGE_DATA=yes dpkg -P left $f"
  done
  ! getent passwd beian > /dev/null || fail "BEIAN_PURGE_DATA=yes dpkg -P left the user beian"
  ! getent group beian > /dev/null || fail "BEIAN_PURGE_DATA=yes dpkg -P left the group beian"
  local left
  left=$(find /var/lib/systemd -name '*beian*' 2>/dev/null)
  [ -z "$left" ] || fail "deb-systemd-helper's state is left: $left"
  return 0
}

# What the test may have left when a step failed (nothing once it passed): the package, its
# data, settings, user and links.
clean_up() {
  if dpkg-query -W -f='${db:Status-Abbrev}' beian 2> /dev/null | grep -q '^[ir]'; then
    BEIAN_PURGE_DATA=yes dpkg -P beian
  fi
  rm -rf /var/lib/beian /etc/beian /etc/systemd/system/beian-watch.service \
    /etc/systemd/system/multi-user.target.wants/beian-watch.service
  if getent passwd beian; then deluser --system beian; fi
  if getent group beian; then delgroup --system beian; fi
}

if [ "${1:-}" = --steps ]; then  # inside the overlay (below)
  shift
  mkdir -p /tmp/logs && cd /tmp/logs
  steps "$@"
  exit 0
fi

deb=$1 version=$2 sample=$3
if [ "${CI:-}" != true ] || [ "$(id -u)" -ne 0 ]; then
  echo "install_test: skipped: a real dpkg install, remove and purge runs only with CI=true as" \
       "root (CI=${CI:-unset}, uid $(id -u))"
  exit 0
fi
work=$(mktemp -d /tmp/beian-install-test-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$deb" "$work/"
cp -r "$sample" "$work/"
deb="$work/$(basename "$deb")" sample="$work/$(basename "$sample")"

# The overlay: a private mount namespace, the root file system (and /usr, /etc, /var where they
# are file systems of their own) under a copy-on-write layer in a tmpfs, chroot into it.
overlay() {
  local top=$work/overlay root=$work/overlay/root
  mkdir -p "$top"
  mount -t tmpfs beian-install-test "$top"
  mkdir -p "$root"
  local dir n=0
  for dir in / /usr /etc /var; do
    if [ "$dir" = / ] || mountpoint -q "$dir"; then
      mkdir -p "$top/upper$n" "$top/work$n"
      mount -t overlay overlay -o "lowerdir=$dir,upperdir=$top/upper$n,workdir=$top/work$n" \
        "$root$dir"
      n=$((n + 1))
    fi
  done
  mount --rbind /dev "$root/dev"
  mount -t proc proc "$root/proc"
  mount -t tmpfs tmpfs "$root/run"  # no systemd running there: nothing reaches this machine's
  mount -t tmpfs tmpfs "$root/tmp"
  mkdir -p "$root/tmp/test"
  mount --bind "$work" "$root/tmp/test"
  cp "$0" "$root/tmp/test/install_test.sh"
  chroot "$root" bash /tmp/test/install_test.sh --steps "/tmp/test/$(basename "$deb")" \
    "$version" "/tmp/test/$(basename "$sample")"
}

if unshare --mount --propagation private true 2> /dev/null && grep -qw overlay /proc/filesystems
then
  export -f overlay steps fail
  export work deb version sample
  unshare --mount --propagation private bash -c 'set -euo pipefail; overlay' "$0"
  echo "install_test: ok (install, remove, purge in an overlay of this machine's root)"
else
  mkdir "$work/logs"
  (cd "$work/logs" && steps "$deb" "$version" "$sample")
  echo "install_test: ok (install, remove, purge on this machine, left as found)"
fi
