#!/usr/bin/env bash
# IHDP check: runs `causalcart estimate` on the 10 IHDP replications (Hill 2011, NPCI setting, as
# distributed with CEVAE) and compares regression, IPW and AIPW with the truth of each replication:
#   ATT: the benchmark's true ATT = 4;   ATE: mean(mu1 - mu0) over that replication's 747 units.
# Usage: bench/validation/ihdp.sh [data-dir]   (default: the first of ../shared/data, ../../shared/data
#        relative to the repository root that holds ihdp/). CAUSALCART overrides the CLI command.
# Needs only bash and python3 (standard library).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
data=${1:-}
if [[ -z "$data" ]]; then
  for candidate in "$root/../shared/data" "$root/../../shared/data"; do
    if [[ -d "$candidate/ihdp" ]]; then data=$candidate; break; fi
  done
fi
if [[ -z "$data" || ! -f "$data/ihdp/ihdp_npci_1.csv" ]]; then
  echo "ihdp.sh: IHDP files not found (looked for ihdp/ihdp_npci_1.csv under ${data:-../shared/data and ../../shared/data}); pass the shared data folder as the first argument." >&2
  exit 2
fi
cli=${CAUSALCART:-$root/causalcart}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
columns="treatment,y_factual,y_cfactual,mu0,mu1$(printf ',x%d' $(seq 1 25))"
controls=$(printf 'x%d,' $(seq 1 25)); controls=${controls%,}
for i in $(seq 1 10); do
  echo "ihdp.sh: replication $i" >&2
  # Exit code 4 (insufficient overlap) cannot happen with --allow-poor-overlap; any failure stops the script.
  $cli estimate --data "$data/ihdp/ihdp_npci_$i.csv" --columns "$columns" --treatment treatment --outcome y_factual \
    --controls "$controls" --allow-poor-overlap --refuters none --seed 1 --json > "$out/rep_$i.json"
done
python3 - "$data/ihdp" "$out" <<'PY'
import csv, json, sys
data, out = sys.argv[1], sys.argv[2]
methods = ["regression", "ipw", "aipw"]
rows, errors = [], {(m, e): [] for m in methods for e in ("ate", "att")}
for i in range(1, 11):
    with open(f"{data}/ihdp_npci_{i}.csv", newline="") as f:
        units = [[float(v) for v in r] for r in csv.reader(f) if r]
    true_ate = sum(u[4] - u[3] for u in units) / len(units)
    treated = [u for u in units if u[0] == 1]
    sample_att = sum(u[4] - u[3] for u in treated) / len(treated)
    with open(f"{out}/rep_{i}.json") as f:
        result = json.load(f)
    est = {(e["method"], e["estimand"]): e for e in result["estimates"]}
    overlap = (result.get("overlap") or {}).get("verdict", "n/a")
    row = [i, len(units), len(treated), true_ate, sample_att, overlap]
    for m in methods:
        a, t = est[(m, "ate")]["estimate"], est[(m, "att")]["estimate"]
        errors[(m, "ate")].append(abs(a - true_ate))
        errors[(m, "att")].append(abs(t - 4.0))
        row += [a, t]
    rows.append(row)
print("| rep | n | treated | true ATE (mean mu1-mu0) | sample ATT | overlap | regression ATE | regression ATT | IPW ATE | IPW ATT | AIPW ATE | AIPW ATT |")
print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| " + " | ".join([str(r[0]), str(r[1]), str(r[2]), f"{r[3]:.3f}", f"{r[4]:.3f}", r[5]] + [f"{v:.3f}" for v in r[6:]]) + " |")
print()
print("Absolute errors: ATE against that replication's mean(mu1 - mu0); ATT against the true ATT = 4.")
print()
print("| method | mean abs. error ATE | max abs. error ATE | mean abs. error ATT | max abs. error ATT |")
print("|---|---:|---:|---:|---:|")
names = {"regression": "regression", "ipw": "IPW", "aipw": "AIPW"}
for m in methods:
    a, t = errors[(m, "ate")], errors[(m, "att")]
    print(f"| {names[m]} | {sum(a)/len(a):.3f} | {max(a):.3f} | {sum(t)/len(t):.3f} | {max(t):.3f} |")
PY
