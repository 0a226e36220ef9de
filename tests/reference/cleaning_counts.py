#!/usr/bin/python3
"""Independent pandas reference ("oracle") for the data-cleaning counts on the real data files.

What it computes
    Row counts, missing-grid counts, closed-day / zero-sales counts, Promo2 activity and the
    online-retail problem / sequential-cleaning / aggregation counts for the three real datasets in
    data/ (Dominick's OJ, Rossmann, UCI Online Retail). It reads the data files directly with
    pandas and numpy only -- it shares no code with the C# library -- and writes the results to
        tests/Research.Forecasting.Tests/Fixtures/cleaning_counts.json
    (sorted keys, indent 2, trailing newline; floats rounded to 6 decimals). The C# tests compare
    their own counts against this file.

How to run (from the repo root; needs Debian's python, which has pandas):
    /usr/bin/python3 tests/reference/cleaning_counts.py

Written and run with pandas 1.5.3, numpy 1.24.2 (Debian python3-pandas / python3-numpy).

Definition choices (see the "Definitions" comments next to each block):
  * Text columns holding ids / codes (InvoiceNo, StockCode, Description, CustomerID, Country,
    StateHoliday, StoreType, Assortment, PromoInterval) are read as str with keep_default_na=False,
    so an empty field is "" (never NaN) and no code is ever turned into a number ("0" stays "0",
    "17850" stays "17850"). An empty CustomerID means "missing customer".
  * Text values are compared exactly as stored: no stripping, no case folding (Description has
    trailing blanks on many lines; StockCode "m" and "M" are different codes).
  * Money is summed exactly from the raw decimal text (decimal.Decimal) and rounded half-even to
    2 places; the script asserts that the float64 sum rounds to the same value.
"""
import datetime as dt
import json
import sys
from decimal import Decimal, ROUND_HALF_EVEN
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
OUT = ROOT / "tests" / "Research.Forecasting.Tests" / "Fixtures" / "cleaning_counts.json"
SCRIPT = "tests/reference/cleaning_counts.py"


def iso(d):
    return None if d is None or pd.isna(d) else pd.Timestamp(d).date().isoformat()


def money(values_text, quantities):
    """Exact sum(Quantity*UnitPrice) from the raw UnitPrice text, rounded half-even to 2 places."""
    total = sum((Decimal(p) * int(q) for p, q in zip(values_text, quantities)), Decimal(0))
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def revenue(frame):
    exact = money(frame["UnitPriceText"], frame["Quantity"])
    approx = round(float((frame["Quantity"] * frame["UnitPrice"]).sum()), 2)
    assert abs(float(exact) - approx) < 0.005, (exact, approx)
    return float(exact)


# --------------------------------------------------------------------------------------------------
# Dominick's OJ
# --------------------------------------------------------------------------------------------------
def oj():
    df = pd.read_csv(DATA / "oj" / "yx.csv.gz")
    key = ["store", "brand"]
    assert not df.duplicated(key + ["week"]).any()
    series = df[key].drop_duplicates()
    n_series = len(series)

    # move = round(exp(logmove)), numpy round-half-to-even.
    move_sum = int(np.round(np.exp(df["logmove"].to_numpy())).sum())

    # Global grid: every series x weeks 40..160 inclusive (121 weeks).
    lo, hi = 40, 160
    in_range = df[(df["week"] >= lo) & (df["week"] <= hi)]
    per_series_in = in_range.groupby(key)["week"].nunique()
    per_series_in = per_series_in.reindex(pd.MultiIndex.from_frame(series), fill_value=0)
    grid_missing_per = (hi - lo + 1) - per_series_in
    grid_missing = int(grid_missing_per.sum())
    assert grid_missing == n_series * (hi - lo + 1) - len(in_range)

    # Own grid: each series' own first..last week.
    g = df.groupby(key)["week"]
    own_missing_per = (g.max() - g.min() + 1) - g.nunique()

    ex = df[(df["store"] == 2) & (df["brand"] == 1)]["week"]
    absent = sorted(set(range(lo, hi + 1)) - set(int(w) for w in ex))

    return {
        "rows": len(df),
        "series": n_series,
        "stores": int(df["store"].nunique()),
        "brands": int(df["brand"].nunique()),
        "move_sum": move_sum,
        "grid_missing": grid_missing,
        "grid_series_affected": int((grid_missing_per > 0).sum()),
        "own_missing": int(own_missing_per.sum()),
        "own_series_affected": int((own_missing_per > 0).sum()),
        "example": {"store": 2, "brand": 1, "absent_weeks": absent},
    }


