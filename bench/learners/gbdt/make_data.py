"""Deterministic synthetic data for the GBDT benchmark (both sides read the same files).

Writes, into the output folder, little-endian float64 arrays:
  x_train.f64 (n_train, p) row-major, x_test.f64 (n_test, p),
  y_train_cls.f64 / y_test_cls.f64 (0/1), y_train_reg.f64 / y_test_reg.f64,
  and meta.txt ("n_train n_test p").
DGP (p = 20): x_j ~ N(0, 1) for j < 10, x_j ~ U(-2, 2) for j >= 10 (features 14..19 are pure noise).
  f(x) = 1.2 sin(1.5 x0) + 0.8 x1 x2 + 0.5 (x3^2 - 1) + 0.9 [x4 > 0.5] - 0.6 |x5| + 0.4 x6 [x7 > 0]
         + 0.5 tanh(x8 x9) + 0.3 x10 + 0.4 cos(2 x11) x12 + 0.25 x13^2 - 0.1
  classification: y ~ Bernoulli(sigmoid(f)); regression: y = f + N(0, 1).
Usage: make_data.py OUT_DIR [n_train] [n_test] [seed]
"""
import os
import sys

import numpy as np

out = sys.argv[1]
n_train = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
n_test = int(sys.argv[3]) if len(sys.argv) > 3 else 200_000
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261122
p = 20
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(seed)


def make(n):
    x = np.empty((n, p))
    x[:, :10] = rng.standard_normal((n, 10))
    x[:, 10:] = rng.uniform(-2, 2, (n, p - 10))
    f = (1.2 * np.sin(1.5 * x[:, 0]) + 0.8 * x[:, 1] * x[:, 2] + 0.5 * (x[:, 3] ** 2 - 1)
         + 0.9 * (x[:, 4] > 0.5) - 0.6 * np.abs(x[:, 5]) + 0.4 * x[:, 6] * (x[:, 7] > 0)
         + 0.5 * np.tanh(x[:, 8] * x[:, 9]) + 0.3 * x[:, 10] + 0.4 * np.cos(2 * x[:, 11]) * x[:, 12]
         + 0.25 * x[:, 13] ** 2 - 0.1)
    y_cls = (rng.uniform(size=n) < 1 / (1 + np.exp(-f))).astype(np.float64)
    y_reg = f + rng.standard_normal(n)
    return x, y_cls, y_reg


for name, n in (("train", n_train), ("test", n_test)):
    x, yc, yr = make(n)
    x.astype("<f8").tofile(os.path.join(out, f"x_{name}.f64"))
    yc.astype("<f8").tofile(os.path.join(out, f"y_{name}_cls.f64"))
    yr.astype("<f8").tofile(os.path.join(out, f"y_{name}_reg.f64"))
with open(os.path.join(out, "meta.txt"), "w") as fh:
    fh.write(f"{n_train} {n_test} {p}\n")
