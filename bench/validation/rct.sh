#!/usr/bin/env bash
# Randomised-trial agreement tables (Hillstrom e-mail RCT, Pennsylvania bonus experiment): runs the SharedData
# tests, which fit every covered estimator on the FULL data and print one markdown row per method
# (estimate, 95% CI, whether the difference in means lies inside the method's interval), then asserts agreement.
# Usage: bench/validation/rct.sh   (needs the shared data folder in a parent of the test binaries, as the tests say).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
dotnet test tests/CausalCart.Causal.Tests -c Release \
  --filter "FullyQualifiedName~HillstromSharedData|FullyQualifiedName~PennBonusSharedData" \
  --logger "console;verbosity=detailed" | grep -E '^\s*\|' | sed 's/^ *//'
