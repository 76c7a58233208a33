# Settings shared by the reference-server scripts; every one can be overridden from the environment.
BENCH_REF_DIR=${BENCH_REF_DIR:-/tmp/universalim-bench}
BENCH_DOMAIN=${BENCH_DOMAIN:-bench.example}
EJABBERD_PORT=${EJABBERD_PORT:-5280}
PROSODY_PORT=${PROSODY_PORT:-5281}
EJABBERD_NODE=${EJABBERD_NODE:-benchejabberd@localhost}
EJABBERD_DIR=$BENCH_REF_DIR/ejabberd
PROSODY_DIR=$BENCH_REF_DIR/prosody
