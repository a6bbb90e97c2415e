#!/usr/bin/env bash
# Issue 4's ShopSim figure: AIPW with logistic vs gradient-boosted-tree nuisances over the same seeded worlds whose coupon
# policy (--targeting rules) and untreated buying (--baseline rules) are both nonlinear in the logged history.
# Usage: bench/validation/sim4.sh [worlds=30] [users=15000] [seed=1] [outdir=sim4-out]
# Writes <outdir>/{logistic,gbdt}/coverage.{json,md}; the two runs are independent (run them at once on a spare core).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
worlds=${1:-30} users=${2:-15000} seed=${3:-1} out=${4:-sim4-out}
for nuisance in logistic gbdt; do
  "$root/causalcart" validate coverage --worlds "$worlds" --users "$users" --seed "$seed" \
    --targeting rules --baseline rules --nuisance "$nuisance" --out "$out/$nuisance"
done
