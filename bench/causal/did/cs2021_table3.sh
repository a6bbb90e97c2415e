#!/usr/bin/env bash
# Reproduces Table 3 of Callaway & Sant'Anna (2021, Journal of Econometrics 225) with `causalcart did` on the authors'
# own county file, and compares every figure with the published one (three decimals).
#
# The authors' file is not in shared/data. It is data/min_wage_CS.rds in the public repository pedrohcgs/CS_RR (MIT
# licence; 2,284 counties × 2001–2007). Fetch it yourself, then:
#
#   bench/causal/did/cs2021_table3.sh path/to/min_wage_CS.rds      # needs Rscript to read .rds, and /usr/bin/python3
#
# Panel (a): unconditional parallel trends, outcome regression (no covariates). Panel (b): conditional parallel trends,
# doubly robust, covariates as in the paper's section 5 — region (dummies), population and median income with their
# squares, the white share, the high-school share and the poverty rate. Never-treated controls, varying base period,
# 1,000 multiplier-bootstrap draws. Exit status 0 when every point estimate rounds to the published value.
set -euo pipefail
src=${1:?usage: $0 path/to/min_wage_CS.rds}
root=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

Rscript -e 'args <- commandArgs(TRUE); d <- readRDS(args[1]);
  d$G <- d$first.treat; d$r3 <- 1 * (d$region == 3); d$r4 <- 1 * (d$region == 4);
  d$pop2 <- d$pop^2; d$medinc2 <- d$medinc^2;
  write.csv(d[, c("countyreal", "year", "G", "lemp", "pop", "pop2", "medinc", "medinc2", "white", "hs", "pov", "r3", "r4")],
            args[2], row.names = FALSE)' "$src" "$work/cs.csv"

common=(did --data "$work/cs.csv" --unit countyreal --time year --outcome lemp --first-treated G --bootstrap 1000 --seed 1 --json)
"$root/causalcart" "${common[@]}" --estimation reg > "$work/a.json"
"$root/causalcart" "${common[@]}" --estimation dr --covariates r3,r4,pop,pop2,medinc,medinc2,white,hs,pov > "$work/b.json"
/usr/bin/python3 "$root/bench/causal/did/cs2021_table3_compare.py" "$work/a.json" "$work/b.json"
