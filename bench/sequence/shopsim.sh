#!/usr/bin/env bash
# The ShopSim figure of issue 6: next-action macro-F1 and purchase AUC of the Transformer beside the baselines
# (previous action; logistic regression on per-user aggregates) on one time split, produced with the CLI only:
# simulate → ingest → model train (events before the cut) → model evaluate (what happened after it).
# Usage: bench/sequence/shopsim.sh [users=5000] [minutes=12] [threads=2] [out=bench/sequence/results/shopsim]
set -euo pipefail
cd "$(dirname "$0")/../.."
users=${1:-5000}
minutes=${2:-12}
threads=${3:-2}
out=${4:-bench/sequence/results/shopsim}
cli=${CAUSALCART_CLI:-./causalcart}
mkdir -p "$out"
rm -rf "$out/world" "$out/shop.duckdb" "$out/shopsim.ccseq" "$out/shopsim.ccseq.manifest.json"
$cli simulate --users "$users" --seed 1 --out "$out/world" > "$out/simulate.txt"
$cli ingest "$out/world" --format generic --store "$out/shop.duckdb" > "$out/ingest.txt"
# ShopSim's time zero is 2024-03-13 and it runs to 2024-03-27: cut one week into the follow-up.
$cli model train --store "$out/shop.duckdb" --cut 2024-03-20T00:00:00Z --checkpoint "$out/shopsim.ccseq" \
  --dim 64 --layers 2 --heads 2 --max-length 50 --dropout 0.2 --lr 0.002 --action-weight 1 --purchase-weight 1 \
  --horizon-hours 24 --minutes "$minutes" --patience 5 --threads "$threads" --seed 42 --json > "$out/train.json" 2> "$out/train.log"
$cli model evaluate --checkpoint "$out/shopsim.ccseq" --store "$out/shop.duckdb" --threads "$threads" --json > "$out/evaluate.json"
$cli model evaluate --checkpoint "$out/shopsim.ccseq" --store "$out/shop.duckdb" --threads "$threads" | tee "$out/evaluate.txt"
rm -rf "$out/world" "$out/shop.duckdb"
