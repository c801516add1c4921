"""Optional writers and drivers missing: a one-line message and exit 2, never a traceback.

The README's first command installs juesuan without extras, so a researcher's first
``export --format xlsx`` or PostgreSQL URL must say what to install.
"""

from __future__ import annotations

import builtins
import importlib.util

from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


def test_xlsx_export_without_openpyxl_says_what_to_install(tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "openpyxl" else real(name, *a))
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "x.db"), "--format", "xlsx",
                                 "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert "pip install 'juesuan[export]'" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "x.db").exists()  # refused before the database is touched


def test_postgres_url_without_driver_says_what_to_install(monkeypatch):
    real_import = builtins.__import__

    def no_psycopg(name, *args, **kwargs):
        if name == "psycopg" or name.startswith("psycopg."):
            raise ModuleNotFoundError(f"No module named {name!r}", name="psycopg")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    result = runner.invoke(app, ["reports", "--db", "postgresql+psycopg://postgres@127.0.0.1:1/x"])
    assert result.exit_code == 1
    assert "pip install 'juesuan[postgres]'" in result.output
