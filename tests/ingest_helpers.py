"""Shared helpers for ingest tests: stable copies of fixture files, counts, exports."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select

from db.engine import open_database, session_factory
from db.export import dumps, export_json
from models.orm import FactRow, IndicatorRow, LineItemRow, ProjectRow, Report, SourceFile

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def copy_files(target: Path, *relative: str) -> Path:
    """Copy fixture files into ``target`` (fixtures are regenerated while others work)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in relative:
        source = FIXTURES / name
        shutil.copy(source, target / source.name)
    return target


def counts(db: str) -> dict[str, int]:
    engine = open_database(db)
    with session_factory(engine)() as session:
        result = {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                  for model in (Report, SourceFile, FactRow, LineItemRow, ProjectRow, IndicatorRow)}
    engine.dispose()
    return result


def exported(db: str) -> dict:
    """The JSON export, parsed with exact decimals."""
    engine = open_database(db)
    with session_factory(engine)() as session:
        text = dumps(export_json(session))
    engine.dispose()
    return json.loads(text, parse_float=Decimal)
