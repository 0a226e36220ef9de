#!/usr/bin/python3
"""Independent reference ("oracle") values for the forecast-accuracy metrics and the Diebold-Mariano test.

What it computes
    For fixed, deterministic inputs (hand-written vectors and seeded numpy draws, all written into the
    fixture) it computes
      * MAE, RMSE, MAPE, pinball loss with scikit-learn (mean_absolute_error, sqrt(mean_squared_error),
        mean_absolute_percentage_error x 100, mean_pinball_loss);
      * sMAPE, WAPE, bias and RMSPE with plain numpy formulas;
      * MASE with R forecast's accuracy() (via tests/reference/metrics.R), cross-checked with numpy;
      * the Diebold-Mariano test with R forecast's dm.test() (via metrics.R), cross-checked with a numpy +
        scipy.stats.t implementation of the same formula;
    and writes inputs and outputs to
        tests/Research.Forecasting.Tests/Fixtures/metrics/metrics.json
    (indent 1, trailing newline; floats at full precision -- Python's repr round-trips exactly; a missing
    input value is written as null). The C# tests read that file; they never run Python or R.

How to run (from anywhere; needs Debian's python and Rscript with forecast + jsonlite):
    /usr/bin/python3 tests/reference/metrics.py

Written and run with numpy 1.24.2, scikit-learn 1.2.1, scipy 1.10.1 (Debian python3-*), R 4.2.2,
forecast 8.20, jsonlite 1.8.4.

Definition choices (they mirror the C# library, lib/Research.Forecasting/Evaluation):
  * NaN pairs: the library skips every pair where the actual or the forecast is NaN. scikit-learn does not
    skip NaN (it raises), so the pairs are removed here first with mask = ~isnan(a) & ~isnan(f) and
    scikit-learn sees only the complete pairs.
  * MAPE is in percent over the pairs with a non-zero actual. scikit-learn's mean_absolute_percentage_error
    does NOT skip zero actuals (it divides by max(|a|, eps), giving ~1e15-size terms) and returns a fraction,
    so the oracle is 100 x sklearn MAPE on the non-zero subset of the complete pairs.
  * RMSPE (Rossmann / Kaggle) is a fraction over the non-zero actuals: sqrt(mean(((a - f) / a)^2)).
  * sMAPE is mean(200 |a - f| / (|a| + |f|)) in percent with a 0/0 term defined as 0; zero actuals are kept.
  * WAPE = 100 sum|a - f| / sum|a|; bias = mean(f - a) (positive = over-forecast).
  * Pinball loss at q: mean(q max(a - f, 0) + (1 - q) max(f - a, 0)) = sklearn mean_pinball_loss(alpha=q).
  * MASE scale = mean over t > m of |y_t - y_{t-m}| of the training series, skipping NaN differences
    (R: mean(abs(diff(x, lag = m)), na.rm = TRUE)); MASE = MAE / scale.
  * DM: R dm.test (varestimator "acf"); when its variance estimate is not positive for h > 1, R warns and
    retries with h = 1 -- case dm_fallback_h1 records that, with the horizon R actually used.
"""
import json
import math
import re
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import scipy
import sklearn
from scipy import stats
from sklearn.metrics import (mean_absolute_error, mean_absolute_percentage_error, mean_pinball_loss,
                             mean_squared_error)

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "Research.Forecasting.Tests" / "Fixtures" / "metrics" / "metrics.json"
R_SCRIPT = ROOT / "tests" / "reference" / "metrics.R"
SCRIPT = "tests/reference/metrics.py"
QUANTILES = [0.1, 0.5, 0.9]
NAN = float("nan")


def as_json(values):
    return [None if math.isnan(v) else float(v) for v in values]


def close(x, y, rel):
    assert math.isclose(x, y, rel_tol=rel, abs_tol=0.0), (x, y)


# ------------------------------------------------------------------------------------------------------
# Inputs
# ------------------------------------------------------------------------------------------------------
rng = np.random.default_rng(20240611)

metric_cases = []
# hand-written: zero actuals (one with a zero forecast: the sMAPE 0/0 term), NaN in either input, a negative actual
metric_cases.append(("mixed",
                     [12, 0, 7, 3.5, NAN, 20, 0, 15, 9, 4, -2, 0.25, 30, 6],
                     [10, 1.5, 7, 5, 8, NAN, 0, 11.25, 10, 2.5, -1, 0.3, 27.5, NAN]))
# daily store sales: weekly cycle, closed every 7th day (actual 0; forecast 0 or a small leak), 3 missing
t = np.arange(120)
level = 5000 + 1500 * np.sin(2 * np.pi * t / 7)
sales = rng.poisson(level).astype(float)
sales[t % 7 == 6] = 0
pred = level * (1 + rng.normal(0, 0.12, t.size))
pred[t % 7 == 6] = np.where(rng.random((t % 7 == 6).sum()) < 0.5, 0.0, 37.5)
sales[17] = NAN
pred[53] = NAN
sales[88] = pred[88] = NAN
metric_cases.append(("daily_sales", sales.tolist(), pred.tolist()))
# intermittent low volume: many zero actuals, forecasts near the mean
low = rng.poisson(0.8, 60).astype(float)
low_pred = np.round(np.clip(0.8 + rng.normal(0, 0.4, 60), 0, None), 3)
metric_cases.append(("intermittent", low.tolist(), low_pred.tolist()))

