"""Codes of rows printed by name alone, from the report's own tables.

A table that prints 科目 names without codes (Hangzhou's 原点财通, a 总表's 支出 side) still
sits in a report whose other tables often print the same 科目 with their codes. A row
printed without code gets the code that another table of the same report prints for the
same name under the same parent (a 类 by its name; a 款 by its name under its 类's code; a
项 under its 款's code), ``code_origin`` "report". The report's own code comes first: it
also replaces a code the table reader took from the shipped code table by the name
("resolved"), since the document is the authority on its own codes and the code table
only a fallback. Only an unambiguous pair counts: a name printed with two different codes
under one parent teaches nothing. A row the report does not print under a known parent
keeps the code table's code (or is looked up there by that parent's code and its name for
the report's year, "resolved"); else its code stays None.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.codes import normalize_name
from models.records import LineItem

_WIDTH = {"类": 3, "款": 5, "项": 7}
_PARENT = {"款": "类", "项": "款"}


def printed_pairs(items: list[LineItem]) -> dict[tuple[str, str | None, str], str]:
    """{(classification, parent code, name): code} of every printed code, unambiguous only."""
    seen: dict[tuple[str, str | None, str], set[str]] = {}
    for item in items:
        if item.code_origin != "printed" or not item.code or not item.name:
            continue
        if item.classification not in ("function", "economic") or len(item.code) not in (3, 5, 7):
            continue
        parent = item.code[:-2] if len(item.code) > 3 else None
        key = (item.classification, parent, normalize_name(item.name))
        seen.setdefault(key, set()).add(item.code)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def codes_from_report(items: list[LineItem], year: int | None = None) -> list[LineItem]:
    """``items`` with codes filled for name-only 类/款/项 rows: from the report's own printed
    codes, else from the code table under the parent's code."""
    pairs = printed_pairs(items)
    if not any(_unprinted(i) and i.level in _WIDTH for i in items):
        return items
    out = list(items)
    # Per table, the code of the last row at each level (the parent of the next rows).
    open_codes: dict[str, dict[str, str | None]] = {}
    row_codes: dict[tuple, tuple[str | None, str | None]] = {}
    for k, item in enumerate(items):
        if item.level not in _WIDTH or item.classification not in ("function", "economic"):
            continue
        grid = item.table  # continuation grids carry their parents over the page break
        parents = open_codes.setdefault(grid, {})
        row = (item.table, item.source.block, item.source.row, item.name)
        if row not in row_codes:
            code, origin = item.code, item.code_origin
            if _unprinted(item):
                parent = parents.get(_PARENT[item.level]) if item.level in _PARENT else None
                if item.level == "类" or parent:
                    found = pairs.get((item.classification, parent, normalize_name(item.name)))
                    if found and len(found) == _WIDTH[item.level]:
                        code, origin = found, "report"
                if origin != "report" and parent and (code is None or code[:-2] != parent):
                    # Not printed by the report: the code table's child of the row's parent
                    # as the report codes it (a code resolved under another parent is dropped).
                    code = _code_table_child(parent, item.name, year, item.classification)
                    origin = "resolved" if code else None
            row_codes[row] = (code, origin)
            parents[item.level] = code
            for deeper in ("款", "项")[("类", "款", "项").index(item.level):]:
                if deeper != item.level:
                    parents.pop(deeper, None)
        code, origin = row_codes[row]
        if _unprinted(item) and (code, origin) != (item.code, item.code_origin):
            out[k] = replace(item, code=code, code_origin=origin if code else None)
    return out


def _unprinted(item: LineItem) -> bool:
    """A row whose code the table did not print: none, or the code table's by name."""
    return item.code is None or item.code_origin == "resolved"


def _code_table_child(parent: str, name: str, year: int | None, classification: str) -> str | None:
    try:
        from extractors.codes import default_table
    except ImportError:  # the code table ships separately; without it the code stays None
        return None
    return default_table().resolve_under(parent, name, year, classification)  # type: ignore[arg-type]
