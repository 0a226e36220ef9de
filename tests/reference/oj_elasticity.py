"""Golden values for Decisions/Promotions/PriceElasticity: statsmodels OLS of the orange-juice log-log demand
regression per brand, on the identical design to ElasticityDesign.Build (no shared code).

Per brand b: rows = that brand's store-weeks of data/oj/yx.csv.gz (all weeks 40..160 present in the file), ordered by
store then week; y = log(round(exp(logmove))) (the library loads units as round(exp(logmove))); columns const,
logprice1..logprice11 (log of price1..price11), deal, feat, store_<s> for every store but the lowest-numbered.
Writes tests/Research.Forecasting.Tests/Fixtures/elasticity/oj_statsmodels.json with names, params, bse, nobs, scale
(s^2) per brand, numbers as repr() (round-trip doubles).

Run: /usr/bin/python3 tests/reference/oj_elasticity.py   (Debian python3-statsmodels, python3-numpy)
"""
import csv, gzip, json, math, os
import numpy as np
import statsmodels
import statsmodels.api as sm

rows = {}
with gzip.open("data/oj/yx.csv.gz", "rt", newline="") as f:
    for r in csv.DictReader(f):
        rows.setdefault(int(r["brand"]), []).append(r)

out = {"statsmodels": statsmodels.__version__, "numpy": np.__version__, "brands": []}
for brand in sorted(rows):
    rs = sorted(rows[brand], key=lambda r: (int(r["store"]), int(r["week"])))
    y, core, stores = [], [], []
    for r in rs:
        units = round(math.exp(float(r["logmove"])))
        if not units > 0:
            continue
        y.append(math.log(units))
        core.append([1.0] + [math.log(float(r[f"price{j}"])) for j in range(1, 12)] + [float(r["deal"]), float(r["feat"])])
        stores.append(int(r["store"]))
    levels = sorted(set(stores))[1:]
    names = ["const"] + [f"logprice{j}" for j in range(1, 12)] + ["deal", "feat"] + [f"store_{s}" for s in levels]
    idx = {s: i for i, s in enumerate(levels)}
    X = np.zeros((len(y), len(names)))
    X[:, :14] = np.array(core)
    for i, s in enumerate(stores):
        if s in idx:
            X[i, 14 + idx[s]] = 1.0
    fit = sm.OLS(np.array(y), X).fit()
    out["brands"].append({
        "brand": brand, "nobs": int(fit.nobs), "names": names,
        "params": [float(v) for v in fit.params], "bse": [float(v) for v in fit.bse], "scale": float(fit.scale),
    })

os.makedirs("tests/Research.Forecasting.Tests/Fixtures/elasticity", exist_ok=True)
with open("tests/Research.Forecasting.Tests/Fixtures/elasticity/oj_statsmodels.json", "w") as f:
    json.dump(out, f, indent=1)
print("brands", len(out["brands"]), "own:", [round(b["params"][b["brand"]], 3) for b in out["brands"]])
