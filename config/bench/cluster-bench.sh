#!/bin/bash
# The queries/s of docs/deployment.md: N gateway instances (journal.store: redis, near cache off) on one
# redis-server or on a 6-node Redis Cluster built here, one `bench --target` per instance, 15 s measured.
# usage (from the repository root, after `mvn -q -o -B -DskipTests package` and the DatasetGenerator command
# of docs/performance.md): CXMYD_BENCH_DATA=/tmp/cxmyd-bench/data config/bench/cluster-bench.sh single|cluster N WAIT
# N instances, WAIT = journal.waitForReplicas. Prints each tool's figures and the stream's XLEN/MEMORY USAGE.
set -e
MODE=$1; N=$2; W=$3
JAR=${CXMYD_JAR:-smpp-gateway/target/cxmyd-gateway.jar}
D=${CXMYD_BENCH_OUT:-/tmp/cxmyd-cluster-bench}/run-$MODE-$N-$W; rm -rf $D; mkdir -p $D
free() { python3 -c 'import socket,random
while True:
  p=random.randint(20000,55000)
  try:
    a=socket.socket();a.bind(("127.0.0.1",p));b=socket.socket();b.bind(("127.0.0.1",p+10000));print(p);break
  except OSError: pass'; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 $p 2>/dev/null || true; done; }
trap cleanup EXIT
if [ $MODE = single ]; then
  P=$(free); redis-server --port $P --bind 127.0.0.1 --save "" --appendonly no --daemonize no >$D/redis.log 2>&1 & PIDS+=($!)
  until redis-cli -p $P ping 2>/dev/null | grep -q PONG; do sleep 0.2; done; CACHE="  redis: redis://127.0.0.1:$P"; CLI="redis-cli -p $P"
else
  SEEDS=""; NODES=""
  for i in 1 2 3 4 5 6; do P=$(free); redis-server --port $P --bind 127.0.0.1 --save "" --appendonly no --cluster-enabled yes --cluster-config-file $D/nodes-$i.conf --cluster-node-timeout 2000 --dir $D >$D/redis-$i.log 2>&1 & PIDS+=($!); NODES="$NODES 127.0.0.1:$P"; SEEDS="$SEEDS\"redis://127.0.0.1:$P\", "; done
  for n in $NODES; do until redis-cli -p ${n##*:} ping 2>/dev/null | grep -q PONG; do sleep 0.2; done; done
  redis-cli --cluster create $NODES --cluster-replicas 1 --cluster-yes >$D/create.log 2>&1
  until redis-cli -p ${NODES##*:} cluster info | grep -q cluster_state:ok; do sleep 0.2; done; sleep 2
  CACHE="  redisCluster: [${SEEDS%, }]"; CLI="redis-cli -c -p ${NODES##*:}"
fi
TARGETS=()
for i in $(seq 1 $N); do
  SP=$(free); MP=$(free)
  cat > $D/gw$i.yml <<YML
smpp:
  host: 127.0.0.1
  port: $SP
carriers:
  - id: china-mobile
    serviceNumbers: ["10086"]
    systemId: cmcc
    password: "cm-pass1"
  - id: china-unicom
    serviceNumbers: ["10010"]
    systemId: cucc
    password: "cu-pass1"
  - id: china-telecom
    serviceNumbers: ["10000"]
    systemId: ctcc
    password: "ct-pass1"
itinerary:
  source: local
  local:
    dir: ${CXMYD_BENCH_DATA}
metrics:
  host: 127.0.0.1
  port: $MP
limits:
  perSubscriber: "off"
clock: "2026-11-22T09:30:00+08:00"
cache:
$CACHE
  hashKey: "cxmyd-bench-hash-key-0123456789"
  nearMaxEntries: 1
journal:
  store: redis
  instanceId: gw$i
  waitForReplicas: $W
YML
  cp config/bench/logback.xml $D/ 2>/dev/null || true
  java -Xmx384m -jar $JAR run --config $D/gw$i.yml >$D/gw$i.out 2>&1 & PIDS+=($!)
  TARGETS+=($SP)
done
for SP in "${TARGETS[@]}"; do until (echo > /dev/tcp/127.0.0.1/$SP) 2>/dev/null; do sleep 0.5; done; done
sleep 2
BP=()
i=0
for SP in "${TARGETS[@]}"; do i=$((i+1))
  java -Xmx512m -jar $JAR bench --target 127.0.0.1:$SP --config $D/gw1.yml --carriers china-mobile,china-unicom --window 32 --senders 32 --warmup 5s --duration 15s >$D/bench$i.out 2>&1 & BP+=($!)
done
# sample the journal stream's size and memory during the measured window
( sleep 12; for k in 1 2 3; do echo "XLEN $($CLI XLEN cxmyd:v1:journal) MEM $($CLI MEMORY USAGE cxmyd:v1:journal SAMPLES 0)"; sleep 2; done ) > $D/stream.txt 2>&1 &
for p in "${BP[@]}"; do wait $p || true; done
echo "== $MODE instances=$N wait=$W load: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -h "answered\|p99\|errors\|missing" $D/bench*.out | head -20
cat $D/stream.txt
if [ $MODE = single ]; then KEYS=$($CLI XRANGE cxmyd:v1:journal - + COUNT 1); else KEYS=""; fi
echo "$KEYS" > $D/keys.txt
