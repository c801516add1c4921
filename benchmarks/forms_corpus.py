"""Performance forms of every corpus file: what juesuan reads against what the pages print.

    .venv/bin/python benchmarks/forms_corpus.py [CORPUS] [--cache DIR] [--only SUBSTR] [-v]

For every file (PDF, .doc, .docx, HTML; a scan without text is skipped, OCR is off): the
forms found by layout (``Project.form``), the projects and indicator rows read, and how
many of each field are filled, over the fields a researcher is scored on (project: name,
unit, budget, budget_fiscal, budget_other, executed, executed_fiscal, executed_other,
completion_pct, score, goal_expected, goal_actual; indicator: level1..3, target, actual,
target_op/value/unit, actual_op/value/unit, weight, score, deviation_reason).

Printed counts: ``forms_corpus_printed.json`` beside this script holds, per file, the
number of projects and indicator rows its pages print, counted by hand on the page
images (pdftoppm) — the reference the extracted counts are compared with. A file not in
it shows "printed ?". ``-v`` lists each project with its indicator count and empty fields.

A field only counts as expected where the layout prints it: a budget-side target form
has no 执行数, so ``executed`` is not held against it (see ``EXPECTED_BY_FORM``), and an
indicator column some layouts lack (一级/二级指标, 分值, 得分) counts only in a form where
some row has it. A numeric
part of a value (op/value/unit) is expected only where the printed text holds a number.

``--cache DIR`` pickles each read Document (the 171-page 决算 takes a while).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path

os.environ.setdefault("JUESUAN_OCR", "0")  # before juesuan is imported

from tables_corpus import corpus_arguments, load_measured  # run as a script: this folder is on sys.path

from extractors.forms import extract_projects

ROOT = Path(__file__).resolve().parent.parent
PRINTED = Path(__file__).with_name("forms_corpus_printed.json")
SUFFIXES = (".pdf", ".doc", ".docx", ".html", ".htm")

_TARGET_FIELDS = ("name", "unit", "budget", "goal_expected")
_SELF_EVAL_FIELDS = _TARGET_FIELDS + (
    "executed", "completion_pct", "score", "goal_actual")
EXPECTED_BY_FORM = {
    "project_target": _TARGET_FIELDS,
    "department_target": _TARGET_FIELDS,
    "project_completion": _TARGET_FIELDS + ("executed", "goal_actual"),
    "project_self_eval": _SELF_EVAL_FIELDS,
    "department_self_eval": _SELF_EVAL_FIELDS,
}
_TARGET_INDICATOR = ("level1", "level2", "level3", "target")
_SELF_EVAL_INDICATOR = _TARGET_INDICATOR + ("actual", "weight", "score")
INDICATOR_BY_FORM = {
    "project_target": _TARGET_INDICATOR,
    "department_target": _TARGET_INDICATOR,
    "project_completion": _TARGET_INDICATOR + ("actual",),
    "project_self_eval": _SELF_EVAL_INDICATOR,
    "department_self_eval": _SELF_EVAL_INDICATOR,
}
_HAS_NUMBER = re.compile(r"\d")
_OPTIONAL_COLUMNS = ("level1", "level2", "weight", "score")


def measure(projects) -> dict:
    """Counts of forms, projects, indicators and filled fields (filled / expected)."""
    forms = Counter(p.form for p in projects)
    filled = expected = 0
    missing: Counter = Counter()
    n_ind = 0
    for p in projects:
        for name in EXPECTED_BY_FORM.get(p.form, _TARGET_FIELDS):
            expected += 1
            if getattr(p, name) not in (None, ""):
                filled += 1
            else:
                missing[f"project.{name}"] += 1
        # a column the layout lacks (Chongqing prints 指标名称 without 一级/二级) is not
        # held against a row: optional columns count where some row of the form has them
        present = {n for n in _OPTIONAL_COLUMNS if any(getattr(i, n) for i in p.indicators)}
        for i in p.indicators:
            n_ind += 1
            names = [n for n in INDICATOR_BY_FORM.get(p.form, _TARGET_INDICATOR)
                     if n not in _OPTIONAL_COLUMNS or n in present]
            for side in ("target", "actual"):
                if side in names and _HAS_NUMBER.search(getattr(i, side) or ""):
                    names.append(f"{side}_value")
            for name in names:
                expected += 1
                if getattr(i, name) not in (None, ""):
                    filled += 1
                else:
                    missing[f"indicator.{name}"] += 1
    return {"forms": dict(forms), "projects": len(projects), "indicators": n_ind,
            "filled": filled, "expected": expected, "missing": missing}


def report(path: Path, cache: Path | None, printed: dict, verbose: bool) -> dict | None:
    doc, _failed = load_measured(path, cache)
    if doc is None:
        return None
    projects = extract_projects(doc)
    m = measure(projects)
    ref = printed.get(path.name, {})
    p_ref = ref.get("projects", "?")
    i_ref = ref.get("indicators", "?")
    forms = ", ".join(f"{k}({v})" for k, v in sorted(m["forms"].items())) or "-"
    pct = f"{100 * m['filled'] / m['expected']:.1f}%" if m["expected"] else "-"
    print(f"{path.name}\n  forms: {forms}\n"
          f"  projects {m['projects']} / printed {p_ref}   indicators {m['indicators']} / printed {i_ref}"
          f"   fields filled {m['filled']}/{m['expected']} ({pct})")
    if m["missing"]:
        top = ", ".join(f"{k} {v}" for k, v in m["missing"].most_common(6))
        print(f"  most often empty: {top}")
    if verbose:
        for p in projects:
            empty = [n for n in EXPECTED_BY_FORM.get(p.form, _TARGET_FIELDS) if getattr(p, n) in (None, "")]
            print(f"    p{p.source.page} {p.form} {p.name!r} budget={p.budget} "
                  f"ind={len(p.indicators)} empty={empty}")
    m["printed"] = ref
    return m


def main() -> int:
    args = corpus_arguments(__doc__.splitlines()[0])
    printed = json.loads(PRINTED.read_text(encoding="utf-8")) if PRINTED.exists() else {}
    printed = {k: v for k, v in printed.items() if not k.startswith("_")}
    totals = Counter()
    for path in sorted(Path(args.corpus).iterdir()):
        if path.suffix.lower() not in SUFFIXES or (args.only and args.only not in path.name):
            continue
        m = report(path, args.cache, printed, args.verbose)
        if m is None:
            continue
        totals["projects"] += m["projects"]
        totals["indicators"] += m["indicators"]
        totals["filled"] += m["filled"]
        totals["expected"] += m["expected"]
        ref = m["printed"]
        if "projects" in ref:
            totals["printed_projects"] += ref["projects"]
            totals["matched_projects"] += min(m["projects"], ref["projects"])
        if "indicators" in ref:
            totals["printed_indicators"] += ref["indicators"]
            totals["matched_indicators"] += min(m["indicators"], ref["indicators"])
    pct = 100 * totals["filled"] / totals["expected"] if totals["expected"] else 0.0
    print(f"TOTAL projects {totals['projects']} (printed {totals['printed_projects']}, "
          f"read of those ≤ {totals['matched_projects']}); indicators {totals['indicators']} "
          f"(printed {totals['printed_indicators']}, read of those ≤ {totals['matched_indicators']}); "
          f"fields filled {totals['filled']}/{totals['expected']} ({pct:.1f}%)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
