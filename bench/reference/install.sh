#!/usr/bin/env bash
# Installs ejabberd and Prosody from Debian, stops whatever the packages started, and writes
# loopback-only WebSocket configurations for the benchmark under $BENCH_REF_DIR (default
# /tmp/universalim-bench). Idempotent; rerun it to rewrite the configurations.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/env.sh"

if ! dpkg -s ejabberd prosody >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q ejabberd prosody
fi

# The packages' own instances (if a service manager started them): stop them by their pid files.
for pidfile in /run/ejabberd/ejabberd.pid /run/prosody/prosody.pid; do
  if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "stopping the package's own server (pid $(cat "$pidfile"))"
    kill "$(cat "$pidfile")" || true
  fi
done


subst() {
  sed -e "s|@DIR@|$2|g" -e "s|@DOMAIN@|$BENCH_DOMAIN|g" -e "s|@EJABBERD_PORT@|$EJABBERD_PORT|g" \
      -e "s|@PROSODY_PORT@|$PROSODY_PORT|g" -e "s|@NODE@|$EJABBERD_NODE|g" -e "s|@PROSODY_GC@|${3:-}|g" "$1"
}

mkdir -p "$EJABBERD_DIR/spool" "$EJABBERD_DIR/logs" "$PROSODY_DIR/data" "$PROSODY_DIR/certs"
subst "$here/ejabberd.yml.in" "$EJABBERD_DIR" > "$EJABBERD_DIR/ejabberd.yml"
subst "$here/ejabberdctl.cfg.in" "$EJABBERD_DIR" > "$EJABBERD_DIR/ejabberdctl.cfg"
# "ejabberd-mam" differs only in mod_mam archiving every message of every user (stored in Mnesia on disc)
awk '{ print } /^modules:/ { print "  mod_mam:\n    default: always\n    db_type: mnesia" }' \
    "$EJABBERD_DIR/ejabberd.yml" > "$EJABBERD_DIR/ejabberd-mam.yml"
cp /etc/ejabberd/inetrc "$EJABBERD_DIR/inetrc"
# "prosody" is Prosody as shipped (incremental Lua GC); "prosody-gen" differs only in the generational GC.
subst "$here/prosody.cfg.lua.in" "$PROSODY_DIR" incremental > "$PROSODY_DIR/prosody.cfg.lua"
subst "$here/prosody.cfg.lua.in" "$PROSODY_DIR" generational > "$PROSODY_DIR/prosody-gen.cfg.lua"
chmod 755 "$BENCH_REF_DIR"
chown -R ejabberd:ejabberd "$EJABBERD_DIR"
chown -R prosody:prosody "$PROSODY_DIR"
echo "configured: ejabberd ws://127.0.0.1:$EJABBERD_PORT/xmpp-websocket, prosody ws://127.0.0.1:$PROSODY_PORT/xmpp-websocket, domain $BENCH_DOMAIN, files in $BENCH_REF_DIR"
