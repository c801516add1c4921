"""Running the narrative extractor on made-up paragraphs, as the wording tests do."""

from __future__ import annotations

from extractors.document import Document, Format, Paragraph
from extractors.narrative import extract_facts
from models.records import Evidence, Fact, Identity


def facts_of(*texts: str, kind: str, year: int, page: int = 1) -> list[Fact]:
    """The facts of one paragraph per text, in a report of ``kind`` for ``year``."""
    doc = Document(blocks=[Paragraph(text=t, page=page) for t in texts], format=Format.TXT)
    identity = Identity(fiscal_year=Evidence(year, "title"), kind=Evidence(kind, "title"))
    return extract_facts(doc, identity)


def only_fact(facts: list[Fact], metric: str, subject: str | None = None) -> Fact:
    """The one fact of ``metric`` (and ``subject``); fails showing all facts otherwise."""
    found = [f for f in facts if f.metric == metric and f.subject == subject]
    assert len(found) == 1, (metric, [(f.metric, f.subject, f.value, f.change) for f in facts])
    return found[0]
