"""The name/code crosswalk across years: which classification lines are the same line.

Classification names change (20805 行政事业单位离退休 → 行政事业单位养老支出; 医疗卫生与计划
生育支出 → 卫生健康支出) and codes move (住房公积金 30311 → 30113, while 30311 later means
something else). A year-to-year diff that matched by code alone would report a renamed line as
unchanged and a moved one as removed + added. ``extractors/data/renames.csv`` lists the known
changes, each with the years either form was seen and where; ``Crosswalk`` answers "what is
this (code, name) called in the other year".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from extractors.codes import normalize_name


@dataclass(frozen=True)
class Rename:
    """One documented change of a classification line's code and/or name."""

    classification: str
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    source: str

    def describe(self) -> str:
        """"20805 行政事业单位离退休 → 20805 行政事业单位养老支出"."""
        return f"{self.old_code} {self.old_name} → {self.new_code} {self.new_name}"


def name_key(name: str) -> str:
    """Names compared loosely: canonical brackets, no spaces, no trailing 支出."""
    key = normalize_name(name)
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


class Crosswalk:
    """Documented renames, looked up forwards (older → newer) or backwards."""

    def __init__(self, renames: list[Rename]) -> None:
        self.renames = renames

    @classmethod
    def load(cls) -> Crosswalk:
        """The crosswalk shipped in ``extractors/data/renames.csv``."""
        text = resources.files("extractors").joinpath("data/renames.csv").read_text(encoding="utf-8")
        rows = csv.DictReader(text.splitlines())
        return cls([Rename(r["classification"], r["old_code"], r["old_name"], r["new_code"],
                           r["new_name"], r["source"]) for r in rows])

    def successor(self, code: str | None, name: str, forward: bool = True) -> Rename | None:
        """The rename that applies to the line (code, name) of the earlier (or, with
        ``forward=False``, the later) year, if one is documented."""
        key = name_key(name)
        for rename in self.renames:
            code_from, name_from = ((rename.old_code, rename.old_name) if forward
                                    else (rename.new_code, rename.new_name))
            if code == code_from and key == name_key(name_from):
                return rename
        return None

    def target(self, rename: Rename, forward: bool = True) -> tuple[str, str]:
        """(code, name) the line has in the other year."""
        return (rename.new_code, rename.new_name) if forward else (rename.old_code, rename.old_name)

