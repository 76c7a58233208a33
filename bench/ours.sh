#!/usr/bin/env bash
# Runs our ISPs as background Liberty servers for the benchmarks, beside each other on this machine:
#
#   ours.sh start [N]        start ISPs A..(A+N-1), N = 1..3 (default 1), those not running yet; then make
#                            every running ISP a peer of every other (transport: see 'transport')
#   ours.sh stop [NAME...]   stop them (default: all)
#   ours.sh restart [N]      stop all, start N
#   ours.sh status           each ISP: running or not, pid, URLs, its peers and their transport
#   ours.sh pid NAME         the pid of one (NAME: a, b, c, isp-a, isp-a.example); exit 1 if not running
#   ours.sh pidfile NAME     its pid file (Liberty writes it)
#   ours.sh transport [REST|SOAP]   show, or set for every peer entry of every running ISP (and later starts)
#   ours.sh url NAME         its XMPP WebSocket URL; ours.sh domain NAME: its users' (universal) domain
#   ours.sh logs NAME        the directory of its logs (messages.log)
#   ours.sh update           copy the build again (stops nothing: run it while the ISPs are stopped)
#   ours.sh clean            stop all and delete their server directories (databases, logs); keeps the copy and PKI
#   ours.sh nodes NAME       ISP NAME's servers (a, or a a2 with OURS_NODES=2); pid, pidfile, url, logs and stop take
#                            a node too (a2: node2 of ISP A); ours.sh urls NAME: the WebSocket URLs of all its nodes,
#                            ours.sh pidfiles NAME: their pid files (comma separated, as the driver takes them)
#
#   OURS_DB=postgresql       every ISP on its own PostgreSQL database (bench_isp_a, ... on 127.0.0.1:5432, role
#                            universalim/universalim as scripts/test-all.sh creates it) instead of embedded Derby,
#                            each server with a pool of $OURS_DB_POOL (15) connections
#   OURS_NODES=2             two nodes per ISP on that database (PostgreSQL only): node2 of A, B, C listens 10 above
#                            node1's ports (HTTP 9090.., HTTPS 9453.., federation 9553..); every peer entry names both
#                            nodes' federation endpoints (baseUrls). Give the same OURS_DB/OURS_NODES to every call.
#                            A node is declared dead after $OURS_NODE_DEAD_SECONDS (30) without a heartbeat: with four
#                            servers, PostgreSQL and the driver on two cores, a busy node missed the default 10 s.
#
#   ISP   domain          HTTP   HTTPS  federation   XMPP
#   A     isp-a.example   9080   9443   9543         ws://127.0.0.1:9080/xmpp-websocket, users @isp-a-u.example
#   B     isp-b.example   9081   9444   9544         ws://127.0.0.1:9081/xmpp-websocket, users @isp-b-u.example
#   C     isp-c.example   9082   9445   9545         ws://127.0.0.1:9082/xmpp-websocket, users @isp-c-u.example
#
# Everything lives under $OURS_DIR (/tmp/universalim-bench/ours): a copy of the Liberty installation with our
# EAR made once from liberty-config/target/liberty/wlp (build it with 'mvn package' first), one server per ISP
# (bench-isp-a, ...; each its own Derby database under its server directory, kept between starts), a
# federation PKI made once with liberty-config/src/main/scripts/federation-pki.sh, and a hosts file that the
# servers' JVMs use (-Djdk.net.hosts.file) so that the ISP domains resolve to 127.0.0.1 without /etc/hosts.
# Each server: heap -Xms1g -Xmx1g ($OURS_HEAP), open-files limit $BENCH_NOFILE (20000) where allowed, HTTP on
# 127.0.0.1 only, administrator 'admin' with $OURS_ADMIN_PASSWORD, and the per-connection client rate limit
# raised to $OURS_WS_RATE frames/s (the reference servers run without shapers too), connections not logged in
# and in-band registrations per address to $OURS_WS_UNAUTHENTICATED and $OURS_REGISTRATIONS. Other ports:
# OURS_HTTP_PORT, OURS_HTTPS_PORT, OURS_FEDERATION_PORT (ISP A's; B and C take the next ones) — the same
# values for every call of ours.sh and compare.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
. "$here/reference/env.sh"
OURS_DIR=${OURS_DIR:-$BENCH_REF_DIR/ours}
WLP_SRC=${OURS_WLP_SRC:-$repo/liberty-config/target/liberty/wlp}
PKI_SCRIPT=$repo/liberty-config/src/main/scripts/federation-pki.sh
WLP=$OURS_DIR/wlp
PKI=$OURS_DIR/pki
HOSTS=$OURS_DIR/hosts
TEMPLATE=$WLP/usr/servers/bench-template
ADMIN_PASSWORD=${OURS_ADMIN_PASSWORD:-bench-admin-secret}
PKI_PASSWORD=${OURS_PKI_PASSWORD:-bench-pki-secret}
HEAP=${OURS_HEAP:-1g}
# OURS_GC replaces the collector of jvm.options (e.g. "-XX:+UseG1GC", "-XX:+UseZGC -XX:+ZGenerational"), and
# OURS_JAVA_HOME the JDK (e.g. the Temurin 25 beside Java 17), for the ISPs started next
WS_RATE=${OURS_WS_RATE:-100000}
# every driver connection comes from 127.0.0.1: the per-address limits of connections not logged in and of
# in-band registrations are raised like the rate (the reference servers are configured without them)
UNAUTH=${OURS_WS_UNAUTHENTICATED:-100000}
REGISTRATIONS=${OURS_REGISTRATIONS:-1000000}
NOFILE=${BENCH_NOFILE:-20000}
START_TIMEOUT=${BENCH_START_TIMEOUT:-240}
LETTERS=(a b c)
# ports of ISP A; B and C take the next ones
DB_KIND=${OURS_DB:-derby}
NODES=${OURS_NODES:-1}
case $DB_KIND/$NODES in derby/1|postgresql/1|postgresql/2) ;; *)
  echo "OURS_DB derby|postgresql, OURS_NODES 1 or 2 (2 only with postgresql): got $DB_KIND/$NODES" >&2; exit 2 ;; esac
