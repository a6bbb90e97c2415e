#!/usr/bin/env bash
# Trains and evaluates the behaviour model on Amazon Beauty and Sports (leave-one-out, full ranking),
# with the popularity and Markov baselines evaluated by the same harness. Logs and result.json files
# go to bench/sequence/results/<dataset>/. Usage: bench/sequence/train_amazon.sh [minutes] [threads]
# (both datasets run at once, each with `threads` threads; 2 cores → threads=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-30}
threads=${2:-1}
data=${CAUSALCART_SHARED:-../shared}/data/amazon_sequences
[ -d "$data" ] || data=/work/shared/data/amazon_sequences
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/sequence/SequenceBench -c Release -v q -nologo >/dev/null
bench="dotnet bench/sequence/SequenceBench/bin/Release/net10.0/SequenceBench.dll"
for ds in Beauty Sports_and_Outdoors; do
  out=bench/sequence/results/$ds
  mkdir -p "$out"
  $bench train "$data/$ds.txt" "$out" threads=$threads minutes=$minutes lr=0.001 dropout=0.5 patience=10 seed=42 \
    > "$out/stdout.txt" 2> "$out/log.txt" &
done
wait
cat bench/sequence/results/*/stdout.txt
