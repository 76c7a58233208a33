#!/usr/bin/env bash
# Runs the XMPP-over-WebSocket load driver; builds it first if target/bench.jar is missing.
#   bench/run-driver.sh --url ws://127.0.0.1:5280/xmpp-websocket --domain bench.example --scenario closed
# All options: bench/run-driver.sh --help.  JVM options: BENCH_JAVA_OPTS.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/bench.jar
if [ ! -f "$jar" ]; then
  mvn -q -B -f "$here/pom.xml" package -DskipTests >&2
fi
# ParallelGC and a fixed heap keep the driver cheap: it shares the machine's cores with the server.
# SCRAM salted passwords are kept between runs (like a client that stores them); --scram-cache "" turns it off.
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g -XX:+UseParallelGC} -jar "$jar" --scram-cache "$here/target/scram-cache.txt" "$@"
