"""Which kinds of report a year-to-year comparison pairs (plain data, no database).

By default 决算 is compared with 决算, else 预算 with 预算; ``budget:final`` compares a
year's budget with another year's final account. Kinds may be given in English or Chinese.
"""

from __future__ import annotations

KIND_NAMES = {"final": "final", "budget": "budget", "决算": "final", "预算": "budget"}
DEFAULT_PAIRS: list[tuple[str, str]] = [("final", "final"), ("budget", "budget")]

KindPairs = list[tuple[str, str]]


def kind_pairs(text: str | None) -> KindPairs:
    """The (kind A, kind B) pairs to try, in order; ``ValueError`` says what is accepted."""
    if not text:
        return list(DEFAULT_PAIRS)
    parts = text.split(":")
    try:
        kinds = [KIND_NAMES[p.strip()] for p in parts]
    except KeyError:
        raise ValueError(f"--kind takes final, budget or A:B such as budget:final (got {text!r})") from None
    if len(kinds) == 1:
        return [(kinds[0], kinds[0])]
    if len(kinds) == 2:
        return [(kinds[0], kinds[1])]
    raise ValueError(f"--kind takes at most two kinds (got {text!r})")
