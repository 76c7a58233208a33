#!/usr/bin/env bash
# Runs scenarios (a)-(d) against ejabberd and Prosody (and our server, if it answers), and (e) federation
# and (f) presence fan-out against our ISPs only, and prints one table with the numbers per server and
# the ratio of ours to each reference server ((e) and (f) have no ratios: the reference servers are
# single-domain here).
#
#   bench/compare.sh [--ours-url URL|none] [--ours-domain D] [--ours-pid-file F] [--ours-label NAME]
#                    [--start-ours] [--servers "ejabberd prosody prosody-gen"]
#                    [--scenarios "closed open logins connections federation presence"]
#                    [--transports "REST SOAP"] [--results FILE.jsonl] [--quick]
#
# Ours defaults to ws://127.0.0.1:9080/xmpp-websocket with domain isp-a-u.example and is skipped when
# nothing answers there with the 'xmpp' WebSocket subprotocol (or with --ours-url none). The reference
# servers are installed/configured by reference/install.sh if needed and restarted here. Ours is measured
# as found, except: --start-ours starts ISP A first (bench/ours.sh start 1), and federation and presence
# run only when ISP A was started by bench/ours.sh; they start ISPs B (and C) with it if needed.
# federation runs once per transport of --transports (ours.sh transport T switches every peer entry;
# the transport in force before is restored at the end); federation-open (open loop, not in the default
# list) likewise. Results: target/results/compare-<time>.jsonl and .txt; with --results an earlier
# .jsonl is appended to (per server and scenario the table shows the run least disturbed by other
# processes, i.e. with the smallest other_cpu_s), e.g. to measure again a scenario that other processes
# on the machine disturbed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/reference/env.sh"

ours_url=$("$here/ours.sh" url a)   # ws://127.0.0.1:9080/xmpp-websocket unless OURS_HTTP_PORT is set
ours_domain=isp-a-u.example
ours_pid_file=
ours_label=ours
servers="ejabberd prosody"
scenarios="closed open logins connections federation presence"
transports="REST SOAP"
start_ours=false
quick=false
results=
while [ $# -gt 0 ]; do
  case $1 in
    --ours-url) ours_url=$2; shift 2 ;;
    --ours-domain) ours_domain=$2; shift 2 ;;
    --ours-pid-file) ours_pid_file=$2; shift 2 ;;
    --ours-label) ours_label=$2; shift 2 ;;
    --servers) servers=$2; shift 2 ;;
    --scenarios) scenarios=$2; shift 2 ;;
    --transports) transports=$2; shift 2 ;;
    --start-ours) start_ours=true; shift ;;
    --results) results=$2; shift 2 ;;
    --quick) quick=true; shift ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# Sizes of the scenarios (--quick: a smoke test of the whole pipeline in about a minute).
if $quick; then
  users=100; closed_msgs=5000; warmup=500; open_msgs=3000; rate=1000; login_users=100; cap=500; conn_seconds=60
  fed_msgs=2000; fed_warmup=200; fed_open_msgs=2000; fed_rate=200; watchers=60; rounds=2
else
  users=1000; closed_msgs=50000; warmup=5000; open_msgs=45000; rate=3000; login_users=1000; cap=15000; conn_seconds=180
  # federation runs at a few hundred msgs/s here (docs/performance.md, (e)): 20,000 messages fit the 240 s cap
  fed_msgs=20000; fed_warmup=2000; fed_open_msgs=15000; fed_rate=100; watchers=1000; rounds=5
fi

jar=$here/target/bench.jar
[ -f "$jar" ] || mvn -q -B -f "$here/pom.xml" package -DskipTests
[ -f "$EJABBERD_DIR/ejabberd-mam.yml" ] && [ -f "$PROSODY_DIR/prosody-gen.cfg.lua" ] || "$here/reference/install.sh"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$here/target/results"
if [ -z "$results" ]; then results=$here/target/results/compare-$stamp.jsonl; : > "$results"; fi
results=$(cd "$(dirname "$results")" && pwd)/$(basename "$results")
table=$here/target/results/compare-$stamp.txt

