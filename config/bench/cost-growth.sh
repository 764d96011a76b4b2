#!/bin/bash
# How the gateway's cost grows (docs/performance.md, "Cost growth"): one run per point, varying one dimension at
# a time from 2 sessions, window 64, 100k subscribers. The gateway runs alone in its own JVM (-Xmx512m, journal
# on, config/bench/gateway-bench.yml with a fixed port); the load is OutsideLoad (Cloudhopper's client, test
# scope), the same tool as outside-bench.sh. Appends dimension,value,queries/s,p99 ms to the CSV; draw it with
# CostGrowthPlot (docs/performance.md gives the command).
# usage, from the repository root after `mvn -o -B -DskipTests package`:
#   config/bench/cost-growth.sh OUT.csv DATA_10K DATA_100K DATA_1M
# (datasets: DatasetGenerator --subscribers 10000 | 100000 | 1000000 --days 7 --end 2026-11-21 --seed 1)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(realpath -m "$1"); d10k=$2; d100k=$3; d1m=$4
jar=${CXMYD_BENCH_JAR:-smpp-gateway/target/cxmyd-gateway.jar}
work=${CXMYD_BENCH_OUT:-/tmp/cxmyd-cost-growth}
rm -rf "$work"; mkdir -p "$work"
mvn -q -o -B -pl smpp-gateway -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt"
cp="smpp-gateway/target/test-classes:smpp-gateway/target/classes:$(cat "$work/cp.txt")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "dimension,value,queries_per_s,p99_ms" > "$out"
point() { # dimension value data sessions window [OutsideLoad options...]
  local dim=$1 value=$2 data=$3 sessions=$4 window=$5; shift 5
  local port gpid result
  port=$(free_port)
  sed -e "0,/^  port: 0/s//  port: $port/" -e "s|\${CXMYD_BENCH_DATA}|$data|" config/bench/gateway-bench.yml \
      > "$work/gateway.yml"
  cp config/bench/logback.xml "$work/"
  rm -rf "$work/var"
  java -Xmx512m -Dcxmyd.log.dir="$work" -jar "$jar" run --config "$work/gateway.yml" > "$work/gateway.out" 2>&1 &
  gpid=$!
  for _ in $(seq 1 600); do ss -ltnH "sport = :$port" | grep -q . && break; sleep 0.2; done
  result=$(java -Xmx1g -cp "$cp" io.cxmyd.gateway.bench.OutsideLoad --target "127.0.0.1:$port" --server-pid $gpid \
      --label "$dim-$value" --bind cmcc:cm-pass1:10086,cucc:cu-pass1:10010 --sessions "$sessions" \
      --window "$window" --warmup 5s --duration 15s --numbers-from "$data/subscribers.csv" "$@" 2>&1 \
      | grep '^RESULT' || true)
  kill -TERM $gpid; wait $gpid 2>/dev/null || true
  local qps p99
  qps=$(echo "$result" | sed -n 's/.* qps=\([0-9]*\).*/\1/p')
  p99=$(echo "$result" | sed -n 's/.* p99=\([0-9.]*\).*/\1/p')
  echo "$dim,$value,$qps,$p99" | tee -a "$out"
  echo "  $result" >&2
  echo "  load average $(cut -d' ' -f1 /proc/loadavg) at $(date -u +%H:%M:%S)" >&2
}
for s in 1 2 4 8; do point sessions "$s" "$d100k" "$s" 64 --numbers-limit 20000; done
for w in 16 64 256; do point window "$w" "$d100k" 2 "$w" --numbers-limit 20000; done
# Every number of the dataset drawn at random: the near cache holds less of it as it grows.
point subscribers 10k "$d10k" 2 64 --numbers-limit 100000000
point subscribers 100k "$d100k" 2 64 --numbers-limit 100000000
point subscribers 1M "$d1m" 2 64 --numbers-limit 100000000
