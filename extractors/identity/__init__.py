"""Report identity: who published the report, for which year, of which kind and scope.

Read from the content first, from wherever the document states it (``statements``), and
elected by weight of evidence (``ballot``): the cover title, then headings and running
headers, label lines, the 说明's opening clauses and table titles; the file name only for
what the document never says. Each value keeps the place it was read (``Evidence``).

Nothing is invented: the region is the administrative prefix of the department's own name
as printed ("盐边县人民政府办公室" → "盐边县", "国家信访局" → 中央) or a region the title prints
("上海市普陀区2024年区级部门预算"). "（本级）"/"（汇总）" after a name are not part of it: they
go to ``consolidation``.
"""

from __future__ import annotations

from pathlib import Path

from extractors.document import Document
from extractors.identity.ballot import Ballot
from extractors.identity.names import CENTRAL, clean_name, is_central, region_of
from extractors.identity.statements import (
    from_filename,
    from_headings,
    from_mentions,
    from_tables,
    from_text,
    from_title,
    region_printed_before,
    title_paragraphs,
)
from models.records import Evidence, Identity


def extract_identity(doc: Document, filename: str | None = None) -> Identity:
    """The report's department, region, fiscal year, kind, scope and consolidation."""
    title_paras = title_paragraphs(doc)
    ballot = Ballot()
    title_paras = from_title(title_paras, ballot)
    from_headings(doc, {p.block for p in title_paras}, ballot)
    from_text(doc, ballot)
    from_tables(doc, ballot)
    name = filename or (Path(doc.path).name if doc.path else None)
    if name:
        from_filename(name, ballot)
    if not ballot.votes.get("scope"):
        from_mentions(doc, ballot)
    department = ballot.elect("department")
    return Identity(
        department=department,
        region=_region(ballot.elect("region"), department, doc),
        fiscal_year=ballot.elect("fiscal_year"),
        kind=ballot.elect("kind"),
        scope=ballot.elect("scope"),
        consolidation=ballot.consolidation_of(department.value if department else None),
        title=" ".join(p.text for p in title_paras) or None,
    )


def _region(stated: Evidence | None, department: Evidence | None, doc: Document) -> Evidence | None:
    """The region the department's name prints, unless the title prints a wider one the
    name lacks; a more specific name ("上海市普陀区…" under "上海市…") keeps its own. A name
    printed without its region, or without the levels above it ("李宅乡人民政府", "曾都区…"),
    takes the region the document prints in front of it elsewhere ("德兴市李宅乡人民政府",
    "随州市曾都区…"), if it does."""
    name = department.value if department and isinstance(department.value, str) else None
    own = region_of(name)
    fuller = region_printed_before(doc, name) if name and own != CENTRAL else None
    if fuller and (own is None or (fuller[0].endswith(own) and len(fuller[0]) > len(own))) and (
            stated is None or fuller[0].startswith(str(stated.value))):
        return Evidence(value=fuller[0], found_in="text", source=fuller[1])
    if own and (stated is None or str(own).startswith(str(stated.value)) or own == CENTRAL):
        return Evidence(value=own, found_in=department.found_in, source=department.source)
    return stated


__all__ = ["CENTRAL", "clean_name", "extract_identity", "is_central", "region_of"]
