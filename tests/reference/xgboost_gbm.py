#!/usr/bin/python3
"""xgboost reference for the gradient-boosting comparison (`research bench gbm`).

Trains xgboost (Debian python3-xgboost 1.7.4: tree_method=hist, grow_policy=lossguide) on a feature matrix the C#
library exported (FeatureMatrix.WriteCsv: label, series, origin, time, then the feature columns; empty = missing),
with the tree shape given on the command line, and prints one JSON line: validation RMSE, the best training time of
--repeats runs, and a checksum of the data read (rows, columns, label sum) so the caller can check it read the same
numbers. Squared error, base_score = mean training label (LightGBM's boost_from_average), lambda = 1 (LightGBM's
lambda_l2 in the comparison), min_child_weight = the minimum rows per leaf (hessian 1 per row for squared error),
no row or column sampling.

Usage: /usr/bin/python3 tests/reference/xgboost_gbm.py TRAIN.csv VALID.csv --trees 500 --leaves 255 --depth 8
       [--eta 0.1] [--bins 255] [--min-leaf 20] [--threads 2] [--repeats 3]
"""
import argparse
import json
import time

import numpy as np
import pandas as pd
import xgboost as xgb


def load(path):
    frame = pd.read_csv(path, dtype={"series": str})
    y = frame["label"].to_numpy(dtype=np.float32)
    x = frame.drop(columns=["label", "series", "origin", "time"]).to_numpy(dtype=np.float32)
    return x, y


def main():
    p = argparse.ArgumentParser()
    p.add_argument("train")
    p.add_argument("valid")
    p.add_argument("--trees", type=int, default=500)
    p.add_argument("--leaves", type=int, default=255)
    p.add_argument("--depth", type=int, default=8)
    p.add_argument("--eta", type=float, default=0.1)
    p.add_argument("--bins", type=int, default=255)
    p.add_argument("--min-leaf", type=int, default=20)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    xt, yt = load(a.train)
    xv, yv = load(a.valid)
    params = {
        "objective": "reg:squarederror",
        "tree_method": "hist",
        "grow_policy": "lossguide",
        "max_leaves": a.leaves,
        "max_depth": a.depth,
        "eta": a.eta,
        "max_bin": a.bins,
        "min_child_weight": a.min_leaf,
        "lambda": 1.0,
        "alpha": 0.0,
        "subsample": 1.0,
        "colsample_bytree": 1.0,
        "base_score": float(np.mean(yt, dtype=np.float64)),
        "nthread": a.threads,
        "seed": 42,
        "verbosity": 0,
    }
    best = float("inf")
    rmse = None
    for _ in range(a.repeats):
        start = time.perf_counter()
        dtrain = xgb.DMatrix(xt, label=yt, missing=np.nan, nthread=a.threads)
        booster = xgb.train(params, dtrain, num_boost_round=a.trees)
        best = min(best, time.perf_counter() - start)
        pred = booster.predict(xgb.DMatrix(xv, missing=np.nan, nthread=a.threads))
        rmse = float(np.sqrt(np.mean((pred.astype(np.float64) - yv.astype(np.float64)) ** 2)))
    print(json.dumps({
        "xgboost": xgb.__version__,
        "rows": int(xt.shape[0]), "columns": int(xt.shape[1]), "valid_rows": int(xv.shape[0]),
        "label_sum": float(np.sum(yt, dtype=np.float64)),
        "rmse": rmse, "seconds": best, "params": params, "trees": a.trees,
    }))


if __name__ == "__main__":
    main()
