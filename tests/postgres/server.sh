#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for one test run (the ctest fixture `postgres`, CMakeLists.txt):
#   server.sh start DIR   initdb into DIR/data and start it, listening on a Unix socket in DIR
#                         only (no TCP), fsync off; any server left in DIR by an earlier run is
#                         stopped and removed first.
#   server.sh restart DIR restart it (pg_ctl restart -m fast: every connection drops, open
#                         transactions roll back) and wait until it takes connections again.
#   server.sh stop DIR    stop it and remove DIR.
# As root the server runs as the user `postgres` (initdb refuses root) and DIR belongs to it;
# otherwise as the caller. The tests connect as that user (tests/testing/postgres_db.h).
# Fails (exit 1) when the server cannot be started: the PostgreSQL tests then fail, never skip.
set -euo pipefail
action="$1"
dir="$2"
bin=/usr/lib/postgresql/15/bin
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}
case "$action" in
  start)
    stop
    if [ ! -x "$bin/initdb" ]; then
      echo "postgres fixture: $bin/initdb not found (Debian package postgresql-15)" >&2
      exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -E UTF8 --no-locale > "$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" \
      start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres fixture: server on $dir"
    ;;
  restart)
    # The options it was started with are kept (postmaster.opts); the log goes on.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w restart > /dev/null ||
      { tail -n 20 "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    # Immediate: the data is removed next, so the shutdown checkpoint of a fast stop (about
    # 30 s after a full test run's databases, at the very end of the ctest run) is wasted.
    stop
    ;;
  *)
    echo "usage: server.sh start|restart|stop DIR" >&2
    exit 2
    ;;
esac
