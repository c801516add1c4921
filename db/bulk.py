"""Bulk loading of many reports' rows at once, for benchmarks and large synthetic databases.

``db.store`` stores one report per transaction with its edition policy (join, replace,
supersede); a benchmark that needs 100,000 reports in a database cannot wait for that. Here
the rows of a report are made exactly as ``db.store`` makes them (``record_rows``) and the
caller gives every row its ids; ``load_rows`` writes them with ``COPY … FROM STDIN`` on
PostgreSQL and one ``executemany`` per table on SQLite (where the full-text triggers fill
``text_search`` as for any insert).

``without_indexes`` drops a PostgreSQL table's secondary indexes and foreign keys for the
time of a load and makes them again from their own definitions (``pg_indexes.indexdef``,
``pg_get_constraintdef``): the same ones the migrations made, built and checked once instead
of row by row. ``finish_load`` moves the id
sequences past the ids used and refreshes the planner's statistics.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, insert, text

from models.orm import Base
from models.records import ReportRecord

CONTENT_TABLES = ("identity_evidence", "facts", "line_items", "projects", "indicators", "findings")


def table_columns(table: str) -> list[str]:
    """The table's columns in their declared order (what ``load_rows`` rows are given in)."""
    return [column.name for column in Base.metadata.tables[table].columns]


def record_rows(record: ReportRecord) -> dict[str, list[dict]]:
    """The rows ``db.store`` inserts for ``record``, per table, with report, file and
    project ids left as 0 (indicators carry their project's index in ``project_id``)."""
    from db.store import _content_row, _finding_rows, _identity_rows, _indicator_row

    projects = [_content_row(0, 0, i, p) for i, p in enumerate(record.projects)]
    indicators = [_indicator_row(0, index, i, indicator) for index, project in enumerate(record.projects)
                  for i, indicator in enumerate(project.indicators)]
    return {
        "identity_evidence": _identity_rows(0, 0, record.identity),
        "facts": [_content_row(0, 0, i, f) for i, f in enumerate(record.facts)],
        "line_items": [_content_row(0, 0, i, li) for i, li in enumerate(record.line_items)],
        "projects": projects,
        "indicators": indicators,
        "findings": _finding_rows(0, record.findings),
    }


def load_rows(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (tuples in ``columns`` order, Python values: ``Decimal``, ``datetime``,
    JSON as ``list``/``dict``) into ``table``; returns how many were written."""
    if connection.dialect.name == "postgresql":
        return _copy(connection, table, columns, rows)
    model = Base.metadata.tables[table]
    count, batch = 0, []
    for row in rows:
        batch.append(dict(zip(columns, row, strict=True)))
        if len(batch) >= 5000:
            connection.execute(insert(model), batch)
            count, batch = count + len(batch), []
    if batch:
        connection.execute(insert(model), batch)
        count += len(batch)
    return count


def _copy(connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    import json

    model = Base.metadata.tables[table]
    json_at = [i for i, name in enumerate(columns) if model.c[name].type.__class__.__name__ == "JSON"]
    cursor = connection.connection.dbapi_connection.cursor()
    count = 0
    names = ", ".join(columns)
    dumped: dict[int, tuple[object, str]] = {}  # id → (object, its JSON): rows often share one list

    def as_json(value: object) -> str | None:
        if value is None:
            return None
        known = dumped.get(id(value))
        if known is None or known[0] is not value:
            known = dumped[id(value)] = (value, json.dumps(value, ensure_ascii=False))
        return known[1]

    with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            if json_at:
                row = list(row)
                for i in json_at:
                    row[i] = as_json(row[i])
            copy.write_row(row)
            count += 1
    cursor.close()
    return count


@contextmanager
def without_indexes(connection: Connection, tables: Iterable[str]) -> Iterator[list[str]]:
    """PostgreSQL: drop the tables' foreign keys and the indexes that back no constraint,
    yield the indexes' names, then make all again from their saved definitions (one check of
    each foreign key over the loaded rows instead of one per row). Elsewhere: nothing."""
    if connection.dialect.name != "postgresql":
        yield []
        return
    foreign = connection.execute(text(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
        "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace "
        "AND c.conrelid::regclass::text = ANY(:tables)"), {"tables": list(tables)}).all()
    for table, name, _ in foreign:
        connection.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"'))
    saved = connection.execute(text(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i "
        "WHERE i.schemaname = current_schema() AND i.tablename = ANY(:tables) "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname "
        "AND c.connamespace = current_schema()::regnamespace)"), {"tables": list(tables)}).all()
    for name, _ in saved:
        connection.execute(text(f'DROP INDEX "{name}"'))
    yield [name for name, _ in saved]
    connection.execute(text("SET LOCAL maintenance_work_mem = '1GB'"))  # index builds sort in memory
    for _, definition in saved:
        connection.execute(text(definition))
    for table, name, definition in foreign:
        connection.execute(text(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'))


def finish_load(connection: Connection, tables: Iterable[str]) -> None:
    """Sequences past the largest id used (PostgreSQL), and fresh planner statistics."""
    for table in tables:
        if connection.dialect.name == "postgresql":
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
    connection.execute(text("ANALYZE"))


def table_sizes(connection: Connection, tables: Iterable[str]) -> dict[str, int]:
    """Row counts of the tables."""
    return {table: connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar_one() for table in tables}


__all__ = ["CONTENT_TABLES", "finish_load", "load_rows", "record_rows", "table_columns", "table_sizes",
           "without_indexes"]
