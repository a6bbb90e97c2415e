#!/usr/bin/env bash
# Random forest vs R ranger (Debian r-cran-ranger), same data file, same settings, back to back.
# Usage: bench/learners/forest/run.sh [N=100000] [P=10] [TREES=100] [MTRY=3] [MIN_NODE=5] [REPLACE=1] [FRACTION=1] [THREADS=2]
# Prints each side's training seconds (fit only; reading the CSV is excluded on both sides) and out-of-bag R²
# (1 − SSE/SST over rows with an OOB prediction, computed the same way on both sides), then the time ratio.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../../.." && pwd)
n=${1:-100000}; p=${2:-10}; trees=${3:-100}; mtry=${4:-3}; mns=${5:-5}; replace=${6:-1}; fraction=${7:-1}; threads=${8:-2}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=$threads
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
data="$work/friedman_${n}_${p}.csv"
/usr/bin/python3 "$here/gen.py" "$n" "$p" 1 "$data"
dotnet build "$here/ForestBench" -c Release -o "$work/bin" >&2
date -u +"%Y-%m-%d %H:%M UTC"; uptime
ours=$(dotnet "$work/bin/ForestBench.dll" "$data" "$trees" "$mtry" "$mns" "$replace" "$fraction" "$threads")
echo "$ours"
theirs=$(/usr/bin/Rscript "$here/ranger_bench.R" "$data" "$trees" "$mtry" "$mns" "$replace" "$fraction" "$threads" | grep '^ranger')
echo "$theirs"
uptime
a=$(sed -E 's/.*: train ([0-9.]+) s.*/\1/' <<<"$ours"); b=$(sed -E 's/.*: train ([0-9.]+) s.*/\1/' <<<"$theirs")
python3 -c "print(f'time ratio causalcart/ranger = {$a/$b:.3f}')"
