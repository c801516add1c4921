"""Indicator values of every corpus file's performance forms agree with the text they come from.

Over every file present (PDF, HTML, Word; a .doc only where LibreOffice is installed): a
parsed figure is one the cell prints (its digits are in the target or actual text), an
operator is set only with a figure or an operator the cell prints, and every indicator and
project names its page. Holds for any file added later: it checks the parse against its own
source text, not against expected figures.
"""

from __future__ import annotations

import pytest
import regex
from conftest import CORPUS, read_once

from extractors.forms import extract_projects
from extractors.readers.convert import find_soffice
from extractors.textnorm import fold_width

_SUFFIXES = {".pdf", ".html", ".htm", ".docx", ".doc"}
_CACHE: dict[str, object] = {}
_OPERATOR_MARK = regex.compile(r"[=﹦＝≥≧⩾≤≦⩽<>＜＞]|不低|不少|不小|不高|不多|不超|不大|大于|小于|高于|低于|超过|"
                               r"不足|至少|最多|以上|以下|以内|之内|内|左右|上下|约")


def _files() -> list:
    if not CORPUS.is_dir():
        return []
    soffice = find_soffice() is not None
    return sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in _SUFFIXES
                  and (p.suffix.lower() != ".doc" or soffice))


def _digits(value) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@pytest.mark.parametrize("path", _files() or [None], ids=lambda p: p.name if p else "no-corpus")
def test_parsed_indicator_values_are_printed_in_their_cells(path, monkeypatch):
    monkeypatch.setenv("JUESUAN_OCR", "0")
    projects = read_once(_CACHE, path, extract_projects)
    if not projects:
        pytest.skip(f"{path.name} has no performance form")
    for project in projects:
        assert project.source.page is not None or project.source.block is not None
        for i in project.indicators:
            for side in ("target", "actual"):
                text = fold_width(getattr(i, side) or "").replace(",", "").replace(" ", "")
                value, op = getattr(i, f"{side}_value"), getattr(i, f"{side}_op")
                if value is not None:
                    assert _digits(value) in text, (project.name, i.level3, side, text, value)
                if op is not None:
                    printed = text + (fold_width(i.nature or "") if side == "target" else "")
                    assert _OPERATOR_MARK.search(printed), (project.name, i.level3, side, text, op)
