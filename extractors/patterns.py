"""Ordered (name, pattern) tables: the first pattern found in a text names it.

Header words → column role (forms, standard tables), title words → table key: each such
table is ordered most specific first ("实际完成指标值" before "指标值", "一般公共预算…基本支出"
before "一般公共预算…支出"), and the first pattern that matches wins. One builder and one
lookup keep the four tables alike.
"""

from __future__ import annotations

import regex

NamedPatterns = list[tuple[str, regex.Pattern]]


def named_patterns(*entries: tuple[str, str]) -> NamedPatterns:
    """Compile ``(name, pattern)`` pairs, keeping their order (the order is the priority)."""
    return [(name, regex.compile(pattern)) for name, pattern in entries]


def first_match(table: NamedPatterns, text: str) -> str | None:
    """The name of the first pattern found in ``text``, or None."""
    return next((name for name, pattern in table if pattern.search(text)), None)