PG_HOST=${OURS_PG_HOST:-127.0.0.1}
PG_PORT=${OURS_PG_PORT:-5432}
HTTP_BASE=${OURS_HTTP_PORT:-9080}
HTTPS_BASE=${OURS_HTTPS_PORT:-9443}
FED_BASE=${OURS_FEDERATION_PORT:-9543}

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

letter_of() { # a | isp-a | isp-a.example | bench-isp-a | 0, or a node: a2 | bench-isp-a-node2
  case $1 in
    0|a|isp-a|isp-a.example|bench-isp-a) echo a ;;
    1|b|isp-b|isp-b.example|bench-isp-b) echo b ;;
    2|c|isp-c|isp-c.example|bench-isp-c) echo c ;;
    a2|bench-isp-a-node2) echo a2 ;;
    b2|bench-isp-b-node2) echo b2 ;;
    c2|bench-isp-c-node2) echo c2 ;;
    *) echo "unknown ISP '$1' (a, b or c; a2, b2, c2 for node2)" >&2; return 2 ;;
  esac
}
# a server is a letter and a node: a (node1 of ISP A), a2 (its node2)
isp_of() { echo "${1:0:1}"; }
node_of() { local k=${1:1}; echo "${k:-1}"; }
nodes_of() { local k out=$1; for k in $(seq 2 "$NODES"); do out="$out $1$k"; done; echo "$out"; }
index_of() { case ${1:0:1} in a) echo 0 ;; b) echo 1 ;; c) echo 2 ;; esac; }
offset_of() { echo $(( $(index_of "$1") + 10 * ($(node_of "$1") - 1) )); }
name_of() { if [ "$(node_of "$1")" = 1 ]; then echo "bench-isp-$(isp_of "$1")"; else echo "bench-isp-$(isp_of "$1")-node$(node_of "$1")"; fi; }
domain_of() { echo "isp-$(isp_of "$1").example"; }
http_port() { echo $((HTTP_BASE + $(offset_of "$1"))); }
https_port() { echo $((HTTPS_BASE + $(offset_of "$1"))); }
fed_port() { echo $((FED_BASE + $(offset_of "$1"))); }
# XMPP over TCP: c2s, direct TLS c2s and s2s, each server its own (the benchmarks speak XMPP over WebSocket only)
tcp_port() { echo $(( $2 + $(offset_of "$1") )); }
pidfile_of() { echo "$WLP/usr/servers/.pid/$(name_of "$1").pid"; }
pid_of() { local f; f=$(pidfile_of "$1"); [ -s "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }
db_name() { echo "bench_isp_$(isp_of "$1")"; }
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$(http_port "$1")/health/ready")" = 200 ]; }
transport() { cat "$OURS_DIR/transport" 2>/dev/null || echo REST; }
admin() { # letter method path [json]
  local l=$1 method=$2 path=$3 body=${4:-}
  local args=(-s -u "admin:$ADMIN_PASSWORD" -X "$method" -w '\n%{http_code}' --max-time 30
              "http://127.0.0.1:$(http_port "$l")/api/v1/admin$path")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl "${args[@]}"
}

