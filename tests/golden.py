"""The one golden-file helper: reviewed expected JSON beside the fixtures.

A golden is rewritten only while ``JUESUAN_REGEN_GOLDEN=1`` is set, and ``test_golden_guard``
fails while it is, so a regenerated file is never committed unreviewed. JSON is written the
same way everywhere (UTF-8, Chinese as printed, indent 1, Decimals as their digits).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

REGEN = os.environ.get("JUESUAN_REGEN_GOLDEN") == "1"


def dumps(data: Any) -> str:
    """Golden JSON text (``default=str`` keeps a Decimal's digits: "850.10", not 850.1)."""
    return json.dumps(data, ensure_ascii=False, indent=1, default=str) + "\n"


def plain(data: Any) -> Any:
    """``data`` as it reads back from a golden file (Decimals and dates become strings)."""
    return json.loads(dumps(data))


def golden(path: Path, actual: Any, *, regenerate_from_this: bool = True) -> Any:
    """The reviewed expected data at ``path``; while regenerating, first written from ``actual``
    (only by the one rendering named the reference, when several share a golden)."""
    if REGEN and regenerate_from_this:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(actual), encoding="utf-8")
    return json.loads(path.read_text(encoding="utf-8"))


def golden_text(path: Path, actual: str) -> str:
    """``golden`` for a reviewed text file (an export snapshot): written while regenerating."""
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    return path.read_text(encoding="utf-8") if path.exists() else ""


TODO_CHECKED = "TODO: check against the page images"


def reviewed_golden(path: Path, actual: dict[str, Any]) -> dict[str, Any]:
    """``golden`` for a file that also says what a person checked it against (its "checked"
    note, first): regenerating keeps the note (a new file gets a TODO to replace); outside
    regeneration the note must be filled in. Returns the data without the note."""
    note = json.loads(path.read_text(encoding="utf-8")).get("checked") if path.exists() else None
    expected = golden(path, {"checked": note or TODO_CHECKED, **actual})
    assert REGEN or not str(expected["checked"]).startswith("TODO"), f"{path.name}: say what was checked"
    return {key: value for key, value in expected.items() if key != "checked"}
