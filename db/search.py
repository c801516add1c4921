"""Full-text search over every stored sentence and table cell (the ``text`` each fact, line
item, project and indicator was read from).

SQLite: an FTS5 table with the trigram tokenizer (``text_search``; Chinese has no spaces, so
word tokenizers do not work, and trigrams match any substring of three or more characters).
Triggers keep it in step with the tables, so ingest code does not know it exists (schema
0005). A query shorter than three characters cannot use trigrams and scans the tables with
``instr``. PostgreSQL: ``ILIKE`` over the same columns (add a pg_trgm GIN index for speed on
large databases: schema 0009 makes GIN trigram indexes on the searched columns where the
pg_trgm extension is or can be installed; without it the search scans).

Results are one per distinct (report, page, text), in report and page order.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

from db.queries import report_filters

FTS_TABLE = "text_search"
# Row sources: FTS rowid = id * 8 + code, so a deleted row's entry is found by rowid.
SOURCES = {"facts": 0, "line_items": 1, "projects": 2, "indicators": 3}
SOURCE_NAMES = {0: "fact", 1: "line_item", 2: "project", 3: "indicator"}
RESULT_COLUMNS = ["department", "fiscal_year", "kind", "scope", "page", "text", "found_in",
                  "report_id", "file"]


def sqlite_ddl() -> list[str]:
    """The FTS table, its triggers and its first filling (for a migration)."""
    statements = [f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
                  "text, report_id UNINDEXED, page UNINDEXED, source_id UNINDEXED, "
                  "tokenize = 'trigram')"]
    for table, code in SOURCES.items():
        # indicators carry no source_id; their project's file is looked up at search time
        source = "new.source_id" if table != "indicators" else "NULL"
        values = f"new.id * 8 + {code}, new.text, new.report_id, new.page, {source}"
        statements += [
            f"CREATE TRIGGER {FTS_TABLE}_{table}_ins AFTER INSERT ON {table} WHEN new.text <> '' BEGIN "
            f"INSERT INTO {FTS_TABLE} (rowid, text, report_id, page, source_id) VALUES ({values}); END",
            f"CREATE TRIGGER {FTS_TABLE}_{table}_del AFTER DELETE ON {table} BEGIN "
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 8 + {code}; END",
            f"CREATE TRIGGER {FTS_TABLE}_{table}_upd AFTER UPDATE ON {table} BEGIN "
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 8 + {code}; "
            f"INSERT INTO {FTS_TABLE} (rowid, text, report_id, page, source_id) "
            f"SELECT {values} WHERE new.text <> ''; END",
            f"INSERT INTO {FTS_TABLE} (rowid, text, report_id, page, source_id) "
            f"SELECT {values.replace('new.', '')} FROM {table} WHERE text <> ''",
        ]
    return statements


def sqlite_drop() -> list[str]:
    drops = [f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{t}_{w}" for t in SOURCES for w in ("ins", "del", "upd")]
    return drops + [f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def is_search_object(name: str | None) -> bool:
    """The FTS table and its shadow tables (not in models/orm.py: Alembic must not drop them)."""
    return bool(name) and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_"))


def _filters(department: str | None, year: int | None, params: dict) -> str:
    return "".join(f" AND {c}" for c in report_filters(department, year, params, "r."))


def _like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _scan_sql(dialect: str, among: str) -> str:
    """Every source table's texts that contain :q: ILIKE on PostgreSQL (a trigram index
    answers it where pg_trgm is, schema 0009), ``instr`` on SQLite. ``among`` (SQL over
    ``x.report_id``) asks each table only for some reports' rows, so the planner may start
    from them."""
    match = "x.text ILIKE :pattern ESCAPE '\\'" if dialect == "postgresql" else "instr(x.text, :q) > 0"
    parts = []
    for table, code in SOURCES.items():
        source = "x.source_id" if table != "indicators" else "NULL"
        parts.append(f"SELECT x.report_id, x.page, x.text, {code} AS code, {source} AS source_id "
                     f"FROM {table} x WHERE {match}{among}")
    return " UNION ALL ".join(parts)


def _grouped_sql(hits: str, extra: str, dialect: str) -> str:
    """Distinct (report, page, text) of ``hits``, ordered and cut in SQL (a common phrase is
    found millions of times in a large database), by code point as Python orders strings:
    PostgreSQL's "C" collation, SQLite's BINARY."""
    binary = ' COLLATE "C"' if dialect == "postgresql" else ""
    return (f"SELECT r.department, r.fiscal_year, r.kind, r.scope, h.page, h.text, MIN(h.code) AS code, "
            f"r.id AS report_id, MIN(s.path) AS file FROM ({hits}) h JOIN reports r ON r.id = h.report_id "
            f"LEFT JOIN sources s ON s.id = h.source_id WHERE 1 = 1{extra} "
            f"GROUP BY r.id, r.department, r.fiscal_year, r.kind, r.scope, h.page, h.text "
            f"ORDER BY COALESCE(r.department, ''){binary}, COALESCE(r.fiscal_year, 0), r.id, "
            f"COALESCE(h.page, -1), h.text{binary} LIMIT :limit")


# Reports asked first, in result order, when PostgreSQL searches without a department (below).
FIRST_WINDOW = 1000


def _first_reports(connection, window: int) -> list[int]:
    return list(connection.execute(text(
        'SELECT r.id FROM reports r ORDER BY COALESCE(r.department, \'\') COLLATE "C", '
        "COALESCE(r.fiscal_year, 0), r.id LIMIT :n"), {"n": window + 1}).scalars())


def _search_rows(engine: Engine, query: str, extra: str, params: dict, window: int) -> list:
    """The grouped hits, in result order.

    A phrase printed in most reports of a large PostgreSQL database matches millions of rows,
    all grouped and sorted before the first ``limit`` are known (39 s at 100,000 reports).
    The results are ordered by report first, so the first ``window`` reports in that order
    are asked alone (each table by its report_id index): when they already give ``limit``
    results, or they are all the reports, those are the answer; only a rarer phrase goes on
    to the whole database, where its trigram index (or scan) finds its few rows. A window of
    0 goes to the whole database at once."""
    dialect = engine.dialect.name
    with engine.connect() as connection:
        if dialect == "postgresql" and not extra and window > 0:
            ids = _first_reports(connection, window)
            complete = len(ids) <= window
            among = " AND x.report_id = ANY(:first_ids)"
            rows = connection.execute(text(_grouped_sql(_scan_sql(dialect, among), "", dialect)),
                                      {**params, "first_ids": ids[:window]}).mappings().all()
            if complete or len(rows) >= params["limit"]:
                return list(rows)
        if dialect == "sqlite" and len(query) >= 3 and FTS_TABLE in inspect(engine).get_table_names():
            params["phrase"] = '"' + query.replace('"', '""') + '"'
            hits = (f"SELECT report_id, page, text, rowid % 8 AS code, source_id FROM {FTS_TABLE} "
                    f"WHERE {FTS_TABLE} MATCH :phrase")
        else:
            among = f" AND x.report_id IN (SELECT r.id FROM reports r WHERE 1 = 1{extra})" if extra else ""
            hits = _scan_sql(dialect, among)
        return list(connection.execute(text(_grouped_sql(hits, extra, dialect)), params).mappings().all())


def search(engine: Engine, query: str, department: str | None = None, year: int | None = None,
           limit: int = 200, *, first_window: int = FIRST_WINDOW) -> list[dict]:
    """Distinct (report, page, text) hits for ``query``, with department, year and file."""
    query = query.strip()
    if not query:
        return []
    params: dict = {"q": query, "pattern": _like_pattern(query), "limit": limit}
    extra = _filters(department, year, params)
    rows = _search_rows(engine, query, extra, params, first_window)
    results = [{**{c: row[c] for c in RESULT_COLUMNS if c != "found_in"},
                "found_in": SOURCE_NAMES.get(int(row["code"]))} for row in rows]
    results.sort(key=lambda r: (r["department"] or "", r["fiscal_year"] or 0, r["report_id"],
                                r["page"] if r["page"] is not None else -1, r["text"]))
    return results[:limit]