# This machine may be shared: before each scenario wait (at most $BENCH_QUIET_WAIT s, default 120) until
# the other processes leave the cores idle (>= 90% idle over 2 s). other_cpu_s in the results shows
# how much they used during the measurement anyway.
wait_quiet() {
  local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-120})) a b idle
  while [ $SECONDS -lt $deadline ]; do
    a=($(head -1 /proc/stat)); sleep 2; b=($(head -1 /proc/stat))
    local total=0 i
    for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
    idle=$(( (b[4] - a[4] + b[5] - a[5]) * 100 / (total > 0 ? total : 1) ))
    [ "$idle" -ge 90 ] && return 0
    echo "    waiting for a quiet machine (idle ${idle}%)" >&2
  done
  echo "    machine still busy after ${BENCH_QUIET_WAIT:-120}s: measuring anyway (see other_cpu_s)" >&2
}

drive() { # label url domain pidfile scenario extra-args...
  local label=$1 url=$2 domain=$3 pidfile=$4 scenario=$5; shift 5
  wait_quiet
  local pidopt=()
  [ -n "$pidfile" ] && pidopt=(--server-pid-file "$pidfile")
  echo "--- $label: $scenario" >&2
  # a later --scenario in "$@" (federation, presence) wins; $scenario then only names the log
  "$here/run-driver.sh" --label "$label" --url "$url" --domain "$domain" "${pidopt[@]}" --scenario "$scenario" \
      --json-out "$results" "$@" > "$here/target/results/$label-$scenario-$stamp.log" 2>&1 \
    || echo "    $label $scenario reported an error: see target/results/$label-$scenario-$stamp.log" >&2
  grep -v '^{' "$here/target/results/$label-$scenario-$stamp.log" | grep -E \
    'msgs_per_s|rate_sent|rate_delivered|lat_p99_ms|lost |logins_per_s|login_p99_ms|connections_reached|server_rss_mb|first_error|^  error |other_cpu_s|last_ms_|missed |watchers_subscribed |servers_cpu' \
    | sed 's/^/    /' >&2 || true
}

# (e) and (f) need our ISPs as bench/ours.sh runs them (pid files, peers, transport).
ours_managed() { [ "$ours_url" = "$("$here/ours.sh" url a)" ] && "$here/ours.sh" pid a >/dev/null 2>&1; }

# OURS_DB=postgresql and OURS_NODES=2 (bench/ours.sh) show in the variant, e.g. "REST 2 nodes postgresql"
nodes_variant=
if [ "${OURS_NODES:-1}" != 1 ]; then nodes_variant=" ${OURS_NODES} nodes"; fi
if [ "${OURS_DB:-derby}" != derby ]; then nodes_variant="$nodes_variant $OURS_DB"; fi

federation() { # scenario (federation | federation-open)
  local scenario=$1 before t
  if ! ours_managed; then
    echo "ours: $scenario needs ISP A started by bench/ours.sh at $("$here/ours.sh" url a): skipped" >&2; return 0
  fi
  "$here/ours.sh" start 2 >&2 || { echo "ours: cannot start ISP B: $scenario skipped" >&2; return 0; }
  before=$("$here/ours.sh" transport)
  for t in $transports; do
    "$here/ours.sh" transport "$t" >&2 || { echo "ours: cannot switch the peers to $t" >&2; continue; }
    # with OURS_NODES=2 every ISP has two nodes: the users are spread over both, and the CPU is both nodes'
    local args=(--variant "$t$nodes_variant" --users $users --url "$("$here/ours.sh" urls a)"
                --peer-url "$("$here/ours.sh" urls b)" --peer-domain isp-b-u.example
                --peer-pid-file "$("$here/ours.sh" pidfiles b)" --server-pid-file "$("$here/ours.sh" pidfiles a)")
    if [ "$scenario" = federation ]; then
      drive "$ours_label" "$ours_url" "$ours_domain" "" federation-$t "${args[@]}" --scenario federation \
          --messages $fed_msgs --warmup-messages $fed_warmup --max-seconds 240
    else
      drive "$ours_label" "$ours_url" "$ours_domain" "" federation-open-$t "${args[@]}" --scenario federation-open \
          --messages $fed_open_msgs --rate $fed_rate --warmup-messages $fed_warmup --max-seconds 240
    fi
  done
  "$here/ours.sh" transport "$before" >/dev/null
}

