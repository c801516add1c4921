"""Export: JSON in SPEC.md's shape with exact decimals, valid against db/export_schema.json;
CSV, Parquet and Excel per research view."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from db.engine import open_database, session_factory
from db.export import dumps, export_csv, export_json, export_parquet, export_xlsx
from db.store import FileInfo, store_report
from db_sample import narrative_record, precise_record, tables_record

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "db" / "export_schema.json").read_text())


@pytest.fixture
def engine(tmp_path):
    engine = open_database(tmp_path / "j.db")
    with session_factory(engine).begin() as session:
        for i, record in enumerate((narrative_record(), tables_record(), precise_record())):
            store_report(session, record, FileInfo(f"r{i}.pdf", str(i) * 64, "pdf", 21, 1),
                         extractor_version="test")
    yield engine
    engine.dispose()


def _json_text(engine) -> str:  # noqa: ANN001
    with session_factory(engine)() as session:
        return dumps(export_json(session))


def test_json_export_validates_against_the_schema(engine):  # noqa: ANN001
    data = json.loads(_json_text(engine), parse_float=Decimal)
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert [r["department"] for r in data["reports"]] == ["盐边县人民政府办公室", "精度测试局"]


def test_schema_rejects_money_as_a_string(engine):  # noqa: ANN001
    data = json.loads(_json_text(engine), parse_float=Decimal)
    data["reports"][0]["facts"][0]["value"] = "850.18"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_json_numbers_keep_their_exact_digits(engine):  # noqa: ANN001
    text = _json_text(engine)
    assert '"value": 850.18,' in text
    assert '"value": 15621.1123,' in text
    assert '"prior_value": 78.00,' in text  # trailing zeros as printed
    assert '"change_pct": -1.28,' in text
    assert "850.1799" not in text


def test_json_report_has_spec_fields_and_provenance(engine):  # noqa: ANN001
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


def test_csv_per_view(engine, tmp_path):  # noqa: ANN001
    written = export_csv(engine, tmp_path / "csv")
    names = sorted(p.name for p in written)
    assert names == ["facts.csv", "findings.csv", "indicators.csv", "line_items.csv",
                     "projects.csv", "reports.csv"]
    with (tmp_path / "csv" / "facts.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["department"] == "盐边县人民政府办公室" and rows[0]["metric"] == "income.total"
    assert Decimal(rows[0]["value"]) == Decimal("850.18")


def test_parquet_per_view(engine, tmp_path):  # noqa: ANN001
    import pyarrow.parquet as pq

    export_parquet(engine, tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "line_items.parquet").to_pylist()
    assert [(r["code"], r["value"]) for r in table[:2]] == [("2010301", 486.9), ("2100409", 0.09)]


def test_xlsx_one_sheet_per_view(engine, tmp_path):  # noqa: ANN001
    from openpyxl import load_workbook

    path = export_xlsx(engine, tmp_path / "out.xlsx")
    workbook = load_workbook(path, read_only=True)
    assert {"facts", "line_items", "projects", "indicators", "findings", "reports"} <= set(workbook.sheetnames)
    rows = list(workbook["projects"].iter_rows(values_only=True))
    header = rows[0]
    assert rows[1][header.index("project")] == "县政府办公室工作经费"
    assert rows[1][header.index("executed")] == 77.98
