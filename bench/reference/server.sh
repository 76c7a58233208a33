#!/usr/bin/env bash
# Runs the reference servers as background processes (no systemd needed):
#   server.sh ejabberd|prosody start|stop|status|pid|url
# start waits until the WebSocket endpoint answers (polling, at most $BENCH_START_TIMEOUT s).
# Each runs as its package's system user with an open-files limit of $BENCH_NOFILE (20000).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"
NOFILE=${BENCH_NOFILE:-20000}
START_TIMEOUT=${BENCH_START_TIMEOUT:-60}

server=${1:?usage: server.sh ejabberd|prosody start|stop|status|pid|url}
action=${2:?usage: server.sh ejabberd|prosody start|stop|status|pid|url}

case $server in
  ejabberd) dir=$EJABBERD_DIR; port=$EJABBERD_PORT; user=ejabberd; pidfile=$EJABBERD_DIR/ejabberd.pid ;;
  prosody)  dir=$PROSODY_DIR;  port=$PROSODY_PORT;  user=prosody;  pidfile=$PROSODY_DIR/prosody.pid ;;
  *) echo "unknown server: $server" >&2; exit 2 ;;
esac
url="ws://127.0.0.1:$port/xmpp-websocket"
[ -d "$dir" ] || { echo "$dir missing: run bench/reference/install.sh first" >&2; exit 3; }

as_user() { (cd "$dir" && ulimit -n "$NOFILE" && setpriv --reuid "$user" --regid "$user" --init-groups env HOME="$(getent passwd "$user" | cut -d: -f6)" "$@"); }
ejctl() { as_user ejabberdctl --config-dir "$dir" --ctl-config "$dir/ejabberdctl.cfg" --config "$dir/ejabberd.yml" --spool "$dir/spool" --logs "$dir/logs" "$@"; }

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
    if p=$(pid); then echo "$server already running (pid $p) at $url"; exit 0; fi
    rm -f "$pidfile"
    case $server in
      ejabberd) ejctl start ;;
      prosody) as_user prosody -D --config "$dir/prosody.cfg.lua" ;;
    esac
    wait_ready
    echo "$server running (pid $(pid)) at $url, open files limit $(awk '/open files/ {print $4}' /proc/"$(pid)"/limits)"
    ;;
  stop)
    if ! p=$(pid); then echo "$server not running"; exit 0; fi
    case $server in
      ejabberd) ejctl stop >/dev/null || kill "$p" ;;
      prosody) kill "$p" ;;
    esac
    wait_gone "$p"
    if [ "$server" = ejabberd ]; then
      # epmd was started for this node, listening on loopback only; stop it when no node is left.
      epmd -names 2>/dev/null | grep -q '^name ' || epmd -kill >/dev/null 2>&1 || true
    fi
    echo "$server stopped"
    ;;
  status)
    if p=$(pid) && http_up; then echo "$server running (pid $p) at $url"; else echo "$server not running"; exit 1; fi
    ;;
  pid) pid || exit 1 ;;
  pidfile) echo "$pidfile" ;;
  url) echo "$url" ;;
  *) echo "unknown action: $action" >&2; exit 2 ;;
esac