# The Liberty installation with our EAR, copied once (later builds of the repository do not disturb us).
install_wlp() {
  if [ -f "$OURS_DIR/installed" ] && [ "${1:-}" != again ]; then return 0; fi
  [ -x "$WLP_SRC/bin/server" ] && [ -d "$WLP_SRC/usr/servers/it-template" ] || {
    echo "no Liberty build with our EAR at $WLP_SRC (usr/servers/it-template): build the project first" \
         "(mvn -DskipTests package at the top level)" >&2; exit 3; }
  mkdir -p "$WLP"
  echo "copying $WLP_SRC to $WLP (once)" >&2
  (cd "$WLP_SRC" && tar cf - --exclude=./usr/servers .) | (cd "$WLP" && tar xf -)
  rm -rf "$TEMPLATE"
  mkdir -p "$TEMPLATE"
  (cd "$WLP_SRC/usr/servers/it-template" && tar cf - --exclude=./logs --exclude=./workarea --exclude=./database \
      --exclude=./tranlog .) | (cd "$TEMPLATE" && tar xf -)
  date -u +%FT%TZ > "$OURS_DIR/installed"
}

# A federation CA and a certificate per ISP domain, made once.
install_pki() {
  local d missing=()
  for d in isp-a.example isp-b.example isp-c.example; do [ -f "$PKI/$d.p12" ] || missing+=("$d"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  FEDERATION_PKI_PASSWORD=$PKI_PASSWORD bash "$PKI_SCRIPT" "$PKI" "${missing[@]}" >"$OURS_DIR/pki.log" 2>&1 || {
    echo "federation PKI failed: see $OURS_DIR/pki.log" >&2; exit 1; }
}

write_hosts() {
  printf '127.0.0.1 localhost %s isp-a.example isp-b.example isp-c.example isp-a-u.example isp-b-u.example isp-c-u.example\n::1 localhost ip6-localhost\n' \
    "$(hostname)" > "$HOSTS"
}

# The server directory of one ISP: the template's configuration and application, our environment and JVM
# options; its database, logs and work area stay between starts.
configure() {
  local l=$1 dir
  dir=$WLP/usr/servers/$(name_of "$l")
  mkdir -p "$dir"
  (cd "$TEMPLATE" && tar cf - --exclude=./server.env --exclude=./jvm.options .) | (cd "$dir" && tar xf -)
  {
    grep -v '^\s*$' "$TEMPLATE/server.env" 2>/dev/null || true
    cat <<EOF
ISP_DOMAIN=$(domain_of "$l")
HTTP_HOST=127.0.0.1
HTTP_PORT=$(http_port "$l")
HTTPS_PORT=$(https_port "$l")
FEDERATION_PORT=$(fed_port "$l")
FEDERATION_KEYSTORE=$PKI/$(domain_of "$l").p12
FEDERATION_KEYSTORE_PASSWORD=$PKI_PASSWORD
FEDERATION_TRUSTSTORE=$PKI/trust.p12
FEDERATION_TRUSTSTORE_PASSWORD=$PKI_PASSWORD
ADMIN_PASSWORD=$ADMIN_PASSWORD
WS_RATE_PER_SECOND=$WS_RATE
WS_RATE_BURST=$WS_RATE
WS_UNAUTHENTICATED_PER_ADDRESS=$UNAUTH
REGISTRATION_LIMIT_PER_ADDRESS=$REGISTRATIONS
REGISTRATION_LIMIT_GLOBAL=$REGISTRATIONS
XMPP_C2S_PORT=$(tcp_port "$l" 15222)
XMPP_C2S_TLS_PORT=$(tcp_port "$l" 15322)
XMPP_S2S_PORT=$(tcp_port "$l" 15422)
NODE_NAME=node$(node_of "$l")
NODE_DEAD_SECONDS=${OURS_NODE_DEAD_SECONDS:-30}
NODE_INTERNAL_URL=https://$(domain_of "$l"):$(fed_port "$l")
EOF
    if [ "$DB_KIND" = postgresql ]; then
      # PostgreSQL's default max_connections is 100: six servers with the default pool of 40 each would pass it
      printf 'DB_KIND=postgresql\nDB_HOST=%s\nDB_PORT=%s\nDB_NAME=%s\nDB_USER=universalim\nDB_PASSWORD=universalim\nDB_POOL_MAX=%s\n' \
        "$PG_HOST" "$PG_PORT" "$(db_name "$l")" "${OURS_DB_POOL:-15}"
    fi
    if [ -n "${OURS_JAVA_HOME:-}" ]; then echo "JAVA_HOME=$OURS_JAVA_HOME"; fi
  } > "$dir/server.env"
  {
    if [ -n "${OURS_GC:-}" ]; then
      grep -v -e '^-Xmx' -e '^-Xms' -e 'jdk.net.hosts.file' -e '^-XX:+Use.*GC$' "$TEMPLATE/jvm.options" 2>/dev/null || true
      echo "$OURS_GC"
    else
      grep -v -e '^-Xmx' -e '^-Xms' -e 'jdk.net.hosts.file' "$TEMPLATE/jvm.options" 2>/dev/null || true
    fi
    echo "-Xmx$HEAP"
    echo "-Xms$HEAP"  # the whole heap from the start: no full collections while it grows during the first run
    echo "-Djdk.net.hosts.file=$HOSTS"
  } > "$dir/jvm.options"
}

# The PostgreSQL database of an ISP (OURS_DB=postgresql), made when missing; its nodes share it.
ensure_database() {
  local l=$1
  [ "$DB_KIND" = postgresql ] || return 0
  if ! PGPASSWORD=universalim psql -h "$PG_HOST" -p "$PG_PORT" -U universalim -d postgres -tAc \
       "SELECT 1 FROM pg_database WHERE datname = '$(db_name "$l")'" | grep -q 1; then
    PGPASSWORD=universalim createdb -h "$PG_HOST" -p "$PG_PORT" -U universalim "$(db_name "$l")" || {
      echo "cannot create PostgreSQL database $(db_name "$l") (is PostgreSQL up with the role universalim? scripts/test-all.sh makes it)" >&2
      return 1; }
  fi
}

drop_database() {
  local l=$1
  [ "$DB_KIND" = postgresql ] || return 0
  PGPASSWORD=universalim dropdb --if-exists -h "$PG_HOST" -p "$PG_PORT" -U universalim "$(db_name "$l")" 2>/dev/null || true
}

start_one() {
  local l=$1 name p port
  name=$(name_of "$l")
  if p=$(pid_of "$l"); then echo "$name already running (pid $p)" >&2; return 0; fi
  for port in $(http_port "$l") $(https_port "$l") $(fed_port "$l"); do
    if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
      echo "port $port (for $name) is in use by another process: stop it first" >&2; return 4
    fi
  done
  configure "$l"
  ensure_database "$l"
  ( ulimit -n "$NOFILE" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
    "$WLP/bin/server" start "$name" >"$OURS_DIR/$name.start.log" 2>&1 ) || {
      echo "'server start $name' failed: see $OURS_DIR/$name.start.log" >&2; return 1; }
}

wait_ready() {
  local l=$1 deadline=$((SECONDS + START_TIMEOUT))
  until ready "$l"; do
    if [ $SECONDS -ge $deadline ] || ! pid_of "$l" >/dev/null; then
      echo "$(name_of "$l") not ready after ${START_TIMEOUT}s; see $WLP/usr/servers/$(name_of "$l")/logs/messages.log" >&2
      return 1
    fi
    sleep 0.5
  done
}

# Makes every running ISP a peer of every other one, over the transport of $OURS_DIR/transport.
peer_all() {
  local t x y n code out body urls
  t=$(transport)
  for x in "${LETTERS[@]}"; do
    pid_of "$x" >/dev/null || continue
    for y in "${LETTERS[@]}"; do
      [ "$x" = "$y" ] && continue
      pid_of "$y" >/dev/null || continue
      urls=""
      for n in $(nodes_of "$y"); do urls="$urls${urls:+,}\"https://$(domain_of "$y"):$(fed_port "$n")\""; done
      body="{\"domain\":\"$(domain_of "$y")\",\"baseUrls\":[$urls],\"transport\":\"$t\",\"enabled\":true}"
      out=$(admin "$x" GET "/peers/$(domain_of "$y")")
      code=${out##*$'\n'}
      if [ "$code" = 200 ]; then
        if ! grep -q "\"transport\":\"$t\"" <<< "$out" || ! grep -q '"enabled":true' <<< "$out" \
           || ! grep -qF "\"baseUrls\":[$urls]" <<< "$out"; then
          out=$(admin "$x" PUT "/peers/$(domain_of "$y")" "$body"); code=${out##*$'\n'}
        fi
      else
        out=$(admin "$x" POST /peers "$body"); code=${out##*$'\n'}
      fi
      case $code in 200|201) ;; *) echo "peer $(domain_of "$y") on $(domain_of "$x"): HTTP $code ${out%$'\n'*}" >&2; return 1 ;; esac
    done
  done
  # once both ends know each other: test every link
  for x in "${LETTERS[@]}"; do
    pid_of "$x" >/dev/null || continue
    for y in "${LETTERS[@]}"; do
      [ "$x" = "$y" ] && continue
      pid_of "$y" >/dev/null || continue
      out=$(admin "$x" POST "/peers/$(domain_of "$y")/test")
      if ! grep -q '"reachable":true' <<< "$out"; then
        echo "warning: $(domain_of "$x") cannot reach $(domain_of "$y") ($t): ${out%$'\n'*}" >&2
      fi
    done
  done
}

status_one() {
  local l=$1 p out peers
  if p=$(pid_of "$l") && ready "$l"; then
    out=$(admin "$l" GET /peers); out=${out%$'\n'*}
    peers=$(grep -o '"domain":"[^"]*"\|"transport":"[^"]*"' <<< "$out" | cut -d'"' -f4 | paste -sd' ' - | sed 's/\(example\) \([A-Z]*\)/\1 (\2),/g; s/,$//')
    echo "$(name_of "$l") running (pid $p, pid file $(pidfile_of "$l")) ws://127.0.0.1:$(http_port "$l")/xmpp-websocket" \
         "domain $(domain_of "$l"); peers: ${peers:-none}"
    return 0
  fi
  echo "$(name_of "$l") not running"
  return 1
}

stop_one() {
  local l=$1 p deadline
  p=$(pid_of "$l") || { echo "$(name_of "$l") not running"; return 0; }
  "$WLP/bin/server" stop "$(name_of "$l")" >/dev/null 2>&1 || kill "$p" 2>/dev/null || true
  deadline=$((SECONDS + 60))
  while kill -0 "$p" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "$(name_of "$l") (pid $p) still running after 60s: SIGKILL" >&2; kill -9 "$p" 2>/dev/null || true; fi
    sleep 0.3
  done
  echo "$(name_of "$l") stopped"
}

action=${1:-}
[ -n "$action" ] || { usage; exit 2; }
shift
mkdir -p "$OURS_DIR"
case $action in
  start|restart)
    n=${1:-1}
    case $n in 1|2|3) ;; *) echo "start N: N is 1, 2 or 3" >&2; exit 2 ;; esac
    if [ "$action" = restart ]; then for l in "${LETTERS[@]}"; do stop_one "$l" >&2; done; fi
    install_wlp
    install_pki
    write_hosts
    wanted=()
    for l in "${LETTERS[@]:0:$n}"; do for k in $(nodes_of "$l"); do wanted+=("$k"); done; done
    # node1 first: it makes the schema, which node2 then finds
    for l in "${LETTERS[@]:0:$n}"; do start_one "$l"; done
    for l in "${LETTERS[@]:0:$n}"; do wait_ready "$l"; done
    for l in "${wanted[@]}"; do [ "$(node_of "$l")" = 1 ] || start_one "$l"; done
    for l in "${wanted[@]}"; do wait_ready "$l"; done
    peer_all
    for l in "${wanted[@]}"; do
      echo "$(name_of "$l") ($(domain_of "$l")) pid $(pid_of "$l") pidfile $(pidfile_of "$l")" \
           "ws://127.0.0.1:$(http_port "$l")/xmpp-websocket isp-$(isp_of "$l")-u.example; open files $(awk '/open files/ {print $4}' "/proc/$(pid_of "$l")/limits")"
    done
    echo "peers: $(transport)$([ "$NODES" = 1 ] || echo ", $NODES nodes each") on $DB_KIND"
    ;;
  stop)
    if [ $# -eq 0 ]; then set -- "${LETTERS[@]}" a2 b2 c2; fi
    for x in "$@"; do stop_one "$(letter_of "$x")"; done
    ;;
  nodes) l=$(letter_of "${1:?nodes NAME}"); nodes_of "$(isp_of "$l")" ;;
  urls) l=$(letter_of "${1:?urls NAME}")
    for k in $(nodes_of "$(isp_of "$l")"); do echo "ws://127.0.0.1:$(http_port "$k")/xmpp-websocket"; done | paste -sd, - ;;
  pidfiles) l=$(letter_of "${1:?pidfiles NAME}")
    for k in $(nodes_of "$(isp_of "$l")"); do pidfile_of "$k"; done | paste -sd, - ;;
  status)
    rc=1
    for l in "${LETTERS[@]}"; do for k in $(nodes_of "$l"); do status_one "$k" && rc=0; done; done
    echo "peers are added with transport $(transport)"
    exit $rc
    ;;
  pid) l=$(letter_of "${1:?pid NAME}"); pid_of "$l" || exit 1 ;;
  pidfile) l=$(letter_of "${1:?pidfile NAME}"); pidfile_of "$l" ;;
  logs) l=$(letter_of "${1:?logs NAME}"); echo "$WLP/usr/servers/$(name_of "$l")/logs" ;;
  url) l=$(letter_of "${1:?url NAME}"); echo "ws://127.0.0.1:$(http_port "$l")/xmpp-websocket" ;;
  domain) l=$(letter_of "${1:?domain NAME}"); echo "isp-$(isp_of "$l")-u.example" ;;
  transport)
    if [ $# -eq 0 ]; then transport; exit 0; fi
    t=$(tr '[:lower:]' '[:upper:]' <<< "$1")
    case $t in REST|SOAP) ;; *) echo "transport REST or SOAP" >&2; exit 2 ;; esac
    echo "$t" > "$OURS_DIR/transport"
    peer_all
    echo "peers: $t"
    ;;
  update) install_wlp again ;;
  clean)
    for l in "${LETTERS[@]}" a2 b2 c2; do stop_one "$l"; rm -rf "${WLP:?}/usr/servers/$(name_of "$l")"; done
    for l in "${LETTERS[@]}"; do drop_database "$l"; done
    echo "server directories removed$([ "$DB_KIND" = postgresql ] && echo " and PostgreSQL databases dropped"); the next start creates fresh databases"
    ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
