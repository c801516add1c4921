"""The plans of the statements a read function runs, for benchmarks at size.

``captured(engine)`` records every statement the engine executes while it is open (the SQL
text and its parameters, as the driver gets them); ``explain`` runs one of them again under
``EXPLAIN`` — with ``ANALYZE, BUFFERS`` on PostgreSQL, ``EXPLAIN QUERY PLAN`` on SQLite —
and ``seq_scans`` names the tables a plan reads in full. Only ``SELECT`` (and ``WITH``)
statements are explained: ``ANALYZE`` would execute a write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, event


@dataclass
class Statement:
    sql: str
    parameters: object
    many: bool


@dataclass
class Capture:
    statements: list[Statement] = field(default_factory=list)

    def reads(self) -> list[Statement]:
        return [s for s in self.statements if not s.many and _is_read(s.sql)]


def _is_read(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("SELECT", "WITH")


@contextmanager
def captured(engine: Engine) -> Iterator[Capture]:
    capture = Capture()

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # SQLAlchemy's hook
        capture.statements.append(Statement(statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield capture
    finally:
        event.remove(engine, "before_cursor_execute", record)


def explain(engine: Engine, statement: Statement) -> str:
    """The plan of a captured read statement (PostgreSQL: executed, with timings and buffers)."""
    prefix = "EXPLAIN (ANALYZE, BUFFERS) " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(prefix + statement.sql, statement.parameters or ())
        rows = cursor.fetchall()
        cursor.close()
        raw.rollback()
    finally:
        raw.close()
    if engine.dialect.name == "postgresql":
        return "\n".join(row[0] for row in rows)
    return "\n".join(str(row[-1]) for row in rows)


_SEQ = re.compile(r"Seq Scan on (\w+)|SCAN (\w+)(?! USING (?:COVERING )?INDEX)")


def seq_scans(plan: str, tables: set[str]) -> list[str]:
    """The ``tables`` a plan reads in full (PostgreSQL ``Seq Scan``, SQLite ``SCAN`` without
    an index), in plan order, each once."""
    found: list[str] = []
    for match in _SEQ.finditer(plan):
        name = match.group(1) or match.group(2)
        if name in tables and name not in found:
            found.append(name)
    return found


def execution_ms(plan: str) -> float | None:
    """PostgreSQL's ``Execution Time`` of an analysed plan, in ms."""
    match = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(match.group(1)) if match else None


__all__ = ["Capture", "Statement", "captured", "execution_ms", "explain", "seq_scans"]
