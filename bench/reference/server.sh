#!/usr/bin/env bash
# Runs the reference servers as background processes (no systemd needed):
#   server.sh ejabberd|ejabberd-mam|prosody|prosody-gen start|stop|status|pid|pidfile|url|sessions
# prosody-gen is the same Prosody with the generational Lua GC; it shares prosody's port and data,
# so only one of the two runs at a time. ejabberd-mam is ejabberd with mod_mam archiving every message (as we
# write every message to the history); it shares ejabberd's port and data the same way.
# start waits until the WebSocket endpoint answers (polling, at most $BENCH_START_TIMEOUT s).
# Each runs as its package's system user with an open-files limit of $BENCH_NOFILE (20000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
NOFILE=${BENCH_NOFILE:-20000}
START_TIMEOUT=${BENCH_START_TIMEOUT:-60}

usage="usage: server.sh ejabberd|ejabberd-mam|prosody|prosody-gen start|stop|status|pid|pidfile|url|sessions"
server=${1:?$usage}
action=${2:?$usage}

case $server in
  ejabberd|ejabberd-mam) dir=$EJABBERD_DIR; port=$EJABBERD_PORT; user=ejabberd; pidfile=$EJABBERD_DIR/ejabberd.pid
    config=$EJABBERD_DIR/$server.yml ;;
  prosody|prosody-gen) dir=$PROSODY_DIR; port=$PROSODY_PORT; user=prosody; pidfile=$PROSODY_DIR/prosody.pid
    config=$PROSODY_DIR/$server.cfg.lua ;;
  *) echo "unknown server: $server" >&2; exit 2 ;;
esac
url="ws://127.0.0.1:$port/xmpp-websocket"
[ -d "$dir" ] || { echo "$dir missing: run bench/reference/install.sh first" >&2; exit 3; }

as_user() { (cd "$dir" && ulimit -n "$NOFILE" && setpriv --reuid "$user" --regid "$user" --init-groups env HOME="$(getent passwd "$user" | cut -d: -f6)" "$@"); }
ejctl() { as_user ejabberdctl --config-dir "$dir" --ctl-config "$dir/ejabberdctl.cfg" --config "$config" --spool "$dir/spool" --logs "$dir/logs" "$@"; }

pid() { [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && cat "$pidfile"; }
http_up() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/xmpp-websocket"; }

wait_ready() {
  local deadline=$((SECONDS + START_TIMEOUT))
  until pid >/dev/null && http_up; do
    if [ $SECONDS -ge $deadline ]; then echo "$server did not become ready in ${START_TIMEOUT}s; see $dir" >&2; return 1; fi
    sleep 0.2
  done
}

wait_gone() {
  local p=$1 deadline=$((SECONDS + 30))
  while kill -0 "$p" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "$server (pid $p) still running after 30s, sending SIGKILL" >&2; kill -9 "$p" 2>/dev/null || true; fi
    sleep 0.2
  done
}

case $action in
  start)
    if p=$(pid); then
      if [ "$(cat "$dir/running-variant" 2>/dev/null)" != "$server" ]; then
        echo "$(cat "$dir/running-variant" 2>/dev/null) is running (pid $p) on port $port: stop it first" >&2; exit 4
      fi
      echo "$server already running (pid $p) at $url"; exit 0
    fi
    rm -f "$pidfile"
    case $server in
      ejabberd|ejabberd-mam) ejctl start ;;
      prosody|prosody-gen) as_user prosody -D --config "$config" ;;
    esac
    echo "$server" > "$dir/running-variant"
    wait_ready
    echo "$server running (pid $(pid)) at $url, open files limit $(awk '/open files/ {print $4}' /proc/"$(pid)"/limits)"
    ;;
  stop)
    if ! p=$(pid); then echo "$server not running"; exit 0; fi
    case $server in
      ejabberd|ejabberd-mam) ejctl stop >/dev/null || kill "$p" ;;
      prosody|prosody-gen) kill "$p" ;;
    esac
    rm -f "$dir/running-variant"
    wait_gone "$p"
    if [ "$server" != prosody ] && [ "$server" != prosody-gen ]; then
      # epmd was started for this node, listening on loopback only; stop it when no node is left.
      epmd -names 2>/dev/null | grep -q '^name ' || epmd -kill >/dev/null 2>&1 || true
    fi
    echo "$server stopped"
    ;;
  status)
    if p=$(pid) && http_up; then echo "$(cat "$dir/running-variant" 2>/dev/null || echo "$server") running (pid $p) at $url"
    else echo "$server not running"; exit 1; fi
    ;;
  pid) pid || exit 1 ;;
  sessions)
    # Sanity check between runs: sessions the server still holds (ejabberd only).
    case $server in ejabberd|ejabberd-mam) ejctl connected_users_number ;; *) echo "n/a" ;; esac ;;
  pidfile) echo "$pidfile" ;;
  url) echo "$url" ;;
  *) echo "unknown action: $action" >&2; exit 2 ;;
esac
