"""Export: JSON in SPEC.md's shape with exact decimals, valid against db/export_schema.json;
CSV, Parquet and Excel per research view, money exact in each (on SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from db_sample import narrative_record, precise_record, tables_record

from db.engine import open_database, session_factory
from db.export import (
    _arrow_column,
    dumps,
    excel_number_format,
    export_csv,
    export_json,
    export_parquet,
    export_xlsx,
)
from db.store import FileInfo, store_report

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "db" / "export_schema.json").read_text())


@pytest.fixture
def engine(db_url):
    engine = open_database(db_url)
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record(), precise_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    yield engine
    engine.dispose()


def _json_text(engine) -> str:
    with session_factory(engine)() as session:
        return dumps(export_json(session))


def test_json_export_validates_against_the_schema(engine):
    data = json.loads(_json_text(engine), parse_float=Decimal)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [r["department"] for r in data["reports"]] == ["盐边县人民政府办公室", "精度测试局"]


def test_schema_rejects_money_as_a_string(engine):
    data = json.loads(_json_text(engine), parse_float=Decimal)
    data["reports"][0]["facts"][0]["value"] = "850.18"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_json_numbers_keep_their_exact_digits(engine):
    text = _json_text(engine)
    assert '"value": 850.18,' in text
    assert '"value": 15621.1123,' in text
    assert '"prior_value": 78.00,' in text  # trailing zeros as printed
    assert '"change_pct": -1.28,' in text
    assert "850.1799" not in text


def test_json_report_has_spec_fields_and_provenance(engine):
    report = json.loads(_json_text(engine), parse_float=Decimal)["reports"][0]
    assert report["source"] == "r0.pdf"
    assert [s["path"] for s in report["sources"]] == ["r0.pdf", "r1.pdf"]
    assert report["identity"]["department"]["found_in"] == "title"
    fact = report["facts"][0]
    assert (fact["metric"], fact["value"], fact["prior_value"], fact["change"], fact["change_pct"]) == \
        ("income.total", Decimal("850.18"), Decimal("731.42"), Decimal("118.76"), Decimal("16.24"))
    assert fact["share_pct"] is None and fact["line"] == 64 and fact["file"] == "r0.pdf"
    table_line = report["line_items"][2]
    assert (table_line["code"], table_line["code_origin"], table_line["page"], table_line["file"]) == \
        ("2010301", "printed", 14, "r1.pdf")
    assert report["projects"][0]["indicators"][0]["actual"] == "按工作计划全部完成"


def test_csv_per_view(engine, tmp_path):
    written = export_csv(engine, tmp_path / "csv")
    names = sorted(p.name for p in written)
    assert names == ["facts.csv", "findings.csv", "indicators.csv", "line_items.csv",
                     "projects.csv", "reports.csv"]
    with (tmp_path / "csv" / "facts.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["department"] == "盐边县人民政府办公室" and rows[0]["metric"] == "income.total"
    assert Decimal(rows[0]["value"]) == Decimal("850.18")


def test_csv_keeps_the_stored_digits(engine, tmp_path):
    """The views cast money to a number on SQLite; the CSV must not pass through it."""
    export_csv(engine, tmp_path / "csv")
    lines = (tmp_path / "csv" / "line_items.csv").read_text(encoding="utf-8-sig")
    facts = (tmp_path / "csv" / "facts.csv").read_text(encoding="utf-8-sig")
    assert ",486.90," in lines and ",486.9," not in lines
    assert ",15621.1123," in facts and ",78.00," in facts and ",-1.28," in facts


def test_parquet_per_view(engine, tmp_path):
    import pyarrow.parquet as pq

    export_parquet(engine, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "line_items.parquet").to_pylist()
    assert [(r["code"], r["value"]) for r in table[:2]] == \
        [("2010301", Decimal("486.90")), ("2100409", Decimal("0.09"))]


def test_parquet_money_is_exact_decimal(engine, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    export_parquet(engine, tmp_path / "pq")
    facts = pq.read_table(tmp_path / "pq" / "facts.parquet")
    # The column's scale is the largest present (15621.1123: 4 places).
    assert facts.schema.field("value").type == pa.decimal128(38, 4)
    values = facts.column("value").to_pylist()
    assert Decimal("15621.1123") in values
    assert all(isinstance(v, Decimal) for v in values if v is not None)
    lines = pq.read_table(tmp_path / "pq" / "line_items.parquet").column("value").to_pylist()
    assert Decimal("486.90") in lines and str(lines[0]) == "486.90"  # line_items: scale 2
    changes = facts.column("change_pct").to_pylist()
    assert Decimal("-1.28") in changes and Decimal("16.24") in changes
    # No report states a budget for its facts: still a decimal column, all null.
    assert facts.schema.field("budget_value").type == pa.decimal128(38, 0)
    assert set(facts.column("budget_value").to_pylist()) == {None}


def test_parquet_falls_back_to_text_beyond_38_digits():
    import pyarrow as pa

    wide = Decimal("1" * 30 + "." + "1" * 10)  # 40 digits: no decimal128 holds it
    column = _arrow_column([wide, Decimal("0.5"), None])
    assert column.type == pa.string()
    assert column.to_pylist() == [str(wide), "0.5", None]
    assert _arrow_column([Decimal("1E+2"), Decimal("0.50")]).to_pylist() == \
        [Decimal("100.00"), Decimal("0.50")]


def test_xlsx_one_sheet_per_view(engine, tmp_path):
    from openpyxl import load_workbook

    path = export_xlsx(engine, tmp_path / "out.xlsx")
    workbook = load_workbook(path, read_only=True)
    assert {"facts", "line_items", "projects", "indicators", "findings", "reports"} <= set(workbook.sheetnames)
    rows = list(workbook["projects"].iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][header.index("project")] == "县政府办公室工作经费"
    assert rows[1][header.index("executed")] == 77.98


def test_xlsx_numbers_show_the_stored_digits(engine, tmp_path):
    from openpyxl import load_workbook

    path = export_xlsx(engine, tmp_path / "out.xlsx")
    workbook = load_workbook(path)
    formatted = {}
    for name in ("line_items", "facts"):
        sheet = workbook[name]
        header = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            cell = row[header.index("value")]
            formatted[cell.value] = cell.number_format
    assert formatted[486.9] == "0.00"  # a number, displayed 486.90 as printed
    assert formatted[15621.1123] == "0.0000"
    assert formatted[0.09] == "0.00"


def test_excel_number_format_follows_the_decimal_places():
    assert excel_number_format(Decimal("78")) == "0"
    assert excel_number_format(Decimal("78.00")) == "0.00"
    assert excel_number_format(Decimal("1E+2")) == "0"
    assert excel_number_format(Decimal("0.123456")) == "0.000000"


def test_xlsx_writes_text_when_a_double_cannot_hold_the_value(tmp_path):
    """16+ significant digits do not survive an Excel number: the exact text instead."""
    from openpyxl import Workbook

    from db.export import _xlsx_cell

    sheet = Workbook(write_only=True).create_sheet("t")
    assert _xlsx_cell(sheet, Decimal("1234567890123.4567")) == "1234567890123.4567"
    assert _xlsx_cell(sheet, Decimal("123456789012.345")).value == 123456789012.345  # 15 digits