# --------------------------------------------------------------------------------------------------
# Rossmann
# --------------------------------------------------------------------------------------------------
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def rossmann():
    df = pd.read_csv(
        DATA / "rossmann" / "train.csv.gz",
        dtype={"StateHoliday": str},
        keep_default_na=False,
        parse_dates=["Date"],
    )
    assert not df.duplicated(["Store", "Date"]).any()
    first, last = df["Date"].min(), df["Date"].max()
    days = (last - first).days + 1
    n_stores = int(df["Store"].nunique())

    # Global grid: every store x every day first..last.
    per_store = df.groupby("Store")["Date"]
    have = per_store.nunique()
    global_missing_per = days - have
    # Own grid: each store's own first..last date.
    own_missing_per = ((per_store.max() - per_store.min()).dt.days + 1) - have

    closed = df["Open"] == 0
    is_open = df["Open"] == 1
    zero_open = is_open & (df["Sales"] == 0)

    # Promo2Active (join store.csv on Store).
    st = pd.read_csv(
        DATA / "rossmann" / "store.csv",
        dtype={"StoreType": str, "Assortment": str, "PromoInterval": str},
        keep_default_na=False,
        na_values={c: [""] for c in ["CompetitionDistance", "CompetitionOpenSinceMonth",
                                     "CompetitionOpenSinceYear", "Promo2SinceWeek", "Promo2SinceYear"]},
    )
    assert st["Store"].is_unique

    def start_of(row):
        if row.Promo2 != 1 or pd.isna(row.Promo2SinceWeek) or pd.isna(row.Promo2SinceYear) \
                or row.PromoInterval == "":
            return pd.NaT
        return pd.Timestamp(dt.date.fromisocalendar(int(row.Promo2SinceYear), int(row.Promo2SinceWeek), 1))

    st["Promo2Start"] = pd.to_datetime([start_of(r) for r in st.itertuples(index=False)])
    st["Months"] = [frozenset(s.split(",")) if s != "" else frozenset() for s in st["PromoInterval"]]
    j = df[["Store", "Date"]].merge(st[["Store", "Promo2Start", "Months"]], on="Store", how="left",
                                    validate="many_to_one")
    assert len(j) == len(df) and j.index.equals(df.index)
    month_abbr = j["Date"].dt.month.map(lambda m: MONTH_ABBR[m - 1])
    in_month = pd.Series([a in ms for a, ms in zip(month_abbr, j["Months"])], index=j.index)
    active = j["Promo2Start"].notna() & (j["Date"] >= j["Promo2Start"]) & in_month

    def first_active(store, n=3):
        d = j.loc[active & (j["Store"] == store), "Date"].sort_values().head(n)
        return [iso(x) for x in d]

    return {
        "rows": len(df),
        "stores": n_stores,
        "first_date": iso(first),
        "last_date": iso(last),
        "days": days,
        "global_grid_missing": int(global_missing_per.sum()),
        "global_grid_stores_affected": int((global_missing_per > 0).sum()),
        "own_grid_missing": int(own_missing_per.sum()),
        "own_grid_stores_affected": int((own_missing_per > 0).sum()),
        "closed": int(closed.sum()),
        "closed_stores_affected": int(df.loc[closed, "Store"].nunique()),
        "sales_while_closed": int((closed & (df["Sales"] != 0)).sum()),
        "zero_sales_while_open": int(zero_open.sum()),
        "zero_sales_while_open_stores": int(df.loc[zero_open, "Store"].nunique()),
        "state_holiday_counts": {k: int(v) for k, v in df["StateHoliday"].value_counts().items()},
        "sales_sum": int(df["Sales"].sum()),
        "promo2_active_rows": int(active.sum()),
        "promo2_first_active_dates": {"1": first_active(1), "2": first_active(2)},
    }


# --------------------------------------------------------------------------------------------------
# UCI Online Retail
# --------------------------------------------------------------------------------------------------
NON_PRODUCT = {"POST", "DOT", "C2", "M", "m", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS"}
TEXT = ["InvoiceNo", "StockCode", "Description", "CustomerID", "Country"]


def load_retail():
    df = pd.read_csv(
        DATA / "online_retail" / "online_retail.csv.gz",
        dtype={**{c: str for c in TEXT}, "Quantity": str, "InvoiceDate": str, "UnitPrice": str},
        keep_default_na=False,
    )
    df["UnitPriceText"] = df["UnitPrice"]
    df["Quantity"] = df["Quantity"].astype(np.int64)
    df["UnitPrice"] = df["UnitPrice"].astype(np.float64)
    df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
    return df


def flags(df):
    cols = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
            "CustomerID", "Country"]
    return {
        "duplicate": df.duplicated(subset=cols, keep="first"),
        "cancellation": df["InvoiceNo"].str.startswith("C"),
        "return": df["Quantity"] < 0,
        "non_product": df["StockCode"].isin(NON_PRODUCT) | df["StockCode"].str.startswith("gift_0001_"),
        "non_positive_price": df["UnitPrice"] <= 0,
        "missing_customer": df["CustomerID"] == "",
    }


