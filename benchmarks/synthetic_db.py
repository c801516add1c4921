"""A synthetic database of many reports, and the figures of the read commands at that size.

    .venv/bin/python benchmarks/synthetic_db.py                     # 100,000 reports, PostgreSQL
    .venv/bin/python benchmarks/synthetic_db.py --reports 200 --db /tmp/s.db   # SQLite

Build: the schema is made by the project's migrations (``db.migrate``), so the indexes are
the real ones; the rows are those of real extracted records (the fixture reports by
default, ``--template`` for others), copied under many departments × the years 2016–2025,
each department's figures scaled by its own size and a yearly growth so ``diff`` and
``trend`` find real series. Rows are made as ``db.store`` makes them and written in bulk
(``db.bulk``: ``COPY`` on PostgreSQL with the secondary indexes built once after the load,
``executemany`` on SQLite).

Figures: storing one more real report through ``db.store`` (in an empty schema and at size),
and the statements behind ``juesuan diff``, ``trend``, ``validate`` (one department),
``search`` and a typical ``juesuan sql`` query; each timed (median of ``--repeat`` runs),
each read statement's plan captured (``EXPLAIN (ANALYZE, BUFFERS)`` on PostgreSQL) and any
sequential scan of a big table flagged. ``--plans FILE`` writes the plans.

PostgreSQL: ``--db`` names a database (made when missing); the benchmark works in its own
schemas (``--schema``, and ``<schema>_empty`` for the empty-database figure), dropped and
made again each run. ``--reuse`` measures the schema an earlier run built instead, after
upgrading it to the current schema revision (the upgrade is timed: before/after figures of
one migration on the same rows).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/juesuan_bench_perfdb"
DEFAULT_TEMPLATES = sorted((ROOT / "tests" / "fixtures" / "reports").glob("*"))
YEARS = tuple(range(2016, 2026))
BUREAUS = ("财政局", "教育局", "卫生健康委员会", "公安局", "民政局", "交通运输局", "水利局", "农业农村局",
           "自然资源局", "生态环境局", "住房和城乡建设局", "文化和旅游局", "人力资源和社会保障局", "审计局",
           "统计局", "司法局", "应急管理局", "市场监督管理局", "信访局", "人民政府办公室")
BIG_TABLES = {"reports", "sources", "identity_evidence", "facts", "line_items", "projects", "indicators",
              "findings", "ingest_outcomes"}
LOADED = ("reports", "sources", "identity_evidence", "facts", "line_items", "projects", "indicators",
          "findings", "ingest_outcomes")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- templates -----------------------------------------------------------------------


@dataclasses.dataclass
class Template:
    path: Path
    record: object  # models.records.ReportRecord
    rows: dict[str, list[list]]  # table → rows in table_columns order
    # table → per row: (column index, value, quantum) of each money figure scaled per report
    scaled: dict[str, list[list[tuple[int, Decimal, Decimal]]]]

    @property
    def warnings(self) -> list:
        return self._lists()[0]

    @property
    def tables(self) -> list:
        return self._lists()[1]

    def _lists(self) -> tuple[list, list]:
        """The report's warnings and tables found as ``db.store`` stores them (made once)."""
        if not hasattr(self, "_made"):
            from db.store import _plain_tables

            self._made = (list(self.record.warnings), _plain_tables(self.record))
        return self._made

    @property
    def has_findings(self) -> bool:
        return bool(self.rows["findings"])


def load_templates(paths: list[Path]) -> list[Template]:
    from db.bulk import record_rows, table_columns
    from extractors.readers import read_document
    from extractors.report import extract_report
    from models.orm import Base
    from models.types import ExactDecimal

    templates = []
    for path in paths:
        record = extract_report(read_document(path), filename=path.name)
        if not (record.facts or record.line_items):
            continue
        by_table = record_rows(record)
        rows, scaled = {}, {}
        for table, dicts in by_table.items():
            columns = table_columns(table)
            rows[table] = [[row.get(c) for c in columns] for row in dicts]
            model = Base.metadata.tables[table]
            money = [i for i, c in enumerate(columns)
                     if isinstance(model.c[c].type, ExactDecimal) and "pct" not in c]
            scaled[table] = [[(i, row[i], _quantum(row[i])) for i in money if row[i] is not None]
                             for row in rows[table]]
        templates.append(Template(path, record, rows, scaled))
    if not templates:
        raise SystemExit("no template report has figures")
    return templates


# -- the synthetic reports -----------------------------------------------------------


