#!/usr/bin/python3
"""Reference values for CausalCart's linear and logistic learners (bench/learners/linear).

Generates a deterministic dataset and writes, side by side:
  data.csv        n = 2000 rows: cluster id, weight w, six features x1..x6, continuous y, binary d
  reference.json  statsmodels OLS / WLS / Logit estimates and standard errors, sklearn Lasso / ElasticNet /
                  LogisticRegression(l1) coefficients at fixed penalties.
Values in the CSV are rounded before fitting, so the C# test reads exactly the numbers the references saw.
Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/learners/linear/reference.py
(statsmodels 0.13.5, scikit-learn 1.2.1, numpy from Debian bookworm.)
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression

here = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261122)
n, p, G = 2000, 6, 40

cluster = rng.integers(0, G, size=n)
cluster_effect = rng.normal(0, 0.5, size=G)
x = rng.normal(size=(n, p))
x[:, 1] = 0.6 * x[:, 0] + 0.8 * x[:, 1]            # correlated features
x[:, 2] = 3 + 2 * x[:, 2]                          # shifted and scaled
x[:, 5] = (rng.random(n) < 0.3).astype(float)      # a dummy
x = np.round(x, 4)
beta = np.array([1.0, -0.5, 0.25, 0.0, 0.1, 0.8])
sigma = 0.5 + 0.5 * np.abs(x[:, 0])                # heteroscedastic errors
y = 2.0 + x @ beta + cluster_effect[cluster] + sigma * rng.normal(size=n)
y = np.round(y, 6)
eta = -0.3 + x @ np.array([0.8, -0.4, 0.2, 0.0, 0.3, -0.6]) - 0.2 * 3 + 0.3 * cluster_effect[cluster]
d = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
w = np.round(rng.uniform(0.5, 2.0, size=n), 3)

df = pd.DataFrame({"cluster": cluster, "w": w})
for j in range(p):
    df[f"x{j + 1}"] = x[:, j]
df["y"] = y
df["d"] = d.astype(int)
df.to_csv(os.path.join(here, "data.csv"), index=False, float_format="%.6f")

# Read back so the references are fitted on exactly the CSV's numbers.
df = pd.read_csv(os.path.join(here, "data.csv"))
X = df[[f"x{j + 1}" for j in range(p)]].to_numpy()
Xc = sm.add_constant(X)
y = df["y"].to_numpy()
d = df["d"].to_numpy().astype(float)
w = df["w"].to_numpy()
groups = df["cluster"].to_numpy()


def table(res):
    return {"params": res.params.tolist(), "bse": res.bse.tolist()}


out = {"versions": {"statsmodels": statsmodels.__version__, "sklearn": sklearn.__version__, "numpy": np.__version__}}
ols = sm.OLS(y, Xc)
out["ols"] = {
    "nonrobust": table(ols.fit()),
    **{hc: table(ols.fit(cov_type=hc)) for hc in ["HC0", "HC1", "HC2", "HC3"]},
    "cluster": table(ols.fit(cov_type="cluster", cov_kwds={"groups": groups})),
}
# t (nonrobust) and normal (robust) p-values, as statsmodels reports them by default.
r = ols.fit()
out["ols"]["nonrobust"]["pvalues"] = r.pvalues.tolist()
out["ols"]["nonrobust"]["conf_int"] = r.conf_int(0.05).tolist()
r = ols.fit(cov_type="HC1")
out["ols"]["HC1"]["pvalues"] = r.pvalues.tolist()
out["ols"]["HC1"]["conf_int"] = r.conf_int(0.05).tolist()

wls = sm.WLS(y, Xc, weights=w)
out["wls"] = {
    "nonrobust": table(wls.fit()),
    **{hc: table(wls.fit(cov_type=hc)) for hc in ["HC0", "HC1", "HC2", "HC3"]},
    "cluster": table(wls.fit(cov_type="cluster", cov_kwds={"groups": groups})),
}

logit = sm.Logit(d, Xc)
lr = logit.fit(disp=0, tol=1e-14, maxiter=100, method="newton")
out["logit"] = {
    "nonrobust": table(lr),
    "HC0": table(logit.fit(disp=0, tol=1e-14, maxiter=100, method="newton", cov_type="HC0")),
    # statsmodels 0.13.5 applies no small-sample factor to HC1 for Logit (cov_white_simple(use_correction=False)),
    # so this equals HC0; CausalCart's HC1 is HC0 x n/(n-k) and the test checks that relation.
    "HC1": table(logit.fit(disp=0, tol=1e-14, maxiter=100, method="newton", cov_type="HC1")),
    "cluster": table(logit.fit(disp=0, tol=1e-14, maxiter=100, method="newton", cov_type="cluster",
                               cov_kwds={"groups": groups})),
    "pvalues": lr.pvalues.tolist(),
}

# sklearn objectives (mean-loss scale): (1/2n)||y - Xb - c||^2 + alpha*l1_ratio*|b|_1 + alpha*(1-l1_ratio)/2*|b|^2
lasso = Lasso(alpha=0.05, tol=1e-14, max_iter=1_000_000).fit(X, y)
enet = ElasticNet(alpha=0.1, l1_ratio=0.4, tol=1e-14, max_iter=1_000_000).fit(X, y)
enet_w = ElasticNet(alpha=0.1, l1_ratio=0.4, tol=1e-14, max_iter=1_000_000).fit(X, y, sample_weight=w)
out["lasso"] = {"alpha": 0.05, "intercept": float(lasso.intercept_), "coef": lasso.coef_.tolist()}
out["elasticnet"] = {"alpha": 0.1, "l1_ratio": 0.4, "intercept": float(enet.intercept_), "coef": enet.coef_.tolist()}
out["elasticnet_weighted"] = {"alpha": 0.1, "l1_ratio": 0.4, "intercept": float(enet_w.intercept_), "coef": enet_w.coef_.tolist()}

# Logistic L1: ||b||_1 + C * sum(logloss); saga leaves the intercept unpenalised.
C = 0.02
logl1 = LogisticRegression(penalty="l1", C=C, solver="saga", tol=1e-15, max_iter=2_000_000).fit(X, d)
out["logistic_l1"] = {"C": C, "n": n, "intercept": float(logl1.intercept_[0]), "coef": logl1.coef_[0].tolist(),
                      "n_iter": int(logl1.n_iter_[0])}

with open(os.path.join(here, "reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote", os.path.join(here, "data.csv"), os.path.getsize(os.path.join(here, "data.csv")), "bytes")
