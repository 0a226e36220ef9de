#!/usr/bin/python3
"""pandas load-timing baseline: the comparison figure for the C# loader (`research bench load`).

Times, in a fresh process,
    pd.read_csv(FILE, parse_dates=[DATE])
with pandas' default dtypes otherwise (FILE defaults to data/rossmann/train.csv.gz and DATE to "Date"; give
`--file PATH --parse-dates COLUMN` for another file, e.g. the generated 5-million-row CSV of `bench load --case
generated`), and prints ONE line of JSON:
    read_csv_s   wall time of the read_csv call itself
    import_s     wall time of `import pandas` (plus numpy, which it pulls in)
    total_s      wall time from the top of this script (first statement, before any import) to the end
    process_s    wall time since the process was exec'd, from /proc/self/stat (includes interpreter
                 start-up; 1/CLK_TCK = 10 ms resolution)
    maxrss_kb    peak resident memory of the process, resource.getrusage(RUSAGE_SELF).ru_maxrss (KB on Linux)
    rows, pandas row count read and pandas version

How to run (from the repo root; needs Debian's python, which has pandas). Run it several times, each a
fresh process, and take the min / median:
    for i in 1 2 3 4 5; do /usr/bin/python3 tests/reference/load_pandas.py; done
    /usr/bin/python3 tests/reference/load_pandas.py --file artifacts/bench/load-5m.csv --parse-dates date

Written and run with pandas 1.5.3, numpy 1.24.2.
"""
import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
from pathlib import Path  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--file", default=None)
parser.add_argument("--parse-dates", default="Date")
args = parser.parse_args()
ROOT = Path(__file__).resolve().parents[2]
args.file = os.path.abspath(args.file) if args.file else str(ROOT / "data" / "rossmann" / "train.csv.gz")

t = time.perf_counter()
import pandas as pd  # noqa: E402
import_s = time.perf_counter() - t

t = time.perf_counter()
df = pd.read_csv(args.file, parse_dates=[args.parse_dates])
read_s = time.perf_counter() - t

rows = len(df)
total_s = time.perf_counter() - T0


def process_age_s():
    """Seconds since this process started (field 22 of /proc/self/stat, in clock ticks since boot)."""
    try:
        with open("/proc/self/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        start_ticks = int(fields[19])  # field 22 overall; fields[0] is field 3 (state)
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return round(uptime - start_ticks / os.sysconf("SC_CLK_TCK"), 3)
    except (OSError, ValueError, IndexError):
        return None


print(json.dumps({
    "read_csv_s": round(read_s, 4),
    "import_s": round(import_s, 4),
    "total_s": round(total_s, 4),
    "process_s": process_age_s(),
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "rows": rows,
    "pandas": pd.__version__,
}))
