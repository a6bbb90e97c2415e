#!/usr/bin/env bash
# Coverage of the staggered-rollout ShopSim world (causalcart simulate --rollout staggered) by causalcart did:
# for each seed, simulate a world, run `causalcart did` on its rollout_panel.csv (never-treated controls, doubly robust,
# varying base period, 1,000 bootstrap draws) and compare with the exact truth in truth.json. Prints one TSV line per
# world and a summary: pointwise coverage of the event-study truth θ(e) (every e), uniform-band coverage (all e at
# once), simple-ATT bias / RMSE / coverage, static TWFE bias / coverage.
# Usage: bench/validation/rollout.sh [worlds=100] [users=4000] [first_seed=1] [out_dir=bench/validation/results/rollout]
# Needs jq. Default size runs in a few minutes on 2 cores. CAUSALCART="dotnet path/to/causalcart.dll" runs an already
# built CLI instead of the ./causalcart launcher.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
worlds=${1:-100}
users=${2:-4000}
first=${3:-1}
out=${4:-$root/bench/validation/results/rollout}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
read -ra cli <<< "${CAUSALCART:-$root/causalcart}"
"${cli[@]}" --help > /dev/null   # builds the CLI once if needed
lines="$out/worlds-${worlds}x${users}-seed${first}.tsv"
printf 'seed\tpoints\tpointwise_hits\tband_all\tsimple_truth\tsimple_est\tsimple_covers\ttwfe_est\ttwfe_covers\n' > "$lines"
for ((i = 0; i < worlds; i++)); do
  seed=$((first + i))
  "${cli[@]}" simulate --users "$users" --seed "$seed" --rollout staggered --out "$work/w" > /dev/null 2>&1
  "${cli[@]}" did --data "$work/w/rollout_panel.csv" --unit user_id --time week --outcome purchases \
    --first-treated first_week --seed "$seed" --json > "$work/fit.json" 2> /dev/null
  jq -r --slurpfile truth "$work/w/truth.json" --arg seed "$seed" '
    ($truth[0].rollout) as $t
    | ($t.eventStudy | map({key: (.eventTime | tostring), value: .att}) | from_entries) as $theta
    | [.eventStudy[] | {e: .key, truth: $theta[(.key | tostring)], lo: .ciLower, hi: .ciUpper, blo: .bandLower, bhi: .bandUpper}] as $p
    | [$seed,
       ($p | length),
       ($p | map(select(.lo <= .truth and .truth <= .hi)) | length),
       (if ($p | all(.blo <= .truth and .truth <= .bhi)) then 1 else 0 end),
       $t.simpleAtt,
       .overall.estimate,
       (if .overall.ciLower <= $t.simpleAtt and $t.simpleAtt <= .overall.ciUpper then 1 else 0 end),
       .twoWayFixedEffects.estimate,
       (if .twoWayFixedEffects.ciLower <= $t.simpleAtt and $t.simpleAtt <= .twoWayFixedEffects.ciUpper then 1 else 0 end)]
    | @tsv' "$work/fit.json" >> "$lines"
  tail -n 1 "$lines" >&2
done
awk -F'\t' 'NR > 1 {
    n++; pts += $2; hits += $3; band += $4; truth += $5; d = $6 - $5; bias += d; sq += d * d; cov += $7;
    t = $8 - $5; tb += t; tsq += t * t; tcov += $9
  }
  END {
    printf "worlds %d, users %s\n", n, "'"$users"'";
    printf "event study: pointwise coverage %.3f (%d of %d points), uniform-band coverage %.3f\n", hits / pts, hits, pts, band / n;
    printf "simple ATT: mean truth %.4f, bias %.4f (MC s.e. %.4f), RMSE %.4f, coverage %.3f\n", truth / n, bias / n, sqrt((sq / n - (bias / n) ^ 2) / n), sqrt(sq / n), cov / n;
    printf "static TWFE: bias %.4f (%.0f%% of the truth), RMSE %.4f, coverage of the simple truth %.3f\n", tb / n, 100 * tb / truth, sqrt(tsq / n), tcov / n
  }' "$lines" | tee "$out/summary-${worlds}x${users}-seed${first}.txt"
