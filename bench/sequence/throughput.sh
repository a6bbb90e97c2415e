#!/usr/bin/env bash
# Side-by-side training throughput, CausalCart vs PyTorch, on the ANCHORS SASRec-like configuration:
# 50k items, d=64, 2 blocks, 2 heads, length 50, batch 128 (6,400 tokens/step), 2 threads, dropout 0.2.
# Both sides run the same objectives: full softmax over all items, and sampled softmax with 256
# shared negatives and log-Q correction; PyTorch's BCE-with-one-negative (the ANCHORS step) is
# printed for reference (CausalCart has no such loss). Run on an otherwise idle machine.
# Usage: bench/sequence/throughput.sh [steps]
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${1:-20}
export OPENBLAS_NUM_THREADS=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/sequence/SequenceBench -c Release -v q -nologo >/dev/null
bench="dotnet bench/sequence/SequenceBench/bin/Release/net10.0/SequenceBench.dll"
py="/usr/bin/python3 bench/sequence/bench_pytorch.py --threads 2 --steps $steps"
echo "date: $(date -u +%FT%TZ)  cpu: $(lscpu | sed -n 's/Model name: *//p')"
$bench throughput items=50000 steps=$steps threads=2 loss=sampled negatives=256
$py --loss sampled --negatives 256
$bench throughput items=50000 steps=$((steps / 4 > 2 ? steps / 4 : 3)) threads=2 loss=full
$py --loss full --steps $((steps / 4 > 2 ? steps / 4 : 3))
$py --loss bce1
