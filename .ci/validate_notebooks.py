#!/usr/bin/python3
"""Strict check of executed notebooks, as CI runs it (Debian python3-nbformat).

For every notebook given:
  - validates the raw JSON against the nbformat 4.5 schema without repairing anything
    (a missing or duplicate cell id is an error, unknown top-level keys are errors);
  - checks the file is written exactly as VS Code writes notebooks: keys sorted, 1-space indent,
    non-ASCII kept as is, trailing newline.
Exit code 1 on the first class of problem found, with every problem printed.
Usage: /usr/bin/python3 .ci/validate_notebooks.py artifacts/notebooks/*.ipynb
"""
import copy
import json
import sys
import warnings

import nbformat
from nbformat.validator import validate

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
    if json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n" != text:
        problems.append(f"{path}: not written as VS Code writes notebooks (sorted keys, 1-space indent, trailing newline)")
    if len(problems) == before:
        print(f"{path}: valid nbformat {nb['nbformat']}.{nb['nbformat_minor']}, {len(ids)} cells")

for p in problems:
    print(p, file=sys.stderr)
sys.exit(1 if problems else 0)