def department_name(index: int) -> str:
    region, bureau = divmod(index, len(BUREAUS))
    return f"合成{region:05d}县{BUREAUS[bureau]}"


def _factor(department: int, year: int) -> Decimal:
    """A department's size (0.5–1.5) times a growth of 3–9 % a year, to four places."""
    size = Decimal(500 + department * 7919 % 1000) / 1000
    growth = Decimal(103 + department % 7) / 100
    return (size * growth ** (year - YEARS[0])).quantize(Decimal("0.0001"))


def _quantum(value: Decimal) -> Decimal:
    """The places a printed figure has (a scaled figure keeps them: 78.00 → 81.12)."""
    return Decimal(1).scaleb(min(value.as_tuple().exponent, 0))


@dataclasses.dataclass
class Plan:
    """Which department, year and template report number ``i`` is."""

    count: int
    templates: list[Template]

    def report(self, i: int) -> tuple[int, int, Template]:
        department, year = divmod(i, len(YEARS))
        return department, YEARS[year], self.templates[department % len(self.templates)]


def _identity(template: Template, name: str, year: int):
    from models.records import Evidence

    identity = template.record.identity
    region = name.split("县")[0] + "县"
    return dataclasses.replace(identity, department=Evidence(name, "title"),
                               fiscal_year=Evidence(year, "title"), region=Evidence(region, "title"))


def generate(plan: Plan, now: dt.datetime, version: str) -> dict[str, Iterator[tuple]]:
    """Per table, the rows of all ``plan.count`` reports (ids from 1, in report order)."""
    from db.bulk import table_columns

    counters = {table: 0 for table in LOADED}
    col = {table: {c: i for i, c in enumerate(table_columns(table))} for table in LOADED}

    def reports() -> Iterator[tuple]:
        from db.store import report_key, report_key_of
        from models.orm import Report

        for i in range(plan.count):
            department, year, template = plan.report(i)
            name = department_name(department)
            identity = _identity(template, name, year)
            values = {f: identity.value(f) for f in ("department", "region", "fiscal_year", "kind", "scope",
                                                      "consolidation")}
            key = report_key_of(Report(**values)) if values["department"] else report_key(identity)
            row = dict(id=i + 1, report_key=key, **values, title=template.record.identity.title,
                       extractor_version=version, ingested_at=now, warnings=template.warnings,
                       tables_found=template.tables)
            yield tuple(row[c] for c in table_columns("reports"))

    def sources() -> Iterator[tuple]:
        for i in range(plan.count):
            department, year, template = plan.report(i)
            row = dict(id=i + 1, report_id=i + 1, sha256=hashlib.sha256(f"synthetic {i}".encode()).hexdigest(),
                       path=f"synthetic/{department_name(department)}/{year}{template.path.suffix}",
                       format=template.path.suffix.lstrip(".") or "pdf", pages=None, size_bytes=None,
                       position=0, status="stored", superseded_by=None, extractor_version=version,
                       ingested_at=now, warnings=template.warnings, tables_found=template.tables)
            yield tuple(row[c] for c in table_columns("sources"))

    def outcomes() -> Iterator[tuple]:
        for i in range(plan.count):
            department, year, template = plan.report(i)
            row = dict(id=i + 1, run_id="synthetic", path=f"synthetic/{department_name(department)}/{year}"
                       f"{template.path.suffix}", sha256=hashlib.sha256(f"synthetic {i}".encode()).hexdigest(),
                       status="ingested", reason=None, category=None, page=None, report_id=i + 1,
                       extractor_version=version, seconds=None, at=now)
            yield tuple(row[c] for c in table_columns("ingest_outcomes"))

    def content(table: str) -> Iterator[tuple]:
        c = col[table]
        id_at, report_at = c["id"], c["report_id"]
        source_at = c.get("source_id")
        project_at = c.get("project_id")
        value_at = c.get("value") if table == "identity_evidence" else None
        field_at = c.get("field")
        project_base = 0  # the first project id of the current report
        for i in range(plan.count):
            department, year, template = plan.report(i)
            factor = _factor(department, year)
            scaled = template.scaled[table]
            name = department_name(department)
            replaced = {"department": name, "fiscal_year": str(year), "region": name.split("县")[0] + "县"}
            for template_row, money in zip(template.rows[table], scaled, strict=True):
                row = list(template_row)
                counters[table] += 1
                row[id_at] = counters[table]
                row[report_at] = i + 1
                if source_at is not None:
                    row[source_at] = i + 1
                if project_at is not None:
                    row[project_at] = project_base + template_row[project_at] + 1
                if value_at is not None and row[field_at] in replaced:
                    row[value_at] = replaced[row[field_at]]
                for at, value, quantum in money:
                    row[at] = (value * factor).quantize(quantum)
                yield tuple(row)
            if table == "indicators":
                project_base += len(template.rows["projects"])

    out = {"reports": reports(), "sources": sources(), "ingest_outcomes": outcomes()}
    for table in ("identity_evidence", "facts", "line_items", "projects", "indicators", "findings"):
        out[table] = content(table)
    return out


