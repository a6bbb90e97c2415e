"""Independent reference for the CausalAIBook minimum-wage DiD notebook specification.

Pins what tests/CausalCart.Causal.Tests/DiD/MinimumWageNotebookSharedDataTests.cs checks, written from the notebook's
description (not its code) with pandas/numpy/statsmodels only, nothing shared with CausalCart:

Published figures: CausalAIBook/MetricsMLNotebooks, "T/T-3 Diff-in-Diff Minimum Wage Example.irnb" at commit fce2214
(2024-02-07, the last R version with printed outputs; later commits strip outputs), output of the `table2` cell (ATET
2004-2007, rows "No Controls" and "Basic") and of the `tableP` cell (placebo 2002).

Specification of that notebook:
  * all counties, years 2001-2007; counties first treated in 2001 dropped (G == 0 | G > 2001);
  * one treated group, G = 2004; base period 2003 for every comparison (a universal base period);
  * comparison units in year t: G == 0 or G > t (not yet treated in t);
  * covariates: census region (factor, 4 levels), and the 2001 values of lemp, lpop and lavg_pay;
  * estimator: the DML ATT score E[(D - p(X)) / (P(D=1)(1 - p(X))) (dY - m(X))] / E[D / P(D=1)] with 5-fold
    cross-fitting, propensities above 0.95 trimmed to 0.95. "No Controls": p and m constant (fold means);
    "Basic": p logit and m OLS (controls only) on region dummies + the three 2001 values.

This script prints
  1. the full-sample estimates CausalCart computes (unconditional difference of mean changes; Sant'Anna & Zhao 2020
     doubly robust with logit/OLS nuisances; outcome regression), 6 decimals;
  2. the notebook's cross-fitted estimator re-run over many random fold assignments (the notebook's own folds come from
     R's RNG and cannot be recreated), to show how far a single published draw may sit from the full-sample value;
  3. the placebo year 2002 both as the notebook builds it and as a universal-base CS cell.
Run: /usr/bin/python3 bench/causal/did/minwage_notebook_reference.py [path/to/minwage_data.csv] [splits]
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/data/did_minwage/minwage_data.csv")
splits = int(sys.argv[2]) if len(sys.argv) > 2 else 200
d = pd.read_csv(path, index_col=0)
d = d[(d.G == 0) | (d.G > 2001)]
y = d.pivot(index="countyreal", columns="year", values="lemp")  # (n, 7)
first = d[d.year == 2001].set_index("countyreal")
g_of = first.G
print("counties:", len(y), "per cohort:", g_of.value_counts().sort_index().to_dict())

# Covariates. The notebook reads the file with read.csv, which turns the quoted region codes "1".."4" into integers, so
# its glm/lm formulas use region as ONE numeric regressor (not the four categories its text describes). "numeric"
# reproduces what was run and printed; "factor" (region 2/3/4 dummies, region 1 the reference) is the stated intent.
ENCODINGS = {}
for enc in ("numeric", "factor"):
    X_enc = pd.DataFrame({"const": 1.0}, index=first.index)
    if enc == "numeric":
        X_enc["region"] = first.region.astype(float)
    else:
        for r in (2, 3, 4):
            X_enc[f"region{r}"] = (first.region == r).astype(float)
    for c in ("lemp", "lpop", "lavg_pay"):
        X_enc[f"{c}2001"] = first[c]
    ENCODINGS[enc] = X_enc
REGION = first.region

PUBLISHED = {  # fce2214, table2: (No Controls, s.e., Basic, s.e.)
    2004: (-0.03929934, 0.01868421, -0.03663512, 0.01842984),
    2005: (-0.075846130, 0.021063618, -0.066280602, 0.020412243),
    2006: (-0.11667635, 0.02281314, -0.08837113, 0.02108130),
    2007: (-0.13120725, 0.02607473, -0.04108086, 0.03259285),
}


def comparison(t, enc, base=2003):
    """Treated G == 2004 and comparison units G == 0 or G > max(t, base); returns dY, D, X, region."""
    later = max(t, base)
    keep = (g_of == 2004) | (g_of == 0) | (g_of > later)
    ids = g_of.index[keep]
    dy = (y.loc[ids, t] - y.loc[ids, base]).to_numpy()
    D = (g_of.loc[ids] == 2004).to_numpy().astype(float)
    return dy, D, ENCODINGS[enc].loc[ids].to_numpy(), REGION.loc[ids].to_numpy()


def logit(D, X, reg, X_new, reg_new):
    """Logit of D on X, or the limit of its MLE when the region codes separate. Every G = 2004 county is in region 2
    (Illinois). With region dummies the region-3/4 coefficients (and the intercept against region 2) run to -inf whenever
    the comparison holds counties outside region 2; with numeric region the same happens when region 2 is the smallest
    code present (no region-1 comparison counties: t = 2007). The limit puts p = 0 outside region 2, and the other
    coefficients converge to the logit fitted on region 2 alone (the likelihood factorises). R's glm stops at fitted
    probabilities of about 1e-9 there, with a warning."""
    assert D[reg != 2].sum() == 0, "the separation argument needs every treated county in region 2"
    separated = (X.shape[1] == 7 and (reg != 2).any()) or (X.shape[1] == 5 and reg.min() == 2)
    if not separated:
        return sm.Logit(D, X).fit(disp=0, method="newton", tol=1e-12, maxiter=100).predict(X_new), False
    cols = [0, X.shape[1] - 3, X.shape[1] - 2, X.shape[1] - 1]  # intercept, lemp2001, lpop2001, lavg_pay2001
    inside = reg == 2
    fit = sm.Logit(D[inside], X[inside][:, cols]).fit(disp=0, method="newton", tol=1e-12, maxiter=100)
    return np.where(reg_new == 2, fit.predict(X_new[:, cols]), 0.0), True


def dr_full(dy, D, X, reg):
    """Sant'Anna & Zhao (2020) panel DR: logit propensity, OLS of dY on X among controls, normalised weights."""
    p, separated = logit(D, X, reg, X, reg)
    beta = np.linalg.lstsq(X[D == 0], dy[D == 0], rcond=None)[0]
    res = dy - X @ beta
    w0 = (1 - D) * p / (1 - p)
    dr = res[D == 1].mean() - (w0 * res).sum() / w0.sum()
    reg = res[D == 1].mean()
    return dr, reg, p[D == 0].max(), separated


