# Shared by outside-bench.sh (server mode) and outside-esme-bench.sh (ESME mode); sourced, not run.
# In: OUT_DEFAULT (output folder), the script's arguments. Out: SESSIONS WINDOW WARMUP DURATION PARTS LAST LIMIT
# RATE DATA OUT JAR CP, and the helpers below.
# --warmup: 5s by default (the issue's protocol); the gateway's JIT compiles for about 20 s of load, so a 5 s
# warm-up measures part of that too (docs/performance.md, tenth run); --warmup 20s measures it warm.
SESSIONS=2; WINDOW=64; WARMUP=5s; DURATION=20s; PARTS=2; LAST=134; LIMIT=20000; BUILD=1; RATE=(); ECHO_WORK=0
while [ $# -gt 0 ]; do
  case $1 in
    --sessions) SESSIONS=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --parts) PARTS=$2; shift 2 ;;
    --last-part-octets) LAST=$2; shift 2 ;;
    --numbers-limit) LIMIT=$2; shift 2 ;;
    --rate) RATE=(--rate "$2"); shift 2 ;;   # a fixed schedule instead of a full window (p99 at a given rate)
    --no-build) BUILD=0; shift ;;
    --echo-work) ECHO_WORK=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
DATA=${CXMYD_BENCH_DATA:?set CXMYD_BENCH_DATA to a DatasetGenerator --out directory}
[ -f "$DATA/subscribers.csv" ] || { echo "no $DATA/subscribers.csv" >&2; exit 2; }
OUT=${CXMYD_BENCH_OUT:-$OUT_DEFAULT}
rm -rf "$OUT"; mkdir -p "$OUT"
JAR=${CXMYD_BENCH_JAR:-smpp-gateway/target/cxmyd-gateway.jar}   # CXMYD_BENCH_JAR: another build, for a before/after

# The jar and the test classpath, once (--no-build: the jar as it is, the test classes compiled if stale).
[ $BUILD = 1 ] && GOAL=package || GOAL=test-compile
mvn -q -o -B -pl smpp-gateway -am -DskipTests $GOAL dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/cp.txt"
[ -f "$JAR" ] || { echo "no $JAR: run without --no-build" >&2; exit 2; }
CP="smpp-gateway/target/test-classes:smpp-gateway/target/classes:$(cat "$OUT/cp.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
stop() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
field() { sed -n "s/^RESULT .* $2=\([^ ]*\).*/\1/p" "$OUT/load-$1.out"; }

# The echo's extra arguments and JVM options: none, or (--echo-work) the gateway's work and journal, its query
# lines through the bench logback file into $OUT/echo-log.
ECHO_ARGS=(); ECHO_JVM=(); ECHO_NAME="same-parts netty echo"
if [ $ECHO_WORK = 1 ]; then
  sed -e "s|\${CXMYD_BENCH_DATA}|$DATA|" config/bench/gateway-bench.yml >"$OUT/echo-work.yml"
  mkdir -p "$OUT/echo-log"
  ECHO_ARGS=(--query-work "$OUT/echo-work.yml" --journal "$OUT/echo-journal")
  ECHO_JVM=(-Dlogback.configurationFile=config/bench/logback.xml -Dcxmyd.log.dir="$OUT/echo-log")
  ECHO_NAME="same-work netty echo (lookup, composition, log line, journal)"
fi

# Before the gateway starts on $OUT/gateway.yml: its journal fresh, its query log into $OUT.
fresh_gateway_state() {
  cp config/bench/logback.xml "$OUT/"
  rm -rf "$OUT/var/journal"
}

# The ratio line of both runs (load-echo.out, load-gateway.out). $1: how the gateway ran, e.g. "gateway".
print_ratio() {
  local EQ GQ EP99 GP99
  EQ=$(field echo qps); GQ=$(field gateway qps); EP99=$(field echo p99); GP99=$(field gateway p99)
  if [ -z "$EQ" ] || [ -z "$GQ" ]; then echo "a run printed no RESULT line (see $OUT)" >&2; exit 1; fi
  echo
  echo "== ratio ($SESSIONS sessions, window $WINDOW, $PARTS parts, measured $DURATION after $WARMUP) =="
  echo "$1 / $ECHO_NAME: throughput $(awk -v g="$GQ" -v e="$EQ" 'BEGIN{printf "%.2f", (e>0?g/e:0)}')" \
       "($GQ / $EQ per s); p99 $GP99 ms vs $EP99 ms"
  echo "CPU over the measured window: gateway $(field gateway server_cpu) cores, echo $(field echo server_cpu) cores;" \
       "load tool $(field gateway tool_cpu) / $(field echo tool_cpu) cores"
}
