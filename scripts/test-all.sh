#!/usr/bin/env bash
# README command 2: runs every test. Java 17 and Maven come first; what the tests need besides them is
# installed here when missing (Debian/Ubuntu, root or sudo): Chromium and its driver for the browser
# tests, PostgreSQL and nginx for the PostgreSQL and multi-node tests, Prosody and ejabberd for the server-to-server XMPP tests. PostgreSQL is started if it is
# down and given the role the tests use (universalim/universalim, allowed to create their databases).
# Extra arguments go to Maven, e.g. scripts/test-all.sh -Dit.test=MultiNodeIT -Dincontainer.skip=true
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
# the server-to-server XMPP tests start a real Prosody of their own (S2sProsodyIT); its own service is not used
command -v prosody >/dev/null 2>&1 || missing+=(prosody)
# and a real ejabberd of their own (S2sEjabberdIT), an Erlang VM the test starts and stops; its own service is not used
[ -x /usr/sbin/ejabberdctl ] || missing+=(ejabberd)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    # Debian starts the prosody it installs on 5222/5269; the tests run their own on other ports
    if [[ " ${missing[*]} " == *" prosody "* ]]; then
        as_root service prosody stop >/dev/null 2>&1 || true
    fi
    # and the ejabberd it installs on 5222/5269/5280 (with its epmd)
    if [[ " ${missing[*]} " == *" ejabberd "* ]]; then
        as_root service ejabberd stop >/dev/null 2>&1 || true
    fi
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "== starting PostgreSQL"
    version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    if [ ! -d "/etc/postgresql/$version/main" ]; then
        as_root pg_createcluster "$version" main >/dev/null
    fi
    as_root pg_ctlcluster "$version" main start
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
fi
if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'universalim'")" != 1 ]; then
    echo "== creating the PostgreSQL role the tests use"
    as_postgres psql -q -c "CREATE ROLE universalim LOGIN CREATEDB PASSWORD 'universalim'"
fi

echo "== tests"
exec mvn -B verify "$@"
