#!/bin/bash
# The gateway measured from outside (docs/performance.md, "Measured from outside"): Cloudhopper's client
# (OutsideLoad) against (1) a netty echo sending the same multi-part replies (NettyEcho), then (2) the gateway
# (`run`, its own -Xmx512m JVM, journal on), each server alone in its own JVM; prints the ratio.
# usage, from the repository root, with the dataset of docs/performance.md:
#   CXMYD_BENCH_DATA=/tmp/cxmyd-bench/data config/bench/outside-bench.sh [--sessions 2] [--window 64]
#       [--warmup 5s] [--duration 20s] [--parts 2] [--last-part-octets 134] [--numbers-limit 20000] [--rate N] [--no-build]
#       [--echo-work]
# Output and logs: ${CXMYD_BENCH_OUT:-/tmp/cxmyd-outside-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT_DEFAULT=/tmp/cxmyd-outside-bench
source config/bench/outside-common.sh

listening() { ss -ltnH "sport = :$1" | grep -q .; }
wait_listening() { # port pid seconds
  local i=0
  until listening "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "server $2 exited before listening" >&2; return 1; }
    i=$((i+1)); [ $i -le $(( $3 * 5 )) ] || { echo "nothing listening on $1 after $3 s" >&2; return 1; }
    sleep 0.2
  done
}
load() { # label port pid
  echo "  load average $(cut -d' ' -f1-3 /proc/loadavg) before '$1' at $(date -u +%H:%M:%S)"
  java -Xmx1g -cp "$CP" io.cxmyd.gateway.bench.OutsideLoad --target "127.0.0.1:$2" --server-pid "$3" \
      --label "$1" --bind cmcc:cm-pass1:10086,cucc:cu-pass1:10010 --sessions "$SESSIONS" --window "$WINDOW" \
      --warmup "$WARMUP" --duration "$DURATION" --numbers-from "$DATA/subscribers.csv" --numbers-limit "$LIMIT" "${RATE[@]}" \
      | tee "$OUT/load-$1.out" || true
}

# (b1) The same-parts netty echo alone in its JVM.
EP=$(free_port)
java -Xmx512m "${ECHO_JVM[@]}" -cp "$CP" io.cxmyd.gateway.bench.NettyEcho --port "$EP" --parts "$PARTS" \
    --last-part-octets "$LAST" "${ECHO_ARGS[@]}" >"$OUT/echo.out" 2>&1 & EPID=$!; PIDS+=($EPID)
wait_listening "$EP" $EPID 60
load echo "$EP" $EPID
stop $EPID; cat "$OUT/echo.out"

# (b2) The gateway alone in its JVM: the bench config with a fixed SMPP port, the dataset's path, its journal
# (var/journal next to the config) fresh, the query log through config/bench/logback.xml into $OUT.
GP=$(free_port)
sed -e "0,/^  port: 0/s//  port: $GP/" -e "s|\${CXMYD_BENCH_DATA}|$DATA|" config/bench/gateway-bench.yml >"$OUT/gateway.yml"
fresh_gateway_state
java -Xmx512m -Dcxmyd.log.dir="$OUT" -jar $JAR run --config "$OUT/gateway.yml" >"$OUT/gateway.out" 2>&1 & GPID=$!
PIDS+=($GPID)
wait_listening "$GP" $GPID 180
load gateway "$GP" $GPID
stop $GPID

# (c) The ratio.
print_ratio "gateway"
