"""``juesuan ingest --manifest FILE.csv``: the user's word on a file's identity.

Columns ``path, department, fiscal_year, kind, scope`` (``consolidation`` too, optional);
any value may be blank (the document's own reading stands). A value given here overrides
what the document states and completes what it does not; it is stored with found_in
``manifest``. Paths are taken as written: absolute, or relative to the manifest's folder
(else to the current directory); a bare file name that is neither matches the file of that
name anywhere in the run. ``kind`` accepts final/budget or 决算/预算, ``scope``
department/unit or 部门/单位.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = ("path", "department", "fiscal_year", "kind", "scope", "consolidation")
_KINDS = {"final": "final", "决算": "final", "budget": "budget", "预算": "budget"}
_SCOPES = {"department": "department", "部门": "department", "unit": "unit", "单位": "unit"}
_CONSOLIDATIONS = {"本级": "本级", "汇总": "汇总"}


class ManifestError(ValueError):
    """A manifest that cannot be used: the message names the file, line and column."""


@dataclass
class Manifest:
    """Given identity values by resolved file path."""

    source: str = ""
    entries: dict[str, dict[str, object]] = field(default_factory=dict)
    by_name: dict[str, dict[str, object]] = field(default_factory=dict)  # bare names, found nowhere
    written: dict[str, str] = field(default_factory=dict)  # key → the path as the manifest wrote it

    def given(self, path: Path) -> dict[str, object] | None:
        found = self.entries.get(_key(path))
        return found if found is not None else self.by_name.get(path.name)

    def unmatched(self, paths: list[Path]) -> list[str]:
        """The manifest's paths that name none of ``paths`` (as written, for a message)."""
        keys = {_key(p) for p in paths}
        names = {p.name for p in paths}
        return [self.written[k] for k in self.entries if k not in keys] + \
            [name for name in self.by_name if name not in names]

    def __len__(self) -> int:
        return len(self.entries)


def load_manifest(path: Path) -> Manifest:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ManifestError(f"cannot read manifest {path}: {getattr(err, 'strerror', None) or err}") from None
    reader = csv.DictReader(text.splitlines())
    header = [(name or "").strip() for name in reader.fieldnames or []]
    if "path" not in header:
        raise ManifestError(f"{path}: the first line must name the columns, among them 'path' "
                            f"(columns: {', '.join(COLUMNS)})")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise ManifestError(f"{path}: unknown column(s) {', '.join(unknown)} (columns: {', '.join(COLUMNS)})")
    manifest = Manifest(source=str(path))
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        if not row.get("path"):
            continue
        values = _values(row, path, line)
        resolved = _resolve(row["path"], path.parent)
        if not resolved.exists() and Path(row["path"]).name == row["path"]:
            manifest.by_name[row["path"]] = values
            continue
        manifest.entries[_key(resolved)] = values
        manifest.written[_key(resolved)] = row["path"]
    return manifest


def _values(row: dict[str, str], path: Path, line: int) -> dict[str, object]:
    values: dict[str, object] = {}
    if row.get("department"):
        values["department"] = row["department"]
    if year := row.get("fiscal_year"):
        if not (year.isdigit() and 1990 <= int(year) <= 2100):
            raise ManifestError(f"{path} line {line}: fiscal_year {year!r} is not a year")
        values["fiscal_year"] = int(year)
    for name, allowed in (("kind", _KINDS), ("scope", _SCOPES), ("consolidation", _CONSOLIDATIONS)):
        if value := row.get(name):
            if value.lower() not in allowed and value not in allowed:
                raise ManifestError(f"{path} line {line}: {name} {value!r} is not one of "
                                    f"{', '.join(sorted(set(allowed)))}")
            values[name] = allowed.get(value.lower(), allowed.get(value))
    return values


def _resolve(written: str, folder: Path) -> Path:
    candidate = Path(written).expanduser()
    if candidate.is_absolute():
        return candidate
    beside = folder / candidate
    return beside if beside.exists() or not candidate.exists() else candidate


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path.absolute())
