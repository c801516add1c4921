"""Is the report's identity stated by the document itself?

A field the content never states is either guessed from the file name (crawler names are
often wrong: the research database must say which values rest on them) or unknown. Either
way the report is flagged, so the user can confirm or supply it with ``ingest --manifest``.
A field given by the manifest is the user's word and is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from models.records import Finding, ReportRecord

IDENTITY_FIELDS = ("department", "fiscal_year", "kind", "scope")
RULE = "identity_incomplete"


def check_identity(record: ReportRecord) -> Iterator[Finding]:
    for name in IDENTITY_FIELDS:
        evidence = getattr(record.identity, name)
        if evidence is None:
            yield Finding(RULE, "warning", f"identity incomplete: {name} not stated (give it with --manifest)",
                          subject=name)
        elif evidence.found_in == "mention":
            yield Finding(RULE, "warning", f"identity incomplete: {name} from the report's mentions of itself",
                          values=(("text", evidence.source.text[:80]), (name, str(evidence.value))),
                          subject=name)
        elif evidence.found_in == "filename":
            yield Finding(RULE, "warning", f"identity incomplete: {name} from file name",
                          values=(("file name", evidence.source.text), (name, str(evidence.value))),
                          subject=name)
