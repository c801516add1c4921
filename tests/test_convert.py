"""LibreOffice conversion's failure paths, with a stand-in soffice (a shell script named by
JUESUAN_SOFFICE): no converted file, a non-zero exit, a hang past the timeout. Each is a
one-line ReadError naming the format; no process is left behind."""

from __future__ import annotations

import json
import stat

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from cli.main import app
from extractors.errors import ConversionFailed
from extractors.readers import read_document

LEGACY = FIXTURES / "bad" / "legacy.doc"


def _fake_soffice(tmp_path, body: str):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_no_converted_file(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(_fake_soffice(tmp_path, "exit 0")))
    with pytest.raises(ConversionFailed, match="^Word 97-2003 .doc document: LibreOffice could not convert it"):
        read_document(LEGACY)


def test_non_zero_exit_keeps_a_line_of_its_message(tmp_path, monkeypatch):
    script = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setenv("JUESUAN_SOFFICE", str(script))
    with pytest.raises(ConversionFailed) as caught:
        read_document(LEGACY)
    assert caught.value.reason == ("Word 97-2003 .doc document: LibreOffice exited with code 1: "
                                   "Error: source file could not be loaded")


def test_a_hang_is_cut_by_the_timeout(tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    monkeypatch.setenv("JUESUAN_SOFFICE", str(_fake_soffice(tmp_path, f"echo $$ > {pid_file}; sleep 60")))
    monkeypatch.setenv("JUESUAN_SOFFICE_TIMEOUT", "1")
    with pytest.raises(ConversionFailed, match="timed out after 1 s"):
        read_document(LEGACY)
    import os

    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the whole process group was killed


def test_read_command_shows_how_a_file_was_read(tmp_path):
    named = tmp_path / "report.docx"
    named.write_text("2020年度部门决算\n一、收入支出决算总体情况\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["read", str(named)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["format"], data["mismatch"]) == ("txt", "plain text saved as .docx")