mase_cases = []
tt = np.arange(84 + 14)
y = 100 + 30 * np.sin(2 * np.pi * tt / 7) + rng.normal(0, 6, tt.size)
train, test = y[:84].copy(), y[84:].copy()
train[40] = NAN          # removes two lag-7 differences from the scale
test[5] = NAN            # removes one pair from the MAE
fc = (100 + 30 * np.sin(2 * np.pi * tt[84:] / 7)) + rng.normal(0, 4, 14)
mase_cases.append(("daily_m7", train.tolist(), test.tolist(), fc.tolist(), 7))
walk = 50 + np.cumsum(rng.normal(0, 2, 48))
mase_cases.append(("random_walk_m1", walk[:40].tolist(), walk[40:].tolist(), [walk[39]] * 8, 1))
weekly = rng.poisson(3 + 2 * (np.arange(64) % 4 == 0)).astype(float)
mase_cases.append(("intermittent_m4", weekly[:52].tolist(), weekly[52:].tolist(),
                   np.round(rng.uniform(1, 5, 12), 2).tolist(), 4))

dm_cases = []
e_a = rng.normal(0, 1.0, 40)
e_b = rng.normal(0.2, 1.3, 40)
dm_cases.append(("dm_h1_power2_two_sided", e_a, e_b, "two.sided", 1, 2))
dm_cases.append(("dm_h3_power1_less", e_a, e_b, "less", 3, 1))
z = rng.normal(0, 1, 31)
e_c = z[1:] + 0.6 * z[:-1]                        # MA(1) errors of a 2-step forecast
e_d = 1.2 * rng.normal(0, 1, 30) + 0.3
dm_cases.append(("dm_h2_power2_greater", e_d, e_c, "greater", 2, 2))
alt = np.where(np.arange(25) % 2 == 0, 2.0, 1.0)
# d alternates in sign, so gamma_0 + 2 gamma_1 < 0: R warns and falls back to h = 1
dm_cases.append(("dm_fallback_h1", alt + rng.normal(0, 0.05, 25), (3 - alt) + rng.normal(0, 0.05, 25), "two.sided", 2, 2))
e_e = rng.normal(0, 1.0, 200)
e_f = rng.normal(0, 1.6, 200)
dm_cases.append(("dm_small_p_value", e_e, e_f, "two.sided", 4, 2))
dm_cases = [(n, np.asarray(a, float), np.asarray(b, float), alt_, h, p) for n, a, b, alt_, h, p in dm_cases]

# ------------------------------------------------------------------------------------------------------
# R oracle: dm.test and accuracy() MASE
# ------------------------------------------------------------------------------------------------------
with tempfile.TemporaryDirectory() as tmp:
    inp, outp = Path(tmp) / "in.json", Path(tmp) / "out.tsv"
    inp.write_text(json.dumps({
        "dm": [{"name": n, "e1": a.tolist(), "e2": b.tolist(), "alternative": alt_, "h": h, "power": p}
               for n, a, b, alt_, h, p in dm_cases],
        "mase": [{"name": n, "training": as_json(tr), "actual": as_json(te), "forecast": as_json(f), "m": m}
                 for n, tr, te, f, m in mase_cases],
    }, allow_nan=False))
    subprocess.run(["Rscript", str(R_SCRIPT), str(inp), str(outp)], check=True)
    r_out = {}
    for line in outp.read_text().splitlines():
        case, key, value = line.split("\t")
        r_out.setdefault(case, {})[key] = value
r_version = subprocess.run(["Rscript", "-e", 'cat(R.version.string, "| forecast", as.character(packageVersion("forecast")))'],
                           capture_output=True, text=True, check=True).stdout.strip()

# ------------------------------------------------------------------------------------------------------
# Point metrics
# ------------------------------------------------------------------------------------------------------
metrics_out = []
for name, actual, forecast in metric_cases:
    a, f = np.asarray(actual, float), np.asarray(forecast, float)
    mask = ~np.isnan(a) & ~np.isnan(f)
    a, f = a[mask], f[mask]
    nz = a != 0
    denom = np.abs(a) + np.abs(f)
    smape_terms = np.divide(200 * np.abs(a - f), denom, out=np.zeros_like(a), where=denom != 0)
    expected = {
        "count": int(mask.sum()),
        "nonzero_count": int(nz.sum()),
        "mae": float(mean_absolute_error(a, f)),                          # sklearn
        "rmse": float(np.sqrt(mean_squared_error(a, f))),                  # sklearn
        "mape": float(100 * mean_absolute_percentage_error(a[nz], f[nz])),  # sklearn, non-zero subset
        "smape": float(np.mean(smape_terms)),
        "wape": float(100 * np.sum(np.abs(a - f)) / np.sum(np.abs(a))),
        "bias": float(np.mean(f - a)),
        "rmspe": float(np.sqrt(np.mean(((a[nz] - f[nz]) / a[nz]) ** 2))),
        "pinball": {str(q): float(mean_pinball_loss(a, f, alpha=q)) for q in QUANTILES},  # sklearn
    }
    # numpy cross-checks of the sklearn values
    close(expected["mae"], float(np.mean(np.abs(a - f))), 1e-14)
    close(expected["mape"], float(100 * np.mean(np.abs((a[nz] - f[nz]) / a[nz]))), 1e-14)
    for q in QUANTILES:
        e = a - f
        close(expected["pinball"][str(q)], float(np.mean(np.maximum(q * e, (q - 1) * e))), 1e-13)
    metrics_out.append({"name": name, "actual": as_json(actual), "forecast": as_json(forecast), "expected": expected})

