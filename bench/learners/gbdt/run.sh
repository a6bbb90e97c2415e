#!/usr/bin/env bash
# GBDT benchmark: CausalCart vs xgboost 1.7.4 (tree_method=hist) vs scikit-learn 1.2 HistGradientBoosting, on the same
# generated data, same hyper-parameters (200 trees, depth 6, learning rate 0.1, 255 bins, L2 = 1), same thread count,
# run back to back. Binary classification (test AUC) and regression (test RMSE), N = 1M train / 200k test, p = 20.
# Usage: bench/learners/gbdt/run.sh [n_train] [trees] [threads] [libs]   (libs: any of "causalcart xgboost sklearn")
# Data is generated once into $GBDT_BENCH_DATA (default /tmp/causalcart-gbdt-bench-N) by make_data.py.
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-1000000}
trees=${2:-200}
threads=${3:-2}
libs=${4:-"causalcart xgboost sklearn"}
depth=6
data=${GBDT_BENCH_DATA:-/tmp/causalcart-gbdt-bench-$n}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$threads DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
here=bench/learners/gbdt
if [ ! -f "$data/meta.txt" ] || [ "$(cut -d' ' -f1 "$data/meta.txt")" != "$n" ]; then
  /usr/bin/python3 $here/make_data.py "$data" "$n" 200000
fi
dotnet build $here/GbdtBench -c Release -v q -nologo >/dev/null
bench="dotnet $here/GbdtBench/bin/Release/net10.0/GbdtBench.dll"
echo "date: $(date -u +%FT%TZ)  cpu: $(lscpu | sed -n 's/Model name: *//p')  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "N=$n p=20 trees=$trees depth=$depth threads=$threads"
results=$(mktemp)
for task in cls reg; do
  for lib in $libs; do
    if [ "$lib" = causalcart ]; then
      $bench "$data" $task "$trees" $depth "$threads" | tee -a "$results"
    else
      /usr/bin/python3 -W ignore $here/peers.py "$data" $task "$lib" "$trees" $depth "$threads" | tee -a "$results"
    fi
    echo "  (load after: $(cut -d' ' -f1-3 /proc/loadavg))"
  done
done
echo
echo "| task | library | train wall s | train CPU s | test metric | wall ratio to xgboost |"
echo "|---|---|---|---|---|---|"
awk '{ key=$2; wall[$1,key]=$3; cpu[$1,key]=$4; m[$1,key]=$5; tasks[key]=1; libs[$1]=1; order[NR]=$1" "key }
     END { for (i=1;i<=NR;i++) { split(order[i],a," "); l=a[1]; t=a[2];
             r = (("xgboost",t) in wall) ? sprintf("%.2f", wall[l,t]/wall["xgboost",t]) : "-";
             printf "| %s | %s | %s | %s | %s %s | %s |\n", t, l, wall[l,t], cpu[l,t], (t=="cls"?"AUC":"RMSE"), m[l,t], r } }' "$results"
rm -f "$results"
