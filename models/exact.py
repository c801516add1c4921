"""Exact decimals as text and as JSON numbers, for every layer that writes them out.

A ``Decimal`` keeps the digits the report printed ("78.00" stays 78.00). ``json.dumps``
knows no Decimal and ``float`` would lose digits, so ``dumps`` writes each Decimal as a
JSON number with exactly its own digits. Plain Python: ``compare/`` renders with it
without depending on the database layer.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_MARK = "\x00dec\x00"
_MARKED = re.compile(r'"\\u0000dec\\u0000(-?[0-9.]+)"')


def decimal_text(value: Decimal) -> str:
    """The decimal's digits without exponent notation (``1E+2`` → ``100``)."""
    text = str(value)
    return format(value, "f") if "E" in text or "e" in text else text


def dumps(data: Any, indent: int | None = 1) -> str:
    """``json.dumps`` that writes Decimals as exact JSON numbers."""
    encoded = json.dumps(_mark_decimals(data), ensure_ascii=False, indent=indent)
    return _MARKED.sub(r"\1", encoded)


def _mark_decimals(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        if not obj.is_finite():
            return None
        return _MARK + decimal_text(obj)
    if isinstance(obj, dict):
        return {k: _mark_decimals(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_mark_decimals(x) for x in obj]
    return obj
