"""Matching the names of projects across the text and the performance forms.

The text quotes a project as “县政府办公室工作经费” or 《当代县域经济》协办费、理事会费 项目; the
form's 项目名称 cell has it bare, sometimes with a stray space or a different bracket width.
Two names are the same project when they agree once quotes, brackets, spaces and a trailing
"项目" are removed — never by similarity, which would pair different projects.
"""

from __future__ import annotations

import regex

from extractors.textnorm import fold_width

_NOISE = regex.compile(r"[\s“”\"'‘’「」『』]+")


def subject_key(name: str) -> str:
    """The comparison key of a project name."""
    key = _NOISE.sub("", fold_width(name))
    key = key.replace("(", "（").replace(")", "）")
    return key[:-2] if key.endswith("项目") and len(key) > 2 else key


def same_subject(a: str | None, b: str | None) -> bool:
    """True when both names denote the same project."""
    return a is not None and b is not None and subject_key(a) == subject_key(b)
