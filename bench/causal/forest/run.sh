#!/usr/bin/env bash
# Causal forest benchmarks and validation (bench/causal/forest/RESULTS.md records the output).
# Usage: bench/causal/forest/run.sh [all|time|ihdp|coverage|million] [threads=2]
#   time      EconML-like world, N = 100k, p = 10, 100 trees with intervals (whole fit: nuisances, forest, CATE, ATE/ATT)
#   ihdp      the 10 IHDP replications in shared/data/ihdp: ATE |error| and √PEHE
#   coverage  200 seeded worlds, n = 2000: ATE interval coverage and mean pointwise CATE coverage
#   million   N = 1M under /usr/bin/time -v (wall, peak resident memory)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../../.." && pwd)
what=${1:-all}; threads=${2:-2}
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
dotnet build "$here/CausalForestBench" -c Release -o "$out" >&2
data=""
for candidate in "$root/../shared/data" "$root/../../shared/data" "$root/shared/data"; do
  if [[ -d "$candidate/ihdp" ]]; then data=$candidate; break; fi
done
stamp() { date -u +"%Y-%m-%d %H:%M UTC"; uptime; }
if [[ $what == all || $what == time ]]; then stamp; dotnet "$out/CausalForestBench.dll" time 100000 100 "$threads"; fi
if [[ $what == all || $what == ihdp ]]; then
  [[ -n "$data" ]] || { echo "run.sh: shared/data/ihdp not found" >&2; exit 2; }
  stamp; dotnet "$out/CausalForestBench.dll" ihdp "$data/ihdp" 100 "$threads"
fi
if [[ $what == all || $what == coverage ]]; then stamp; dotnet "$out/CausalForestBench.dll" coverage 200 2000 100 "$threads"; fi
if [[ $what == all || $what == million ]]; then
  stamp; /usr/bin/time -v dotnet "$out/CausalForestBench.dll" time 1000000 100 "$threads" 2> "$out/time.txt"
  grep -E "Elapsed|Maximum resident" "$out/time.txt"
fi
stamp
