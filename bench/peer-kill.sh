#!/usr/bin/env bash
# (e) with a node of the peer killed with kill -9 and started again during the run (issue 18), for ours only.
# Two nodes per ISP on PostgreSQL; the users are on node1 of A and node1 of B, so that node2 of B only takes the
# federation calls that A sends it (A's peer entry names both of B's nodes: bench/ours.sh sets baseUrls). While an
# open loop runs across the ISPs (A's users to B's and back), node2 of B is killed, kept down, and started again.
# The driver counts what a user would see: lost, duplicated and out-of-order messages, and the latency.
#
#   OURS_DB=postgresql OURS_NODES=2 bench/peer-kill.sh [--rate 100] [--messages 9000] [--users 200]
#                                                      [--kill-after 40] [--down 15] [--transport REST|SOAP]
#
# Needs PostgreSQL with the role the tests use (scripts/test-all.sh makes it) and a build (mvn -DskipTests package).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rate=100; messages=9000; users=200; kill_after=40; down=15; transport=REST
while [ $# -gt 0 ]; do
  case $1 in
    --rate) rate=$2; shift 2 ;;
    --messages) messages=$2; shift 2 ;;
    --users) users=$2; shift 2 ;;
    --kill-after) kill_after=$2; shift 2 ;;
    --down) down=$2; shift 2 ;;
    --transport) transport=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ "${OURS_DB:-}" != postgresql ] || [ "${OURS_NODES:-}" != 2 ]; then
  echo "run with OURS_DB=postgresql OURS_NODES=2 (two nodes per ISP share a PostgreSQL database)" >&2; exit 2
fi
ours() { "$here/ours.sh" "$@"; }
ours start 2 >&2
ours transport "$transport" >&2
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$here/target/results"
log=$here/target/results/peer-kill-$stamp.log
json=$here/target/results/peer-kill-$stamp.jsonl

"$here/run-driver.sh" --label ours --variant "$transport peer node killed" --scenario federation-open \
    --users "$users" --rate "$rate" --messages "$messages" --warmup-messages 0 --max-seconds 600 --grace-seconds 120 \
    --url "$(ours url a)" --domain isp-a-u.example --server-pid-file "$(ours pidfiles a)" \
    --peer-url "$(ours url b)" --peer-domain isp-b-u.example --peer-pid-file "$(ours pidfiles b)" \
    --json-out "$json" > "$log" 2>&1 &
driver=$!

# the kill comes --kill-after seconds after the driver started (its users log in within the first seconds)
sleep "$kill_after"
victim=$(ours pid b2) || { echo "node2 of B is not running" >&2; wait $driver; exit 1; }
echo "$(date -u +%T) kill -9 of node2 of B (pid $victim), down ${down} s" | tee -a "$log" >&2
kill -9 "$victim"
sleep "$down"
echo "$(date -u +%T) starting node2 of B again" | tee -a "$log" >&2
ours start 2 >&2
echo "$(date -u +%T) node2 of B is back" | tee -a "$log" >&2
wait $driver || true
python3 - "$json" >&2 <<'PY' || true
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    keys = ["messages_sent", "messages_received", "lost", "duplicates", "out_of_order", "rate_delivered",
            "lat_p50_ms", "lat_p99_ms", "lat_max_ms", "servers_cpu_s", "first_error"]
    print("  " + ", ".join(f"{k} {r[k]}" for k in keys if k in r))
PY
echo "log: $log; results: $json" >&2