def summary(sub):
    return {
        "lines": len(sub),
        "invoices": int(sub["InvoiceNo"].nunique()),
        "products": int(sub["StockCode"].nunique()),
        "customers": int(sub.loc[sub["CustomerID"] != "", "CustomerID"].nunique()),
        "first_date": iso(sub["InvoiceDate"].min()) if len(sub) else None,
        "last_date": iso(sub["InvoiceDate"].max()) if len(sub) else None,
        "revenue": revenue(sub),
    }


def online_retail():
    df = load_retail()
    raw_flags = flags(df)
    problems = {name: summary(df[f]) for name, f in raw_flags.items()}

    # Sequential cleaning: each step's flag is recomputed on what remains.
    order = ["duplicate", "cancellation", "return", "non_product", "non_positive_price"]
    cur = df
    steps = []
    for name in order:
        f = flags(cur)[name]
        steps.append({"step": name, "dropped": int(f.sum()), "remaining": int((~f).sum())})
        cur = cur[~f]
    demand = cur

    # Weekly product series: weeks start on Monday.
    day = demand["InvoiceDate"].dt.normalize()
    week = day - pd.to_timedelta(day.dt.weekday, unit="D")
    wk = (demand.assign(week=week)
          .groupby(["StockCode", "week"])
          .agg(quantity=("Quantity", "sum"), invoices=("InvoiceNo", "nunique"))
          .reset_index())
    ex = wk[wk["StockCode"] == "85123A"].sort_values("week").head(5)
    example = [{"week_start": iso(r.week), "quantity": int(r.quantity), "invoices": int(r.invoices)}
               for r in ex.itertuples(index=False)]

    # Stock codes that differ only by case ("85123a" is "85123A", the same product): upper-case them
    # after the five drop steps, then aggregate weekly again.
    upper = demand.assign(StockCode=demand["StockCode"].str.upper())
    case_changed = int((demand["StockCode"] != upper["StockCode"]).sum())
    uday = upper["InvoiceDate"].dt.normalize()
    uweek = uday - pd.to_timedelta(uday.dt.weekday, unit="D")
    uwk = (upper.assign(week=uweek)
           .groupby(["StockCode", "week"])
           .agg(quantity=("Quantity", "sum"), invoices=("InvoiceNo", "nunique"))
           .reset_index())
    uex = uwk[uwk["StockCode"] == "85123A"].sort_values("week").head(5)
    uexample = [{"week_start": iso(r.week), "quantity": int(r.quantity), "invoices": int(r.invoices)}
                for r in uex.itertuples(index=False)]

    # Daily customer series: also drop missing customers.
    cust = demand[demand["CustomerID"] != ""]
    cday = cust["InvoiceDate"].dt.normalize()
    daily = cust.assign(day=cday).groupby(["CustomerID", "day"]).size()

    return {
        "rows": len(df),
        "problems": problems,
        "sequential": {"steps": steps, "demand_lines": len(demand)},
        "weekly_products": {
            "series": int(wk["StockCode"].nunique()),
            "rows": len(wk),
            "quantity_sum": int(demand["Quantity"].sum()),
            "example_85123A": example,
        },
        "upper_case_codes": {
            "lines_changed": case_changed,
            "series": int(uwk["StockCode"].nunique()),
            "rows": len(uwk),
            "example_85123A": uexample,
        },
        "daily_customers": {
            "series": int(cust["CustomerID"].nunique()),
            "rows": int(len(daily)),
            "revenue_sum": revenue(cust),
        },
    }


# --------------------------------------------------------------------------------------------------
def plain(x):
    """Convert numpy scalars to Python, round floats to 6 decimals."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return round(float(x), 6)
    return x


def main():
    result = {
        "generator": {"script": SCRIPT, "pandas": pd.__version__, "numpy": np.__version__},
        "oj": oj(),
        "rossmann": rossmann(),
        "online_retail": online_retail(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(plain(result), sort_keys=True, indent=2) + "\n"
    OUT.write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
