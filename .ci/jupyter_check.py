#!/usr/bin/python3
"""Runs notebooks through Debian's Jupyter on the .NET Interactive `.net-csharp` kernel and compares with the runner.

For every executed notebook given (the runner's output, which already holds the profile's injected parameters):
  - clears its outputs and executes it again with Jupyter's own engine (nbclient, what `jupyter nbconvert --execute`
    uses) on the `.net-csharp` kernel, in the notebooks folder (so `#r "../lib/..."` resolves as in VS Code);
  - every chart shows as the Plotly + SVG bundle (application/vnd.plotly.v1+json holding a Plotly figure, image/svg+xml,
    text/html, text/plain) and no output is the kernel's property tree (`dni-treeview`), in both executions;
  - each code cell has the same outputs, kind by kind and MIME type by MIME type, as the runner wrote (the kernel's
    bootstrap script for its HTTP API, which Jupyter alone shows, is left out);
  - the named results recorded under Jupyter equal the runner's within each result's tolerance.
Writes the Jupyter-executed notebooks to --out. Exit code 1 with every difference printed.
Usage: /usr/bin/python3 .ci/jupyter_check.py --results artifacts/results/ci --out artifacts/jupyter artifacts/notebooks/03-arima.ipynb
"""
import argparse
import json
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

PLOTLY = "application/vnd.plotly.v1+json"
FIGURE = [PLOTLY, "image/svg+xml", "text/html", "text/plain"]
TABLE_CLASS = 'class="research-table"'
PROPERTY_TREE = "dni-treeview"
BOOTSTRAP = "loadDotnetInteractiveApi"  # the kernel's script that probes its HTTP API (Jupyter front ends only)


def text(value):
    return "".join(value) if isinstance(value, list) else value


def shape(cell):
    """The outputs of a cell as (kind, MIME types) pairs, without Jupyter's bootstrap script."""
    result = []
    for o in cell.get("outputs", []):
        data = o.get("data", {})
        if BOOTSTRAP in text(data.get("text/html", "")):
            continue
        if o["output_type"] == "stream":
            if result and result[-1] == ("stream", o["name"]):
                continue  # consecutive writes to one stream are one output
            result.append(("stream", o["name"]))
        else:
            result.append((o["output_type"], tuple(sorted(data))))
    return result


def display_problems(nb, where):
    problems = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            html = text(data.get("text/html", ""))
            if PROPERTY_TREE in html and BOOTSTRAP not in html:
                problems.append(f"{where}, cell {i + 1}: an output is the kernel's property tree, not a table or chart")
            if "image/svg+xml" in data or PLOTLY in data:
                missing = [m for m in FIGURE if m not in data]
                if missing:
                    problems.append(f"{where}, cell {i + 1}: a chart without {', '.join(missing)}")
                figure = data.get(PLOTLY)
                if isinstance(figure, str):  # the Jupyter kernel sends JSON MIME types other than application/json as text
                    figure = json.loads(figure)
                if not (isinstance(figure, dict) and "data" in figure and "layout" in figure):
                    problems.append(f"{where}, cell {i + 1}: {PLOTLY} is not a Plotly figure")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", required=True, help="the runner's results folder for the same profile")
    parser.add_argument("--out", required=True)
    parser.add_argument("--notebooks-dir", default="notebooks")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("executed", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    problems = []
    for path in args.executed:
        name = os.path.splitext(os.path.basename(path))[0]
        runner = nbformat.read(path, as_version=4)
        problems += display_problems(runner, f"{name} (runner)")
        tables = sum(TABLE_CLASS in text(o.get("data", {}).get("text/html", "")) for c in runner.cells for o in c.get("outputs", []))
        charts = sum(PLOTLY in o.get("data", {}) for c in runner.cells for o in c.get("outputs", []))
        jupyter = nbformat.read(path, as_version=4)
        for cell in jupyter.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        results = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False).name
        os.environ["RESEARCH_RESULTS_FILE"] = results
        client = NotebookClient(jupyter, kernel_name=".net-csharp", timeout=args.timeout, allow_errors=False,
                                resources={"metadata": {"path": os.path.abspath(args.notebooks_dir)}})
        try:
            client.execute()
        except Exception as e:  # a failing cell: report it, keep the notebook for reading
            problems.append(f"{name} (jupyter): {type(e).__name__}: {str(e)[:2000]}")
        nbformat.write(jupyter, os.path.join(args.out, os.path.basename(path)))
        problems += display_problems(jupyter, f"{name} (jupyter)")
        for i, (a, b) in enumerate(zip(runner.cells, jupyter.cells)):
            if a.cell_type == "code" and shape(a) != shape(b):
                problems.append(f"{name}, cell {i + 1}: the runner wrote {shape(a)}, Jupyter {shape(b)}")
        expected = json.load(open(os.path.join(args.results, name + ".json")))["results"]
        recorded = {}
        for line in open(results):
            if line.strip():
                r = json.loads(line)
                recorded[r["name"]] = r["value"]
        os.unlink(results)
        for key, e in expected.items():
            if key not in recorded:
                problems.append(f"{name}: result {key} was not recorded under Jupyter")
            elif abs(recorded[key] - e["value"]) > e["tolerance"]:
                problems.append(f"{name}: result {key} is {recorded[key]} under Jupyter, {e['value']} with the runner (tolerance {e['tolerance']})")
        print(f"{name}: Jupyter on .net-csharp: {len(recorded)} named results, {charts} charts and {tables} tables, "
              f"outputs compared cell by cell with the runner's")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
