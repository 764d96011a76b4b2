#!/bin/bash
# The gateway measured from outside (docs/performance.md, "Measured from outside"): Cloudhopper's client
# (OutsideLoad) against (1) a netty echo sending the same multi-part replies (NettyEcho), then (2) the gateway
# (`run`, its own -Xmx512m JVM, journal on), each server alone in its own JVM; prints the ratio.
# usage, from the repository root, with the dataset of docs/performance.md:
#   CXMYD_BENCH_DATA=/tmp/cxmyd-bench/data config/bench/outside-bench.sh [--sessions 2] [--window 64]
#       [--warmup 5s] [--duration 20s] [--parts 2] [--last-part-octets 134] [--numbers-limit 20000] [--no-build]
# Output and logs: ${CXMYD_BENCH_OUT:-/tmp/cxmyd-outside-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
SESSIONS=2; WINDOW=64; WARMUP=5s; DURATION=20s; PARTS=2; LAST=134; LIMIT=20000; BUILD=1
while [ $# -gt 0 ]; do
  case $1 in
    --sessions) SESSIONS=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --parts) PARTS=$2; shift 2 ;;
    --last-part-octets) LAST=$2; shift 2 ;;
    --numbers-limit) LIMIT=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
DATA=${CXMYD_BENCH_DATA:?set CXMYD_BENCH_DATA to a DatasetGenerator --out directory}
[ -f "$DATA/subscribers.csv" ] || { echo "no $DATA/subscribers.csv" >&2; exit 2; }
OUT=${CXMYD_BENCH_OUT:-/tmp/cxmyd-outside-bench}
rm -rf "$OUT"; mkdir -p "$OUT"
JAR=${CXMYD_BENCH_JAR:-smpp-gateway/target/cxmyd-gateway.jar}   # CXMYD_BENCH_JAR: another build, for a before/after

# (a) The jar and the test classpath, once (--no-build: the jar as it is, the test classes compiled if stale).
[ $BUILD = 1 ] && GOAL=package || GOAL=test-compile
mvn -q -o -B -pl smpp-gateway -am -DskipTests $GOAL dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt"
[ -f $JAR ] || { echo "no $JAR: run without --no-build" >&2; exit 2; }
CP="smpp-gateway/target/test-classes:smpp-gateway/target/classes:$(cat "$OUT/cp.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
listening() { ss -ltnH "sport = :$1" | grep -q .; }
wait_listening() { # port pid seconds
  local i=0
  until listening "$1"; do
    kill -0 "$2" 2>/dev/null || { echo "server $2 exited before listening" >&2; return 1; }
    i=$((i+1)); [ $i -le $(( $3 * 5 )) ] || { echo "nothing listening on $1 after $3 s" >&2; return 1; }
    sleep 0.2
  done
}
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
load() { # label port pid
  echo "  load average $(cut -d' ' -f1-3 /proc/loadavg) before '$1' at $(date -u +%H:%M:%S)"
  java -Xmx1g -cp "$CP" io.cxmyd.gateway.bench.OutsideLoad --target "127.0.0.1:$2" --server-pid "$3" \
      --label "$1" --bind cmcc:cm-pass1:10086,cucc:cu-pass1:10010 --sessions "$SESSIONS" --window "$WINDOW" \
      --warmup "$WARMUP" --duration "$DURATION" --numbers-from "$DATA/subscribers.csv" --numbers-limit "$LIMIT" \
      | tee "$OUT/load-$1.out" || true
}

# (b1) The same-parts netty echo alone in its JVM.
EP=$(free_port)
java -Xmx512m -cp "$CP" io.cxmyd.gateway.bench.NettyEcho --port "$EP" --parts "$PARTS" --last-part-octets "$LAST" \
    >"$OUT/echo.out" 2>&1 & EPID=$!; PIDS+=($EPID)
wait_listening "$EP" $EPID 60
load echo "$EP" $EPID
stop $EPID; cat "$OUT/echo.out"

# (b2) The gateway alone in its JVM: the bench config with a fixed SMPP port, the dataset's path, its journal
# (var/journal next to the config) fresh, the query log through config/bench/logback.xml into $OUT.
GP=$(free_port)
sed -e "0,/^  port: 0/s//  port: $GP/" -e "s|\${CXMYD_BENCH_DATA}|$DATA|" config/bench/gateway-bench.yml >"$OUT/gateway.yml"
cp config/bench/logback.xml "$OUT/"
rm -rf "$OUT/var/journal"
java -Xmx512m -Dcxmyd.log.dir="$OUT" -jar $JAR run --config "$OUT/gateway.yml" >"$OUT/gateway.out" 2>&1 & GPID=$!
PIDS+=($GPID)
wait_listening "$GP" $GPID 180
load gateway "$GP" $GPID
stop $GPID

# (c) The ratio.
field() { sed -n "s/^RESULT .* $2=\([^ ]*\).*/\1/p" "$OUT/load-$1.out"; }
EQ=$(field echo qps); GQ=$(field gateway qps); EP99=$(field echo p99); GP99=$(field gateway p99)
if [ -z "$EQ" ] || [ -z "$GQ" ]; then echo "a run printed no RESULT line (see $OUT)" >&2; exit 1; fi
echo
echo "== ratio (sessions $SESSIONS, window $WINDOW, $PARTS parts, measured $DURATION after $WARMUP) =="
echo "gateway / same-parts netty echo: throughput $(awk -v g="$GQ" -v e="$EQ" 'BEGIN{printf "%.2f", (e>0?g/e:0)}')" \
     "($GQ / $EQ per s); p99 $GP99 ms vs $EP99 ms"
echo "CPU over the measured window: gateway $(field gateway server_cpu) cores, echo $(field echo server_cpu) cores;" \
     "load tool $(field gateway tool_cpu) / $(field echo tool_cpu) cores"
