"""Votes for the identity fields and the election among them.

Every place a document states its department, year, kind or scope casts a vote with the
kind of place it was (``found_in``). The election trusts the cover title above all; without
one, statements anywhere in the document are weighed (a running header or part heading
counts more than one sentence or table title); the file name decides only what the
document never says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import regex

from extractors.identity.names import clean_name, to_year
from models.records import Evidence, Source

FIELDS = ("department", "region", "fiscal_year", "kind", "scope", "consolidation")
# "mention": the words the report uses of itself anywhere ("纳入部门预算的…"), counted; the
# last resort, below the file name.
RANK = {"manifest": -1, "title": 0, "heading": 1, "text": 2, "table": 3, "filename": 4, "mention": 5}
# A clause about the name, or the report speaking of itself ("我局", "本单位"), is no name.
# (本溪市 is a city: only 本 + a body word is the report speaking of itself.)
_CLAUSE_WORD = regex.compile(
    r"^(?:纳入|根据|按照|经过|其中|包括|现将|我|该|本(?:部门|单位|局|委|院|中心|校|级|办|所|站|队|馆|机关))")
_WEIGHT = {"heading": 3.0, "text": 1.0, "table": 1.0, "filename": 1.0}


@dataclass(frozen=True)
class Vote:
    value: str | int
    found_in: str
    source: Source
    name: str | None = None  # consolidation votes: the department the marker qualified


@dataclass
class Ballot:
    """The votes of one document, by field."""

    votes: dict[str, list[Vote]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, value: str | int | None, found_in: str, source: Source) -> None:
        if value is not None and value != "":
            self.votes[name].append(Vote(value, found_in, source))

    def org(self, printed: str, found_in: str, source: Source, marker: str | None = None) -> None:
        """A department name as printed: cleaned, its consolidation marker voted apart."""
        clean = clean_name(printed, marker)
        if len(clean.name) < 3 or _CLAUSE_WORD.match(clean.name):
            return  # "纳入X部门预算编制范围的…": a clause about the name, not the name
        self.add("department", clean.name, found_in, source)
        if clean.consolidation:
            self.votes["consolidation"].append(Vote(clean.consolidation, found_in, source, clean.name))

    def statement(self, year: str | None, kind: str | None, scope: str | None,
                  found_in: str, source: Source) -> None:
        """Year, kind (决算/预算) and scope (部门/单位) as printed together."""
        if year:
            self.add("fiscal_year", to_year(year), found_in, source)
        if kind:
            self.add("kind", "final" if kind == "决算" else "budget", found_in, source)
        if scope:
            self.add("scope", "unit" if scope == "单位" else "department", found_in, source)

    def elect(self, name: str) -> Evidence | None:
        return elect(self.votes.get(name, []))

    def consolidation_of(self, department: str | None) -> Evidence | None:
        """The marker printed with the elected department's own name, if any."""
        return elect([v for v in self.votes.get("consolidation", []) if v.name == department])


def elect(votes: list[Vote]) -> Evidence | None:
    """The cover title's value if it states one; else the value with the most weight among
    the document's statements; the file name only when the document says nothing; the
    report's mentions of itself only when the file name says nothing either."""
    if not votes:
        return None
    for only in ("manifest", "title"):
        if pool := [v for v in votes if v.found_in == only]:
            break
    else:
        pool = ([v for v in votes if v.found_in not in ("filename", "mention")]
                or [v for v in votes if v.found_in == "filename"] or votes)
    score: dict[str | int, float] = defaultdict(float)
    for vote in pool:
        score[vote.value] += _WEIGHT.get(vote.found_in, 1.0)
    top = max(score.values())
    winners = [v for v in pool if score[v.value] == top]
    chosen = min(winners, key=lambda v: (RANK[v.found_in], v.source.block if v.source.block is not None else -1))
    return Evidence(value=chosen.value, found_in=chosen.found_in, source=chosen.source)