# ------------------------------------------------------------------------------------------------------
# MASE (R accuracy(), numpy cross-check)
# ------------------------------------------------------------------------------------------------------
mase_out = []
for name, training, actual, forecast, m in mase_cases:
    y_tr = np.asarray(training, float)
    a, f = np.asarray(actual, float), np.asarray(forecast, float)
    scale = float(np.nanmean(np.abs(y_tr[m:] - y_tr[:-m])))
    mask = ~np.isnan(a) & ~np.isnan(f)
    mae = float(np.mean(np.abs(a[mask] - f[mask])))
    r = r_out[name]
    mase = float(r["mase"])
    close(mase, mae / scale, 1e-12)
    close(float(r["mae"]), mae, 1e-12)
    mase_out.append({"name": name, "training": as_json(training), "actual": as_json(actual),
                     "forecast": as_json(forecast), "m": m,
                     "expected": {"mase": mase, "scale": scale, "mae": mae}})

# ------------------------------------------------------------------------------------------------------
# Diebold-Mariano (R dm.test, numpy + scipy cross-check)
# ------------------------------------------------------------------------------------------------------
def dm_numpy(e1, e2, alternative, h, power):
    d = np.abs(e1) ** power - np.abs(e2) ** power
    n = d.size
    dc = d - d.mean()
    gamma = [np.sum(dc[: n - k] * dc[k:]) / n for k in range(h)]
    var = (gamma[0] + 2 * sum(gamma[1:])) / n
    if var <= 0 and h > 1:
        return dm_numpy(e1, e2, alternative, 1, power)
    stat = d.mean() / math.sqrt(var) * math.sqrt((n + 1 - 2 * h + h * (h - 1) / n) / n)
    p = {"two.sided": 2 * stats.t.cdf(-abs(stat), n - 1),
         "less": stats.t.cdf(stat, n - 1),
         "greater": stats.t.sf(stat, n - 1)}[alternative]
    return stat, float(p), h


dm_out = []
for name, e1, e2, alternative, h, power in dm_cases:
    r = r_out[name]
    stat, p, h_used = float(r["statistic"]), float(r["p_value"]), int(float(r["h"]))
    s2, p2, h2 = dm_numpy(e1, e2, alternative, h, power)
    close(stat, s2, 1e-12)
    close(p, p2, 1e-10)
    assert h_used == h2
    assert (r["warning"] != "") == (h_used != h), r
    dm_out.append({"name": name, "e1": e1.tolist(), "e2": e2.tolist(), "alternative": alternative,
                   "h": h, "power": power,
                   "expected": {"statistic": stat, "p_value": p, "h": h_used, "n": int(e1.size),
                                "r_warning": r["warning"]}})

fixture = {
    "_generated_by": SCRIPT + " (with tests/reference/metrics.R); do not edit by hand",
    "_versions": {"numpy": np.__version__, "scikit-learn": sklearn.__version__, "scipy": scipy.__version__,
                  "R": r_version},
    "_notes": [
        "null in an input = NaN (missing); pairs with a NaN are removed before sklearn, which does not skip NaN",
        "mape = 100 * sklearn mean_absolute_percentage_error on the pairs with a non-zero actual (sklearn keeps zeros, dividing by eps)",
        "rmse = sqrt(sklearn mean_squared_error); mae, pinball = sklearn; smape, wape, bias, rmspe = numpy",
        "mase = R forecast::accuracy() MASE (scale = mean |diff(training, lag = m)|, NaN differences skipped)",
        "dm = R forecast::dm.test(e1, e2, alternative, h, power); expected.h is the horizon R used (1 after its variance fallback)",
    ],
    "metrics": metrics_out,
    "mase": mase_out,
    "dm": dm_out,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
text = json.dumps(fixture, indent=1, allow_nan=False)
# number arrays on one line each (readable diffs, smaller file); the values are unchanged
text = re.sub(r"\[\s*([-0-9.e+,\snul]+?)\s*\]", lambda mt: "[" + ", ".join(v.strip() for v in mt.group(1).split(",")) + "]", text)
assert json.loads(text) == json.loads(json.dumps(fixture, allow_nan=False))
OUT.write_text(text + "\n")
print(f"wrote {OUT.relative_to(ROOT)}: {len(metrics_out)} metric cases, {len(mase_out)} MASE cases, {len(dm_out)} DM cases")
