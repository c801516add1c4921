"""Which wordings and table rows fill each metric key, read from the extractors' own tables.

The metric dictionary (``models.metrics``) says what a key means; this module says where the
extractors find it, by walking the ordered label tables the extractors match with. So
docs/metrics.md and ``juesuan metrics`` list exactly what the code reads, and every key the
code can emit (``emitted_keys``) can be checked against the dictionary.
"""

from __future__ import annotations

from collections import defaultdict

from extractors.narrative import labels
from extractors.tables import facts as table_facts

# The appropriation summary's rows are matched in code (``_appropriation_metric``), not a table.
_APPROPRIATION_ROWS = {
    "appropriation.grand_total": "appropriation_summary: 总计 (income side)",
    "appropriation.income": "appropriation_summary: 本年收入合计",
    "appropriation.expenditure": "appropriation_summary: 本年支出合计 (合计 column)",
    "income_expenditure.grand_total": "income_expenditure_summary: 合计 / 收入合计 when no 总计 row",
}
# Keys the narrative scanner builds in code rather than from a label table.
_SCANNER_KEYS = {
    "project.budget": "narrative: 项目…预算数 / 下达 (in a project's paragraph)",
    "project.executed": "narrative: 项目…执行数 / 支出 (in a project's paragraph)",
    "project.completion_pct": "narrative: 完成预算的X% (in a project's paragraph)",
    "performance.rated": "narrative: 评级为“优”的项目N个",
    "assets.equipment_over_1m": f"narrative: {labels.EQUIPMENT.pattern} (threshold 100)",
    "assets.equipment_over_1m_bought": "narrative: 购置 + 单价100万元以上设备",
}


def _pattern(regex_pattern) -> str:  # a compiled regex
    return regex_pattern.pattern


def sources() -> dict[str, list[str]]:
    """key → the wordings (narrative label patterns) and table rows that give it, in the
    extractors' priority order."""
    found: dict[str, list[str]] = defaultdict(list)
    for pattern, key in labels.MONEY_LABELS:
        found[key].append(f"narrative: {_pattern(pattern)}")
    for pattern, units, key in labels.COUNT_LABELS:
        unit_text = f" [{'/'.join(sorted(units))}]" if units else ""
        found[key].append(f"narrative: {_pattern(pattern)}{unit_text}")
    for after, before, units, key in labels.AFTER_COUNT_LABELS:
        found[key].append(f"narrative: N{'/'.join(sorted(units))} then {_pattern(after)}, after {_pattern(before)}")
    found["three_public.vehicles_bought"].append("narrative: a stated nil (未安排购置车辆…), value 0")
    found["org.units"].append("narrative: a stated nil (没有下属单位 / 没有其他二级预算单位), value 0")
    for pattern, key in labels.PERFORMANCE_LABELS:
        found[key].append(f"narrative: {_pattern(pattern)} (a 项目/绩效 clause)")
    for word, income_key, expenditure_key in labels._NIL_PARTS:
        for key in (income_key, expenditure_key):
            if key:
                found[key].append(f"narrative: a stated nil (无/没有/未安排/不涉及…{word}…), value 0")
    for key, text in _SCANNER_KEYS.items():
        found[key].append(text)
    for code in ("301", "302", "303", "310"):  # economic classes: their printed code, else the code table's
        found[f"economic.{code}"].append(f"narrative: {labels.ECONOMIC_CLASS.pattern} (code {code})")
    for side, table in (("income", table_facts._SUMMARY_INCOME),
                        ("expenditure", table_facts._SUMMARY_SPENDING)):
        for key, pattern in table:
            found[key].append(f"income_expenditure_summary ({side} side): row {_pattern(pattern)}")
    for (table_key, column), key in table_facts._TOTAL_ROW.items():
        found[key].append(f"{table_key}: 合计 row, column {column}")
    for name, key in table_facts._BASIC_TOTALS.items():
        found[key].append(f"general_budget_basic: row {name}")
    for key, pattern in table_facts._THREE_PUBLIC:
        found[key].append(f"three_public: row {_pattern(pattern)}")
    for key, text in _APPROPRIATION_ROWS.items():
        found[key].append(text)
    return dict(found)


def emitted_keys() -> set[str]:
    """Every concrete key the extractors can emit, including the family members derived
    from other keys (``performance.X_amount``)."""
    keys = set(sources())
    keys |= {f"{key}_amount" for _, key in labels.PERFORMANCE_LABELS}
    return keys


def dictionary() -> list[dict]:
    """The dictionary as rows (key, label, unit, group, definition, filled_by), in its order;
    a key the extractors emit that the dictionary lacks is listed last with no label (the
    docs test fails on it)."""
    from models.metrics import METRICS, lookup

    where = sources()
    rows = [_row(m, where.get(m.key, [])) for m in METRICS]
    known = {m.key for m in METRICS}
    for key in sorted(emitted_keys() - known):
        if lookup(key) is None:  # family members are documented under "Key families"
            rows.append({"key": key, "label": None, "unit": None, "group": None,
                         "definition": None, "filled_by": where.get(key, [])})
    return rows


def _row(metric, filled_by: list[str]) -> dict:  # models.metrics.Metric
    return {"key": metric.key, "label": metric.label, "unit": metric.unit, "group": metric.group,
            "definition": metric.definition, "filled_by": filled_by}


def markdown() -> str:
    """docs/metrics.md, generated (``python -m extractors.metric_sources > docs/metrics.md``)."""
    from models.metrics import FAMILY_TEMPLATES

    lines = ["# Metric dictionary", "",
             "Generated from `models/metrics.py` (meanings) and the extractors' label tables",
             "(`extractors/metric_sources.py`: where each key is read). Do not edit by hand:",
             "run `python -m extractors.metric_sources > docs/metrics.md`",
             "(`tests/test_metrics.py` fails when this file is stale or a key lacks its entry).",
             "Also shown by `juesuan metrics`.", "",
             "Money is stored in 万元 (the printed unit is kept in `printed_unit`); counts in their",
             "own unit. Same keys for 决算 and 预算 reports.", ""]
    group = None
    for row in dictionary():
        if row["group"] != group:
            group = row["group"]
            lines += [f"## {group or 'missing entries'}", "", "| key | 中文 | unit | definition | filled by |",
                      "|---|---|---|---|---|"]
        filled = "<br>".join(f"`{_cell(s)}`" for s in row["filled_by"]) or "—"
        lines.append(f"| `{row['key']}` | {row['label'] or '—'} | {row['unit'] or '—'} | "
                     f"{_cell(row['definition'] or '—')} | {filled} |")
    lines = _blank_before_headings(lines)
    lines += ["", "## Key families", "", "| key | meaning |", "|---|---|"]
    lines += [f"| `{key}` | {meaning} |" for key, meaning in FAMILY_TEMPLATES]
    return "\n".join(lines) + "\n"


def _blank_before_headings(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if line.startswith("## ") and out and out[-1] != "":
            out.append("")
        out.append(line)
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


if __name__ == "__main__":
    print(markdown(), end="")
