"""Reference 2SLS by hand with numpy (HC1 sandwich with structural residuals), cross-checked with statsmodels IV2SLS.

Usage: /usr/bin/python3 bench/causal/iv/reference_2sls.py make   -> writes tests/CausalCart.Causal.Tests/Iv/iv_small.csv
       /usr/bin/python3 bench/causal/iv/reference_2sls.py small  -> coefficients and HC1 SEs on that CSV
       /usr/bin/python3 bench/causal/iv/reference_2sls.py card   -> Card (1995) / Wooldridge Ex. 15.4
"""
import sys
import numpy as np
import pandas as pd
from statsmodels.sandbox.regression.gmm import IV2SLS

SMALL = "tests/CausalCart.Causal.Tests/Iv/iv_small.csv"


def tsls(y, X, Z):
    n, k = X.shape
    pz = Z @ np.linalg.solve(Z.T @ Z, Z.T @ X)
    bread = np.linalg.inv(pz.T @ pz)
    b = bread @ pz.T @ y
    u = y - X @ b
    classical = np.sqrt(np.diag(bread * (u @ u) / (n - k)))
    meat = (pz * u[:, None] ** 2).T @ pz
    hc1 = np.sqrt(np.diag(bread @ meat @ bread * n / (n - k)))
    return b, classical, hc1


def main():
    mode = sys.argv[1]
    if mode == "make":
        rng = np.random.default_rng(20261122)
        n = 200
        z1, z2, w = rng.normal(size=n), rng.binomial(1, 0.4, n), rng.normal(size=n)
        v = rng.normal(size=n)
        d = 0.8 * z1 + 0.6 * z2 + 0.3 * w + v
        u = 0.7 * v + rng.normal(size=n) * (1 + 0.5 * np.abs(w))
        y = 1.0 + 2.0 * d - 0.5 * w + u
        pd.DataFrame({"y": y, "d": d, "w": w, "z1": z1, "z2": z2}).to_csv(SMALL, index=False, float_format="%.17g")
        return
    if mode == "small":
        df = pd.read_csv(SMALL)
        y = df.y.values
        X = np.column_stack([np.ones(len(df)), df.d, df.w])
        Z = np.column_stack([np.ones(len(df)), df.z1, df.z2, df.w])
    else:
        df = pd.read_csv("/work/shared/data/iv_card/card.csv")
        ctl = ["exper", "expersq", "black", "smsa", "south", "smsa66"] + [f"reg66{i}" for i in range(2, 10)]
        df = df[["lwage", "educ", "nearc4"] + ctl].dropna()
        y = df.lwage.values
        X = np.column_stack([np.ones(len(df)), df.educ] + [df[c] for c in ctl])
        Z = np.column_stack([np.ones(len(df)), df.nearc4] + [df[c] for c in ctl])
        # First-stage F on nearc4 (classical).
        W = np.column_stack([np.ones(len(df))] + [df[c] for c in ctl])
        d = df.educ.values
        rss = lambda A: np.sum((d - A @ np.linalg.lstsq(A, d, rcond=None)[0]) ** 2)
        print("n", len(df), "first-stage F classical", (rss(W) - rss(Z)) / (rss(Z) / (len(df) - Z.shape[1])))
    b, se, hc1 = tsls(y, X, Z)
    sm = IV2SLS(y, X, Z).fit()
    print("max |b - statsmodels|", np.max(np.abs(b - sm.params)), "max |se - statsmodels|", np.max(np.abs(se - sm.bse)))
    for i in range(X.shape[1]):
        print(f"{i} {b[i]:.17g} {se[i]:.17g} {hc1[i]:.17g}")


main()