def dml_crossfit(dy, D, X, reg, rng, basic):
    """The notebook's estimator with one random 5-fold assignment (labels 1..5 repeated, then permuted)."""
    n = len(dy)
    folds = rng.permutation(np.tile(np.arange(5), -(-n // 5)))[:n]
    p_hat, m_hat, pd_hat = np.empty(n), np.empty(n), np.empty(n)
    for k in range(5):
        te, tr = folds == k, folds != k
        pd_hat[te] = D[tr].mean()
        if basic:
            p_hat[te] = logit(D[tr], X[tr], reg[tr], X[te], reg[te])[0]
            ctrl = tr & (D == 0)
            beta = np.linalg.lstsq(X[ctrl], dy[ctrl], rcond=None)[0]
            m_hat[te] = X[te] @ beta
        else:
            p_hat[te] = D[tr].mean()
            m_hat[te] = dy[tr & (D == 0)].mean()
    p_hat = np.minimum(p_hat, 0.95)
    score = (D - p_hat) / (pd_hat * (1 - p_hat)) * (dy - m_hat)
    den = (D / pd_hat).mean()
    att = score.mean() / den
    se = np.sqrt(((score / den) ** 2).mean() / n)
    return att, se


rng = np.random.default_rng(772023)
for enc in ("numeric", "factor"):
    print(f"\nregion as {enc}")
    print("(g, t)      n1   n0   uncond     DR(full)   REG(full)  max p0 sep | published NoCtl / Basic | cross-fit NoCtl mean sd [min, max] pub.pct | cross-fit Basic mean sd [2.5%, 97.5%] pub.pct")
    for t in (2004, 2005, 2006, 2007):
        dy, D, X, reg = comparison(t, enc)
        unc = dy[D == 1].mean() - dy[D == 0].mean()
        dr, orr, pmax, sep = dr_full(dy, D, X, reg)
        nc = np.array([dml_crossfit(dy, D, X, reg, rng, False)[0] for _ in range(splits)])
        ba = np.array([dml_crossfit(dy, D, X, reg, rng, True)[0] for _ in range(splits)])
        pub = PUBLISHED[t]
        print(f"(2004,{t}) {int(D.sum()):4d} {int((1 - D).sum()):4d} {unc:.6f} {dr:.6f} {orr:.6f} {pmax:.3f} {'yes' if sep else 'no ':3s} | "
              f"{pub[0]:.4f} / {pub[2]:.4f} | {nc.mean():.4f} {nc.std():.4f} [{nc.min():.4f}, {nc.max():.4f}] {(nc <= pub[0]).mean():.2f} | "
              f"{ba.mean():.4f} {ba.std():.4f} [{np.quantile(ba, 0.025):.4f}, {np.quantile(ba, 0.975):.4f}] {(ba <= pub[2]).mean():.2f}")

# Placebo 2002, base 2003. The notebook's control set is G == 0 | G > 2002 merged with the 2003 controls, which keeps the
# G = 2004 counties as controls while they are also the (re-coded) treated group; CS's universal-base cell excludes them.
dy, D, X, reg = comparison(2002, "numeric")
unc = dy[D == 1].mean() - dy[D == 0].mean()
dr, orr, _, _ = dr_full(dy, D, X, reg)
print(f"\nplacebo (2004, 2002) base 2003, CS controls G in {{0, 2005, 2006, 2007}}: uncond {unc:.6f}  DR(numeric region) {dr:.6f}")
ids_t = g_of.index[g_of == 2004]
ids_c = g_of.index[(g_of == 0) | (g_of > 2002)]
d_t = (y.loc[ids_t, 2002] - y.loc[ids_t, 2003]).to_numpy()
d_c = (y.loc[ids_c, 2002] - y.loc[ids_c, 2003]).to_numpy()
print(f"placebo as the notebook builds it (G = 2004 counties in both groups): uncond {d_t.mean() - d_c.mean():.6f}"
      " (published No Controls -0.003722, Basic -0.004358)")
