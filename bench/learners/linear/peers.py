#!/usr/bin/python3
"""Peer timings for bench/learners/LearnersBench: the same shapes (N x p standard normal features, the same
coefficient pattern) fitted by scikit-learn and statsmodels. Wall-clock seconds, best of `reps`.
Run: OPENBLAS_NUM_THREADS=2 OMP_NUM_THREADS=2 /usr/bin/python3 bench/learners/linear/peers.py [N [p [reps]]]
"""
import sys
import time

import numpy as np
import statsmodels.api as sm
from sklearn.linear_model import Lasso, LogisticRegression

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
p = int(sys.argv[2]) if len(sys.argv) > 2 else 50
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
rng = np.random.default_rng(1)
x = rng.normal(size=(n, p))
eta = -0.3 + x @ np.array([0.2 if j % 5 == 0 else 0.02 for j in range(p)])
d = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype(float)
y = 1 + x @ np.array([0.5 if j % 3 == 0 else 0.0 for j in range(p)]) + (1 + 0.5 * np.abs(x[:, 0])) * rng.normal(size=n)
xc = sm.add_constant(x)


def best(label, f):
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        info = f()
        times.append(time.perf_counter() - t0)
    print(f"{label}, N = {n:,}, p = {p}: {min(times):.2f} s (best of {reps}); {info}", flush=True)


best("sklearn LogisticRegression lbfgs (no penalty)",
     lambda: LogisticRegression(penalty=None, solver="lbfgs", max_iter=1000).fit(x, d).n_iter_[0])
best("statsmodels Logit newton (nonrobust SEs)", lambda: sm.Logit(d, xc).fit(disp=0, method="newton").bse[1])
best("statsmodels Logit newton + HC1", lambda: sm.Logit(d, xc).fit(disp=0, method="newton", cov_type="HC1").bse[1])
best("statsmodels OLS + HC1", lambda: sm.OLS(y, xc).fit(cov_type="HC1").bse[1])
best("sklearn Lasso (alpha = 0.01)", lambda: int((Lasso(alpha=0.01).fit(x, y).coef_ != 0).sum()))