presence() {
  if ! ours_managed; then
    echo "ours: presence needs ISP A started by bench/ours.sh at $("$here/ours.sh" url a): skipped" >&2; return 0
  fi
  "$here/ours.sh" start 3 >&2 || { echo "ours: cannot start ISPs B and C: presence skipped" >&2; return 0; }
  drive "$ours_label" "$ours_url" "$ours_domain" "" presence --scenario presence --prefix fan --contacts $watchers \
      --rounds $rounds --peer-url "$("$here/ours.sh" url b)" --peer-domain isp-b-u.example \
      --peer2-url "$("$here/ours.sh" url c)" --peer2-domain isp-c-u.example \
      --server-pid-file "$("$here/ours.sh" pidfile a)" --peer-pid-file "$("$here/ours.sh" pidfile b)" \
      --peer2-pid-file "$("$here/ours.sh" pidfile c)"
}

restart() { "$here/reference/server.sh" "$1" stop >/dev/null && "$here/reference/server.sh" "$1" start >&2; }

run_all() { # label url domain pidfile managed(reference server to restart, or "")
  local label=$1 url=$2 domain=$3 pidfile=$4 managed=$5
  for s in $scenarios; do
    case $s in
      closed) drive "$label" "$url" "$domain" "$pidfile" closed --users $users --messages $closed_msgs --warmup-messages $warmup ;;
      open) drive "$label" "$url" "$domain" "$pidfile" open --users $users --messages $open_msgs --rate $rate --warmup-messages $warmup ;;
      logins) drive "$label" "$url" "$domain" "$pidfile" logins --users $login_users --login-concurrency 50 ;;
      connections)
        # A fresh server, so that its RSS growth is the connections' (ejabberd and Prosody keep memory).
        if [ -n "$managed" ]; then restart "$managed"; fi
        drive "$label" "$url" "$domain" "$pidfile" connections --cap $cap --login-concurrency 50 --max-seconds $conn_seconds ;;
      federation|federation-open|presence)
        # several ISPs: ours only
        if [ -z "$managed" ]; then if [ "$s" = presence ]; then presence; else federation "$s"; fi; fi ;;
      *) echo "unknown scenario $s" >&2; exit 2 ;;
    esac
  done
}

if $start_ours; then "$here/ours.sh" start 1 >&2; fi

# Our server: measured only if it answers the WebSocket upgrade with the xmpp subprotocol.
ours_up=false
if [ "$ours_url" != none ]; then
  http_url=${ours_url/#ws:/http:}
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
          -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
          -H 'Sec-WebSocket-Protocol: xmpp' "$http_url" || true)
  if [ "$code" = 101 ]; then ours_up=true; else echo "ours: nothing answers at $ours_url (HTTP $code): skipped" >&2; fi
fi

for server in $servers; do
  for other in ejabberd prosody; do "$here/reference/server.sh" "$other" stop >/dev/null; done
  "$here/reference/server.sh" "$server" start >&2
  pidfile=$("$here/reference/server.sh" "$server" pidfile)
  port=$PROSODY_PORT; case $server in ejabberd|ejabberd-mam) port=$EJABBERD_PORT ;; esac
  run_all "$server" "ws://127.0.0.1:$port/xmpp-websocket" "$BENCH_DOMAIN" "$pidfile" "$server"
  echo "    sessions left on $server: $("$here/reference/server.sh" "$server" sessions 2>/dev/null | tail -1)" >&2
  "$here/reference/server.sh" "$server" stop >&2
done

if $ours_up; then
  if [ -z "$ours_pid_file" ] && ours_managed; then
    ours_pid_file=$("$here/ours.sh" pidfiles a)
    # OURS_NODES=2: (a)-(d) spread the users over both nodes of ISP A, whose CPU is summed
    ours_nodes=$("$here/ours.sh" urls a)
  fi
  if [ -z "$ours_pid_file" ]; then
    # The process listening on our port, if it is visible from here.
    port=$(sed -E 's#^ws://[^:/]+:([0-9]+).*#\1#' <<< "$ours_url")
    pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
    if [ -n "$pid" ]; then ours_pid_file=$here/target/results/ours.pid; echo "$pid" > "$ours_pid_file"; fi
  fi
  run_all "$ours_label" "${ours_nodes:-$ours_url}" "$ours_domain" "$ours_pid_file" ""
fi

{
  echo "compare $stamp on $(nproc) cores; users $users; results $results"
  echo "(e) federation: $users users, half on isp-a, half on isp-b; (f) presence: $watchers watchers over isp-a, -b, -c, $rounds rounds"
  java -cp "$jar" org.universalim.bench.Compare "$results" "$ours_label"
} | tee "$table"
