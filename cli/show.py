"""``juesuan show``: one report's JSON export laid out as readable sections."""

from __future__ import annotations

from typing import Any

Section = tuple[str, list[str], list[tuple]]

# ``--part`` names → section titles.
PARTS = {"report": "report", "facts": "facts", "lines": "line items", "projects": "projects",
         "findings": "findings"}


def report_sections(report: dict[str, Any], full_text: bool = True) -> list[Section]:
    """Report header, facts, classification lines, projects and findings, each with its page.

    ``full_text`` False shortens each fact's source sentence for a table on a terminal;
    csv, tsv, json and markdown always carry the whole sentence."""
    header = [(k, report[k]) for k in ("id", "department", "region", "fiscal_year", "kind",
                                        "scope", "source", "pages")]
    if report.get("consolidation"):
        header.insert(6, ("consolidation", report["consolidation"]))
    header += [("file", s["path"]) for s in report["sources"][1:]]
    return [
        ("report", ["field", "value"], header),
        ("facts", ["metric", "value", "unit", "prior_value", "change_pct", "page", "text"],
         [(f["metric"], f["value"], f["unit"], f["prior_value"], f["change_pct"], _where(f),
           f["text"] if full_text else _short(f["text"])) for f in report["facts"]]),
        ("line items", ["table", "code", "name", "column", "value", "page"],
         [(li["table"], li["code"], li["name"], li["column"], li["value"], _where(li))
          for li in report["line_items"]]),
        ("projects", ["name", "budget", "executed", "completion_pct", "indicators", "page"],
         [(p["name"], p["budget"], p["executed"], p["completion_pct"], len(p["indicators"]),
           _where(p)) for p in report["projects"]]),
        ("findings", ["severity", "rule", "message", "page"],
         [(f["severity"], f["rule"], f["message"], f["page"]) for f in report["findings"]]),
    ]


def _where(item: dict) -> str | int | None:
    """The page, or for .docx/.txt (no pages) the block index."""
    if item.get("page") is not None:
        return item["page"]
    return None if item.get("block") is None else f"block {item['block']}"


def _short(text: str | None, limit: int = 60) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def long_table(sections: list[Section]) -> tuple[list[str], list[tuple]]:
    """All sections as one table: a ``part`` column, then the union of the sections'
    columns (facts' first), empty where a part has no such column. CSV gets this shape so
    a program reads one header, not one per section."""
    ordered = sorted(sections, key=lambda section: section[0] != "facts")
    columns: list[str] = []
    for _, names, _ in ordered:
        columns += [name for name in names if name not in columns]
    rows = []
    for title, names, section_rows in sections:
        for row in section_rows:
            cells = dict(zip(names, row, strict=False))
            rows.append((title, *(cells.get(name) for name in columns)))
    return ["part", *columns], rows
