"""Every importable package is listed in pyproject.toml (the layout forbids auto-discovery).

A subpackage missing from ``[tool.setuptools] packages`` works in an editable install and
breaks in the README's ``pip install .``: this guard catches it without building a wheel.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP_LEVEL = ("cli", "ingest", "compare", "extractors", "models", "db")


def test_every_package_directory_is_listed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in TOP_LEVEL
        for init in (ROOT / top).rglob("__init__.py")
        if "migrations" not in init.parts  # shipped as package data, loaded by Alembic
    }
    assert found <= listed, f"add to pyproject packages: {sorted(found - listed)}"
    assert set(TOP_LEVEL) <= listed
