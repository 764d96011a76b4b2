#!/bin/bash
# How the gateway's cost grows (docs/performance.md, "Cost growth"): one bench run per point, varying one
# dimension at a time from 2 sessions, window 64, 100k subscribers; appends dimension,value,queries/s,p99 ms
# to the CSV, then draw it with CostGrowthPlot. Run from the repository root after `mvn -o -B -DskipTests package`.
# usage: config/bench/cost-growth.sh OUT.csv DATA_10K DATA_100K DATA_1M
set -euo pipefail
out=$1; d10k=$2; d100k=$3; d1m=$4
jar=smpp-gateway/target/cxmyd-gateway.jar
echo "dimension,value,queries_per_s,p99_ms" > "$out"
point() { # dimension value data sessions window [extra...]
  local dim=$1 value=$2 data=$3 sessions=$4 window=$5; shift 5
  local res
  res=$(CXMYD_BENCH_DATA=$data java -Xmx1g -jar $jar bench --in-process config/bench/gateway-bench.yml \
      --carriers china-mobile,china-unicom --sessions "$sessions" --window "$window" --senders "$window" \
      --warmup 5s --duration 10s "$@" 2>&1 | grep -A3 "^== gateway" || true)
  local qps p99
  qps=$(echo "$res" | sed -n 's/.*answered \([0-9]*\)\/s within.*/\1/p')
  p99=$(echo "$res" | sed -n 's/.*p99 \([0-9.]*\) .*/\1/p' | head -1)
  echo "$dim,$value,$qps,$p99" | tee -a "$out"
  echo "  load average $(cut -d' ' -f1 /proc/loadavg) at $(date -u +%H:%M:%S)" >&2
}
for s in 1 2 4 8; do point sessions "$s" "$d100k" "$s" 64 --numbers-limit 10000; done
for w in 16 64 256; do point window "$w" "$d100k" 2 "$w" --numbers-limit 10000; done
# Every number of the dataset drawn at random: the near cache holds less of it as it grows.
point subscribers 10k "$d10k" 2 64
point subscribers 100k "$d100k" 2 64
point subscribers 1M "$d1m" 2 64
