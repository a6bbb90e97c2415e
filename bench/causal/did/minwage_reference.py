"""Independent reference for tests/CausalCart.Causal.Tests/DiD/MinimumWageSharedDataTests.cs.

Unconditional ATT(g, t) on the minimum-wage panel (shared/data/did_minwage/minwage_data.csv) from plain group means,
never-treated controls, universal base period g - 1, and the static TWFE coefficient from the two-way within
transformation. Sample: years 2001-2006, cohorts 0/2004/2006, census region 1 dropped (102, 226, 1417 counties).
Run: /usr/bin/python3 bench/causal/did/minwage_reference.py [path/to/minwage_data.csv]
"""
import sys
from pathlib import Path

import pandas as pd

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[4] / "shared/data/did_minwage/minwage_data.csv"
if not path.exists():
    path = Path("/work/shared/data/did_minwage/minwage_data.csv")
d = pd.read_csv(path)
d = d[(d.region != 1) & (d.year <= 2006) & d.G.isin([0, 2004, 2006])].copy()
wide = d.pivot(index="countyreal", columns="year", values="lemp")  # (n, T)
g_of = d.groupby("countyreal").G.first()
print("counties per cohort:", g_of.value_counts().sort_index().to_dict())

att = {}
for g in (2004, 2006):
    treated, never = wide[g_of == g], wide[g_of == 0]
    base = g - 1
    for t in range(2001, 2007):
        if t == base:
            continue
        att[(g, t)] = (treated[t] - treated[base]).mean() - (never[t] - never[base]).mean()
        print(f"ATT({g},{t}) = {att[(g, t)]:.6f}")

size = {g: int((g_of == g).sum()) for g in (2004, 2006)}
post = [k for k in att if k[1] >= k[0]]
simple = sum(att[k] * size[k[0]] for k in post) / sum(size[k[0]] for k in post)
print(f"simple ATT = {simple:.6f}")

d["D"] = ((d.G > 0) & (d.year >= d.G)).astype(float)


def within(col):
    return d[col] - d.groupby("countyreal")[col].transform("mean") - d.groupby("year")[col].transform("mean") + d[col].mean()


y, x = within("lemp"), within("D")
print(f"static TWFE = {(x * y).sum() / (x * x).sum():.6f}")
