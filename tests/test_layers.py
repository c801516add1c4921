"""The house's floors (docs/DESIGN.md, "Folders"): each package imports only those below it,
and only db/ and models/ import SQLAlchemy. Read from the code's own import statements."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"cli", "ingest", "compare", "extractors", "db", "models"}
MAY_IMPORT = {
    "cli": {"ingest", "compare", "extractors", "db", "models"},
    "ingest": {"extractors", "db", "models"},
    "compare": {"extractors", "models"},
    "extractors": {"models"},
    "db": {"models"},
    "models": set(),
}
SQL_ALLOWED = {"db", "models"}


def _imports(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name.split(".")[0]) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.append((path, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize("package", sorted(MAY_IMPORT))
def test_a_package_imports_only_the_floors_below(package):
    wrong = sorted({f"{path.relative_to(ROOT)} imports {name}" for path, name in _imports(package)
                    if name in OURS and name != package and name not in MAY_IMPORT[package]})
    assert wrong == []


@pytest.mark.parametrize("package", sorted(OURS - SQL_ALLOWED))
def test_only_db_and_models_import_sqlalchemy(package):
    wrong = sorted({str(path.relative_to(ROOT)) for path, name in _imports(package) if name == "sqlalchemy"})
    assert wrong == []
