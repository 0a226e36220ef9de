#!/usr/bin/python3
"""Strict check of executed notebooks, as CI runs it (Debian python3-nbformat).

For every notebook given:
  - validates the raw JSON against the nbformat 4.5 schema without repairing anything
    (a missing or duplicate cell id is an error, unknown top-level keys are errors);
  - checks the file is written exactly as VS Code writes notebooks: JSON.stringify of the notebook with keys
    sorted, 1-space indent, non-ASCII kept as is, numbers spelled as JavaScript spells them, trailing newline.
Exit code 1 on the first class of problem found, with every problem printed.
Usage: /usr/bin/python3 .ci/validate_notebooks.py artifacts/notebooks/*.ipynb
"""
import copy
import json
import sys
import warnings

import nbformat
from nbformat.validator import validate



def js_number(x):
    """A number as JavaScript's Number.prototype.toString spells it (ECMA-262 Number::toString)."""
    if isinstance(x, bool) or isinstance(x, int):
        return json.dumps(x)
    if x != x or x in (float("inf"), float("-inf")):
        return "null"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number(-x)
    sign, digits, exponent = __import__("decimal").Decimal(repr(x)).normalize().as_tuple()
    d = "".join(map(str, digits))
    k, n = len(d), len(digits) + exponent            # x = 0.d1..dk * 10^n
    if k <= n <= 21:
        return d + "0" * (n - k)
    if 0 < n <= 21:
        return d[:n] + "." + d[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + d
    e = n - 1
    return (d if k == 1 else d[0] + "." + d[1:]) + "e" + ("-" if e < 0 else "+") + str(abs(e))


def vscode_dumps(value, depth=0):
    """JSON.stringify(value, null, 1) of a notebook whose keys VS Code sorted."""
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {vscode_dumps(value[k], depth + 1)}" for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + vscode_dumps(v, depth + 1) for v in value) + "\n" + pad + "]"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return js_number(value)
    return json.dumps(value, ensure_ascii=False)


problems = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    before = len(problems)
    nb = json.loads(text)
    ids = [c.get("id") for c in nb.get("cells", [])]
    if any(i is None for i in ids):
        problems.append(f"{path}: a cell has no id")
    if len(set(i for i in ids if i is not None)) != len([i for i in ids if i is not None]):
        problems.append(f"{path}: duplicate cell ids")
    with warnings.catch_warnings():
        # nbformat repairs some problems (duplicate or missing ids) with only a warning: here any repair fails
        warnings.simplefilter("error")
        try:
            validate(copy.deepcopy(nb), version=4, version_minor=nb.get("nbformat_minor"))
        except nbformat.ValidationError as e:
            problems.append(f"{path}: not valid nbformat 4.{nb.get('nbformat_minor')}: {e.message}")
        except Warning as w:
            problems.append(f"{path}: nbformat would repair it: {w}")
    if nb.get("nbformat") != 4 or nb.get("nbformat_minor", 0) < 5:
        problems.append(f"{path}: expected nbformat 4.5 or later, found {nb.get('nbformat')}.{nb.get('nbformat_minor')}")
    if vscode_dumps(nb) + "\n" != text:
        problems.append(f"{path}: not written as VS Code writes notebooks (sorted keys, 1-space indent, trailing newline)")
    if len(problems) == before:
        print(f"{path}: valid nbformat {nb['nbformat']}.{nb['nbformat_minor']}, {len(ids)} cells")

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
