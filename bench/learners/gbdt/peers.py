"""xgboost (hist) and scikit-learn HistGradientBoosting on the files written by make_data.py.

Usage: peers.py DATA_DIR TASK(cls|reg) LIB(xgboost|sklearn) TREES DEPTH THREADS
Prints one line: lib task train_wall_seconds train_cpu_seconds metric(AUC or RMSE).
Hyper-parameters mirror CausalCart's defaults: learning rate 0.1, 255 bins (xgboost max_bin=256 includes no missing
bin; sklearn max_bins=255 plus its missing bin), L2 = 1, min_child_weight = 1, depth-wise trees of the given depth.
"""
import os
import sys
import time

import numpy as np

data, task, lib, trees, depth, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
n_train, n_test, p = map(int, open(os.path.join(data, "meta.txt")).read().split())
x_train = np.fromfile(os.path.join(data, "x_train.f64"), dtype="<f8").reshape(n_train, p)
x_test = np.fromfile(os.path.join(data, "x_test.f64"), dtype="<f8").reshape(n_test, p)
y_train = np.fromfile(os.path.join(data, f"y_train_{task}.f64"), dtype="<f8")
y_test = np.fromfile(os.path.join(data, f"y_test_{task}.f64"), dtype="<f8")

from sklearn.metrics import roc_auc_score

if lib == "xgboost":
    import xgboost as xgb
    params = dict(n_estimators=trees, max_depth=depth, learning_rate=0.1, tree_method="hist", max_bin=256,
                  reg_lambda=1.0, min_child_weight=1.0, n_jobs=threads, random_state=0)
    model = xgb.XGBClassifier(**params) if task == "cls" else xgb.XGBRegressor(**params)
else:
    from sklearn.experimental import enable_hist_gradient_boosting  # noqa: F401 (harmless on 1.2)
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    # max_leaf_nodes=None with max_depth: depth-wise-limited trees (sklearn grows best-first within the depth limit).
    params = dict(max_iter=trees, max_depth=depth, max_leaf_nodes=None, learning_rate=0.1, max_bins=255,
                  l2_regularization=1.0, min_samples_leaf=1, early_stopping=False, random_state=0)
    model = HistGradientBoostingClassifier(**params) if task == "cls" else HistGradientBoostingRegressor(**params)

t0, c0 = time.perf_counter(), time.process_time()
model.fit(x_train, y_train)
elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
if task == "cls":
    metric = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
else:
    metric = float(np.sqrt(np.mean((model.predict(x_test) - y_test) ** 2)))
print(f"{lib} {task} {elapsed:.2f} {cpu:.2f} {metric:.5f}")
