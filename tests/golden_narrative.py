"""Golden-file helpers for the narrative tests: records ⇄ reviewed JSON.

Decimals are written as strings so a reviewer sees the figure exactly as extracted
("850.10", not 850.1). Reading and regenerating go through ``golden.golden``.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from golden import golden

from models.records import Fact, Identity, LineItem

EXPECTED = Path(__file__).parent / "fixtures" / "expected" / "narrative"

_FACT_FIELDS = (
    "metric", "subject", "value", "unit", "printed_value", "printed_unit", "prior_value", "prior_year",
    "change", "change_pct", "share_pct", "budget_value", "completion_pct", "budget_basis", "budget_gap", "year",
)
_LINE_FIELDS = ("code", "code_origin", "level", "name", "column", "value", "unit", "printed_value", "printed_unit")


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _where(source, with_page: bool) -> dict[str, Any]:
    where = {"block": source.block}
    if with_page:
        where["page"] = source.page
    where["text"] = source.text
    return where


def serialise(identity: Identity, facts: list[Fact], lines: list[LineItem], with_page: bool) -> dict[str, Any]:
    """The JSON form of what the narrative extractors returned for one document."""
    ident = {}
    for name in ("department", "region", "fiscal_year", "kind", "scope"):
        ev = getattr(identity, name)
        ident[name] = None if ev is None else {"value": ev.value, "found_in": ev.found_in, **_where(ev.source, with_page)}
    return {
        "identity": ident,
        "facts": [{**{k: _plain(getattr(f, k)) for k in _FACT_FIELDS}, **_where(f.source, with_page)} for f in facts],
        "lines": [{**{k: _plain(getattr(li, k)) for k in _LINE_FIELDS}, **_where(li.source, with_page)} for li in lines],
    }


def load_or_write(name: str, actual: dict[str, Any]) -> dict[str, Any]:
    """The reviewed golden for ``name`` (written from ``actual`` when regenerating)."""
    return golden(EXPECTED / f"{name}.json", actual)