def build(url: str, count: int, templates: list[Template]) -> dict:
    """Fill the (empty, migrated) database at ``url``; returns the build's figures."""
    from sqlalchemy.orm import Session

    from db.bulk import finish_load, load_rows, table_columns, table_sizes, without_indexes
    from db.engine import open_database
    from db.store import _record_codes
    from extractors.report import EXTRACTOR_VERSION

    engine = open_database(url)
    now = dt.datetime.now(dt.UTC)
    plan = Plan(count, templates)
    started = time.monotonic()
    with engine.begin() as connection:
        with without_indexes(connection, LOADED) as dropped:
            streams = generate(plan, now, EXTRACTOR_VERSION)
            for table in LOADED:
                t = time.monotonic()
                n = load_rows(connection, table, table_columns(table), streams[table])
                log(f"{table}: {n:,} rows in {time.monotonic() - t:.0f} s")
            loaded = time.monotonic()
            log(f"rows written in {loaded - started:.0f} s; building {len(dropped)} indexes")
        indexed = time.monotonic()
        log(f"indexes built in {indexed - loaded:.0f} s")
    with Session(engine) as session:
        for template in templates:
            for year in YEARS:
                _record_codes(session, template.record.line_items, year)
        session.commit()
    with engine.begin() as connection:
        finish_load(connection, LOADED + ("classification_codes",))
        sizes = table_sizes(connection, LOADED)
    done = time.monotonic()
    engine.dispose()
    rows = sum(sizes.values())
    return {"seconds": done - started, "load_s": loaded - started, "index_s": indexed - loaded,
            "rows": rows, "sizes": sizes, "reports_per_s": count / (done - started)}


# -- the figures ---------------------------------------------------------------------


@dataclasses.dataclass
class Figure:
    name: str
    ms: float
    statements: int
    seq_scans: list[str]
    slowest_ms: float | None = None
    slowest_sql: str = ""
    plans: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def measure(engine, name: str, action: Callable[[], object], repeat: int, explain_reads: bool = True) -> Figure:
    """Median wall time of ``action`` over ``repeat`` runs, and the plans of its reads."""
    from db.explain import captured, execution_ms, explain, seq_scans

    times: list[float] = []
    while len(times) < repeat and sum(times) < 10_000:  # a slow statement is not run 5 times
        t = time.perf_counter()
        action()
        times.append((time.perf_counter() - t) * 1000)
    with captured(engine) as capture:
        action()
    plans, flagged, slowest, slowest_sql = [], [], None, ""
    if explain_reads:
        for statement in capture.reads():
            plan = explain(engine, statement)
            plans.append((statement.sql, plan))
            for table in seq_scans(plan, BIG_TABLES):
                if table not in flagged:
                    flagged.append(table)
            ms = execution_ms(plan)
            if ms is not None and (slowest is None or ms > slowest):
                slowest, slowest_sql = ms, statement.sql
    return Figure(name, statistics.median(times), len(capture.statements), flagged, slowest, slowest_sql, plans)


def store_one(url: str, template: Template, tag: str) -> Callable[[], None]:
    """An action storing ``template`` once more as a new department's report (db.store)."""
    from db.engine import make_engine, session_factory
    from db.store import FileInfo, store_report
    from extractors.report import EXTRACTOR_VERSION

    engine = make_engine(url)
    sessions = session_factory(engine)
    counter = iter(range(10**6))

    def action() -> None:
        n = next(counter)
        name = f"新增{tag}{n:04d}县{BUREAUS[n % len(BUREAUS)]}"
        record = dataclasses.replace(template.record, identity=_identity(template, name, 2025))
        sha = hashlib.sha256(f"added {tag} {n}".encode()).hexdigest()
        with sessions.begin() as session:
            store_report(session, record, FileInfo(f"added/{tag}/{n}.pdf", sha, "pdf"),
                         extractor_version=EXTRACTOR_VERSION)

    action.engine = engine  # type: ignore[attr-defined]
    return action


