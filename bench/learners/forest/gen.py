# Friedman #1 regression data (Friedman 1991): y = 10 sin(pi x0 x1) + 20 (x2 - 0.5)^2 + 10 x3 + 5 x4 + N(0, 1),
# x ~ U(0, 1)^p; x5.. are noise. Usage: python3 gen.py N P SEED OUT.csv
import sys
import numpy as np
n, p, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rng = np.random.default_rng(seed)
x = rng.random((n, p))
y = 10 * np.sin(np.pi * x[:, 0] * x[:, 1]) + 20 * (x[:, 2] - 0.5) ** 2 + 10 * x[:, 3] + 5 * x[:, 4] + rng.standard_normal(n)
np.savetxt(out, np.column_stack([y, x]), delimiter=",", header=",".join(["y"] + [f"x{j}" for j in range(p)]), comments="", fmt="%.17g")
