#!/bin/bash
# The gateway in ESME mode measured from outside (docs/performance.md, "Measured from outside", "ESME mode"):
# Cloudhopper's server playing the carriers' SMSC (OutsideSmscLoad) with (1) a netty ESME echo binding to it and
# sending the same multi-part replies as submit_sm (NettyEsmeEcho), then (2) the gateway (`run`, its own -Xmx512m
# JVM, journal on, china-mobile and china-unicom in ESME mode bound to the tool), each alone in its own JVM;
# prints the ratio. The twin of outside-bench.sh (server mode).
# usage, from the repository root, with the dataset of docs/performance.md:
#   CXMYD_BENCH_DATA=/tmp/cxmyd-bench/data config/bench/outside-esme-bench.sh [--window 64] [--warmup 5s]
#       [--duration 20s] [--parts 2] [--last-part-octets 134] [--numbers-limit 20000] [--rate N] [--no-build] [--echo-work]
# One transceiver bind per carrier (the gateway's `sessions: 1`, the echo's two binds): 2 sessions, each with
# --window queries outstanding. Output and logs: ${CXMYD_BENCH_OUT:-/tmp/cxmyd-outside-esme-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT_DEFAULT=/tmp/cxmyd-outside-esme-bench
source config/bench/outside-common.sh
[ "$SESSIONS" = 2 ] || { echo "--sessions: ESME mode runs one bind per carrier, 2 in all" >&2; exit 2; }
BINDS=cmcc:cm-pass1:10086,cucc:cu-pass1:10010   # the accounts of config/bench/gateway-bench.yml

# The server side starts first (it binds to the tool, trying again until the tool listens): its pid is the
# tool's --server-pid. The tool waits up to 300 s for both binds (the gateway loads the dataset first).
load() { # label port pid
  echo "  load average $(cut -d' ' -f1-3 /proc/loadavg) before '$1' at $(date -u +%H:%M:%S)"
  java -Xmx1g -cp "$CP" io.cxmyd.gateway.bench.OutsideSmscLoad --listen "127.0.0.1:$2" --server-pid "$3" \
      --label "$1" --bind "$BINDS" --sessions 2 --bind-wait 300s --window "$WINDOW" \
      --warmup "$WARMUP" --duration "$DURATION" --numbers-from "$DATA/subscribers.csv" --numbers-limit "$LIMIT" "${RATE[@]}" \
      | tee "$OUT/load-$1.out" || true
}

# (b1) The same-parts netty ESME echo alone in its JVM, bound to the tool as both carriers.
EP=$(free_port)
java -Xmx512m "${ECHO_JVM[@]}" -cp "$CP" io.cxmyd.gateway.bench.NettyEsmeEcho --target "127.0.0.1:$EP" --bind "$BINDS" \
    --bind-wait 120s --parts "$PARTS" --last-part-octets "$LAST" "${ECHO_ARGS[@]}" >"$OUT/echo.out" 2>&1 & EPID=$!
PIDS+=($EPID)
load echo "$EP" $EPID
stop $EPID; cat "$OUT/echo.out"

# (b2) The gateway alone in its JVM: the bench config with china-mobile and china-unicom in ESME mode, bound to
# the tool's port (one transceiver each, window 64, a throughput cap that does not limit, no receipts asked,
# quick rebinding), the dataset's path, its journal (var/journal next to the config) fresh, the query log
# through config/bench/logback.xml into $OUT. china-telecom stays in server mode (nothing binds to it).
GP=$(free_port)
awk -v port="$GP" '
  { print }
  /^    password: "(cm|cu)-pass1"/ {
    print "    smsc:"
    print "      host: 127.0.0.1"
    print "      port: " port
    print "      bind: transceiver"
    print "      sessions: 1"
    print "      window: 64"
    print "      throughput: 100000"
    print "      receipts: false"
    print "      reconnectMin: 100ms"
    print "      reconnectMax: 1s"
  }' config/bench/gateway-bench.yml | sed -e "s|\${CXMYD_BENCH_DATA}|$DATA|" >"$OUT/gateway.yml"
[ "$(grep -c '^    smsc:' "$OUT/gateway.yml")" = 2 ] || { echo "no smsc block added to $OUT/gateway.yml" >&2; exit 1; }
fresh_gateway_state
java -Xmx512m -Dcxmyd.log.dir="$OUT" -jar $JAR run --config "$OUT/gateway.yml" >"$OUT/gateway.out" 2>&1 & GPID=$!
PIDS+=($GPID)
load gateway "$GP" $GPID
stop $GPID

# (c) The ratio.
print_ratio "gateway (ESME mode)"