def read_figures(url: str, plan: Plan, repeat: int, search_text: str) -> list[Figure]:
    from sqlalchemy.orm import Session

    from cli.trend import DEFAULT_METRICS
    from compare.diff import compare_reports
    from db.engine import make_engine
    from db.explain import Statement
    from db.export import report_ids
    from db.load import load_record
    from db.readonly import run_sql
    from db.search import search
    from db.selection import match_departments, report_pair, stored_findings
    from db.series import departments_matching, fact_points, line_points

    engine = make_engine(url)
    # A department in the middle of the build whose template has findings.
    middle = plan.count // len(YEARS) // 2
    department = next(d for d in range(middle, plan.count // len(YEARS))
                      if plan.templates[d % len(plan.templates)].has_findings) \
        if any(t.has_findings for t in plan.templates) else middle
    name = department_name(department)
    codes = sorted({row.code for row in plan.templates[department % len(plan.templates)].record.line_items
                    if row.code and row.classification == "function" and len(row.code) == 3})[:3]

    def diff() -> None:
        with Session(engine) as session:
            names = match_departments(session, name)
            pair = report_pair(session, names[0], 2024, 2025, [("final", "final"), ("budget", "budget"),
                                                               ("final", "budget"), ("budget", "final")])
            a, b = (load_record(session, report_id) for report_id in pair)
            compare_reports(a, b, threshold=Decimal("0.01"))

    def trend() -> None:
        names = sorted({d for found in departments_matching(engine, [name]).values() for d in found})
        fact_points(engine, names, list(DEFAULT_METRICS))
        line_points(engine, names, codes)

    def validate() -> None:
        with Session(engine) as session:
            report_ids(session, name, None)
            stored_findings(session, name, None, None, None)

    figures = [
        measure(engine, "diff (one department, 2024 → 2025)", diff, repeat),
        measure(engine, "trend (one department, 2 metrics + 3 lines)", trend, repeat),
        measure(engine, "validate --department (one department)", validate, repeat),
        measure(engine, f"search {search_text!r}, one department",
                lambda: search(engine, search_text, department=name), repeat),
        measure(engine, f"search {search_text!r}, all (first 200)", lambda: search(engine, search_text), repeat),
    ]
    for label, sql in SQL_EXAMPLES:
        sql = sql.format(name=name)
        figure = measure(engine, label, lambda sql=sql: run_sql(url, sql), repeat, explain_reads=False)
        from db.explain import execution_ms, explain, seq_scans

        plan_text = explain(engine, Statement(sql, None, False))
        figure.plans, figure.seq_scans = [(sql, plan_text)], seq_scans(plan_text, BIG_TABLES)
        figure.slowest_ms, figure.slowest_sql = execution_ms(plan_text), sql
        figures.append(figure)
    engine.dispose()
    return figures


SQL_EXAMPLES = (
    ("sql: one department's facts (v_facts)",
     "SELECT department, fiscal_year, origin, value, page FROM v_facts "
     "WHERE metric = 'income.total' AND department = '{name}' ORDER BY fiscal_year"),
    ("sql: income.total of every report (README example)",
     "SELECT department, fiscal_year, origin, value, page FROM v_facts WHERE metric = 'income.total'"),
)


# -- databases -----------------------------------------------------------------------


def prepare_pg(url: str, schema: str) -> str:
    """``url`` (its database made when missing) with ``schema`` dropped and made again as
    its search_path."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"),
                                  {"d": base.database}).scalar():
            connection.execute(text(f'CREATE DATABASE "{base.database}"'))
    admin.dispose()
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def prepare(db: str, schema: str) -> str:
    from db.engine import resolve_url

    url = resolve_url(db)
    if url.startswith("sqlite"):
        from sqlalchemy.engine import make_url

        path = Path(make_url(url).database or "")
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        return url
    return prepare_pg(url, schema)


def drop_pg_schema(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = make_url(url).query["options"].split("=")[-1]
    engine = create_engine(make_url(url).difference_update_query(["options"]))
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def reuse(db: str, schema: str, count: int) -> dict:
    """The figures of an earlier build in ``schema`` (PostgreSQL), its schema upgraded to
    this revision first (timed: e.g. the trigram indexes of 0009 made at size)."""
    from db.bulk import table_sizes
    from db.engine import open_database, resolve_url
    from db.migrate import current_revision, head_revision

    url = resolve_url(db)
    separator = "&" if "?" in url else "?"
    url = f"{url}{separator}options=-csearch_path%3D{schema}"
    from db.engine import make_engine

    engine = make_engine(url)
    was = current_revision(engine)
    engine.dispose()
    started = time.monotonic()
    engine = open_database(url)
    upgraded = time.monotonic() - started
    log(f"schema {was} → {head_revision()} in {upgraded:.0f} s")
    with engine.begin() as connection:
        sizes = table_sizes(connection, LOADED)
    engine.dispose()
    if sizes["reports"] < count:
        raise SystemExit(f"--reuse: schema {schema} holds {sizes['reports']:,} reports, fewer than {count:,}")
    return {"url": url, "seconds": 0.0, "load_s": 0.0, "index_s": 0.0, "rows": sum(sizes.values()),
            "sizes": sizes, "reports_per_s": 0.0, "reused": f"{was} → {head_revision()} in {upgraded:.0f} s"}


def render(build_figures: dict, ingest: list[Figure], reads: list[Figure], count: int, url: str) -> str:
    from sqlalchemy.engine import make_url

    if "reused" in build_figures:
        made = f"made by an earlier run, schema upgraded {build_figures['reused']}"
    else:
        made = (f"built in {build_figures['seconds']:.0f} s (rows {build_figures['load_s']:.0f} s, "
                f"indexes {build_figures['index_s']:.0f} s; {build_figures['reports_per_s']:,.0f} reports/s)")
    lines = [f"synthetic database: {count:,} reports, {build_figures['rows']:,} rows "
             f"({make_url(url).get_backend_name()}), {made}",
             "", "| what | ms (median) | statements | slowest statement ms | seq scan of a big table |",
             "|---|---:|---:|---:|---|"]
    for f in ingest + reads:
        slowest = "" if f.slowest_ms is None else f"{f.slowest_ms:.1f}"
        lines.append(f"| {f.name} | {f.ms:.1f} | {f.statements} | {slowest} | {', '.join(f.seq_scans) or '—'} |")
    sizes = ", ".join(f"{t} {n:,}" for t, n in build_figures["sizes"].items())
    return "\n".join(lines + ["", f"rows: {sizes}"]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--db", default=DEFAULT_DB, help="PostgreSQL URL or SQLite path")
    parser.add_argument("--schema", default="synthetic", help="PostgreSQL schema to work in")
    parser.add_argument("--template", type=Path, action="append", help="report files to copy (default: fixtures)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--search", default="一般公共预算", help="text searched for")
    parser.add_argument("--plans", type=Path, help="write every captured plan here")
    parser.add_argument("--out", type=Path, help="write the table of figures here too")
    parser.add_argument("--reuse", action="store_true",
                        help="measure the database the last run built (PostgreSQL schema), upgraded to this "
                             "schema revision, instead of building it again")
    args = parser.parse_args(argv)

    templates = load_templates(args.template or DEFAULT_TEMPLATES)
    log(f"{len(templates)} template reports")
    reused = reuse(args.db, args.schema, args.reports) if args.reuse else None
    url = reused["url"] if reused else prepare(args.db, args.schema)
    empty_url = url
    if not url.startswith("sqlite"):
        empty_url = prepare(args.db, args.schema + "_empty")
        from db.engine import open_database

        open_database(empty_url).dispose()
        empty = store_one(empty_url, templates[0], "empty")
        ingest_empty = measure(empty.engine, "store one report (db.store), empty database", empty,
                               args.repeat, explain_reads=False)
        empty.engine.dispose()
        drop_pg_schema(empty_url)
    if reused:
        built = reused
    else:
        log(f"building {args.reports:,} reports")
        built = build(url, args.reports, templates)
        log(f"built in {built['seconds']:.0f} s ({built['reports_per_s']:.0f} reports/s)")
    ingest = []
    if not url.startswith("sqlite"):
        ingest.append(ingest_empty)
    at_size = store_one(url, templates[0], "sized")
    ingest.append(measure(at_size.engine, f"store one report (db.store), {args.reports:,} reports stored",
                          at_size, args.repeat))
    at_size.engine.dispose()
    reads = read_figures(url, Plan(args.reports, templates), args.repeat, args.search)
    table = render(built, ingest, reads, args.reports, url)
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    if args.plans:
        with args.plans.open("w", encoding="utf-8") as out:
            for figure in ingest + reads:
                for sql, plan in figure.plans:
                    out.write(f"== {figure.name}\n{sql}\n\n{plan}\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
